package io.orderplatform.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.kafka.deadletter.RecordOrigin;
import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RetriesTest {

    @Test
    void a_redriven_dead_letter_goes_to_its_consumers_retry_topic_as_read_naming_its_source() {
        ConsumerRecord<String, byte[]> failed =
                new ConsumerRecord<>("orders.events", 3, 99L, "order-1", "{\"orderId\":\"order-1\"}".getBytes(UTF_8));
        failed.headers().add("ce_id", "event-1".getBytes(UTF_8));
        failed.headers().add("ce_type", "orders.OrderPlaced.v1".getBytes(UTF_8));
        ProducerRecord<String, byte[]> dead =
                DeadLetters.of(Topics.PROJECTION_SERVICE, failed, new IllegalArgumentException("bad"), Instant.EPOCH);
        ConsumerRecord<byte[], byte[]> stored = new ConsumerRecord<>(
                dead.topic(),
                3,
                7L,
                0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0,
                0,
                dead.key().getBytes(UTF_8),
                dead.value(),
                new RecordHeaders(dead.headers().toArray()),
                java.util.Optional.empty());

        ProducerRecord<byte[], byte[]> retry = Retries.of(
                Topics.PROJECTION_SERVICE, Topics.PROJECTION_SERVICE.deadLettersOf(Topics.ORDERS_EVENTS), stored);

        assertThat(retry.topic()).isEqualTo("projection-service.retry");
        assertThat(retry.partition()).as("its source partition").isEqualTo(3);
        assertThat(retry.key()).isEqualTo("order-1".getBytes(UTF_8));
        assertThat(retry.value()).isEqualTo(failed.value());
        assertThat(retry.headers().toArray())
                .extracting(Header::key)
                .containsExactly(
                        "ce_id", "ce_type", Retries.SOURCE_TOPIC, Retries.SOURCE_PARTITION, Retries.SOURCE_OFFSET);
        assertThat(Envelope.get(retry.headers(), Retries.SOURCE_TOPIC)).isEqualTo("orders.events");
        assertThat(Envelope.get(retry.headers(), Retries.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(Envelope.get(retry.headers(), Retries.SOURCE_OFFSET)).isEqualTo("99");
    }

    @Test
    void a_retried_record_is_from_the_source_it_names_and_any_other_from_where_it_was_read() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Retries.SOURCE_TOPIC, "inventory.events".getBytes(UTF_8));
        headers.add(Retries.SOURCE_PARTITION, "1".getBytes(UTF_8));
        headers.add(Retries.SOURCE_OFFSET, "12".getBytes(UTF_8));

        assertThat(Retries.originOf(Topics.PROJECTION_SERVICE, "projection-service.retry", 1, 4, headers))
                .isEqualTo(new RecordOrigin("inventory.events", 1, 12));
        assertThat(Retries.originOf(Topics.PROJECTION_SERVICE, "inventory.events", 5, 8, headers))
                .as("a header on a source record means nothing")
                .isEqualTo(new RecordOrigin("inventory.events", 5, 8));
        assertThat(Retries.sourceTopicOf(Topics.SAGA_ORCHESTRATOR, "saga-orchestrator.retry", headers))
                .as("not a source of the saga")
                .isEqualTo("saga-orchestrator.retry");
    }
}
