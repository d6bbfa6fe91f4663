package io.orderplatform.kafka.deadletter;

import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.Topic;
import io.orderplatform.schemas.catalog.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A servlet service that owns dead letters of {@code orders.events} and {@code fulfillment.replies},
 * and nothing else: what the platform's auto-configuration gives any such service.
 */
@SpringBootApplication
class DeadLetterTestApplication {

    static final ConsumerTopics CONSUMER = ConsumerTopics.of(
            "dead-letter-it", Map.of(), Map.of(), List.of(Topics.ORDERS_EVENTS, Topics.FULFILLMENT_REPLIES));

    /** Not in the catalog: declared as any service outside it would. */
    @Bean
    ConsumerTopics consumerTopics() {
        return CONSUMER;
    }

    @Bean
    KafkaAdmin.NewTopics deadLetterTestTopics() {
        return new KafkaAdmin.NewTopics(CONSUMER.topics().stream()
                .map(DeadLetterTestApplication::newTopic)
                .toArray(NewTopic[]::new));
    }

    private static NewTopic newTopic(Topic<?, ?> topic) {
        return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty());
    }
}
