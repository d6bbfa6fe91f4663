package io.orderplatform.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.catalog.Topic;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.inventory.InventoryContracts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerTopicsTest {

    @Test
    void every_consumer_owns_a_dead_letter_topic_per_source_and_one_retry_topic() {
        assertThat(Topics.consumers())
                .flatMap(ConsumerTopics::topics)
                .extracting(Topic::name)
                .containsExactly(
                        "saga-orchestrator.orders.events.dlq",
                        "saga-orchestrator.fulfillment.replies.dlq",
                        "saga-orchestrator.retry",
                        "projection-service.orders.events.dlq",
                        "projection-service.inventory.events.dlq",
                        "projection-service.retry",
                        "order-command.orders.commands.dlq",
                        "order-command.retry",
                        "inventory-command.inventory.commands.dlq",
                        "inventory-command.retry");
    }

    @Test
    void the_catalog_has_no_shared_dead_letter_topic_left() {
        assertThat(Topics.all())
                .extracting(Topic::name)
                .doesNotHaveDuplicates()
                .doesNotContain(
                        "orders.events.dlq",
                        "inventory.events.dlq",
                        "orders.commands.dlq",
                        "inventory.commands.dlq",
                        "fulfillment.replies.dlq");
    }

    @Test
    void a_retry_topic_has_its_sources_partitions_and_dead_letters_keep_theirs() {
        for (ConsumerTopics consumer : Topics.consumers()) {
            assertThat(consumer.retry().partitions()).isEqualTo(Topics.PARTITIONS);
            consumer.deadLetters()
                    .forEach(dlq ->
                            assertThat(dlq.partitions()).isEqualTo(dlq.source().partitions()));
        }
    }

    @Test
    void a_consumer_is_found_by_its_service_name_and_its_dead_letters_by_source() {
        ConsumerTopics saga = Topics.consumer("saga-orchestrator").orElseThrow();

        assertThat(saga.deadLettersOf(Topics.FULFILLMENT_REPLIES).name())
                .isEqualTo("saga-orchestrator.fulfillment.replies.dlq");
        assertThat(saga.deadLettersOf("inventory.events")).isEmpty();
        assertThat(saga.deadLettersFor("saga-orchestrator.retry").source())
                .as("a record of unknown source goes to the first source's dead letters")
                .isEqualTo(Topics.ORDERS_EVENTS);
        assertThat(Topics.consumer("someone-else")).isEmpty();
    }

    @Test
    void a_retry_topic_must_have_as_many_partitions_as_every_source() {
        ContractTopic<?> three = ContractTopic.of("three", InventoryContracts.EVENTS, 3, Map.of());

        assertThatThrownBy(() -> ConsumerTopics.of("mixed", Map.of(), Map.of(), List.of(Topics.ORDERS_EVENTS, three)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixed.retry");
    }
}
