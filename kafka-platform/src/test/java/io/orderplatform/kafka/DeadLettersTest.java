package io.orderplatform.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final Instant FAILED_AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void a_dead_letter_goes_to_its_consumers_topic_with_who_gave_up_where_from_why_and_when() {
        ConsumerRecord<String, byte[]> failed =
                new ConsumerRecord<>("orders.commands", 4, 17L, "order-1", "{not json".getBytes(UTF_8));
        failed.headers().add("ce_id", "command-1".getBytes(UTF_8));

        ProducerRecord<String, byte[]> dead = DeadLetters.of(
                Topics.ORDER_COMMAND,
                failed,
                new IllegalStateException("outer", new IllegalArgumentException("bad")),
                FAILED_AT);

        assertThat(dead.topic()).isEqualTo("order-command.orders.commands.dlq");
        assertThat(dead.key()).isEqualTo("order-1");
        assertThat(dead.value()).isEqualTo(failed.value());
        assertThat(dead.timestamp()).as("kept from when it failed").isEqualTo(FAILED_AT.toEpochMilli());
        assertThat(Envelope.get(dead.headers(), "ce_id")).isEqualTo("command-1");
        assertThat(Envelope.get(dead.headers(), DeadLetters.CONSUMER)).isEqualTo("order-command");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("orders.commands");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("4");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("17");
        assertThat(Envelope.get(dead.headers(), DeadLetters.ERROR_CLASS))
                .isEqualTo("java.lang.IllegalArgumentException");
        assertThat(Envelope.get(dead.headers(), DeadLetters.ERROR_MESSAGE)).isEqualTo("bad");
        assertThat(Envelope.get(dead.headers(), DeadLetters.REASON)).isEqualTo("IllegalArgumentException: bad");
        assertThat(Envelope.get(dead.headers(), DeadLetters.FAILED_AT)).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(failed.headers().lastHeader(DeadLetters.REASON))
                .as("the source record is untouched")
                .isNull();
    }

    @Test
    void a_retried_record_that_fails_again_is_dead_lettered_as_from_its_original_source() {
        ConsumerRecord<String, byte[]> retried =
                new ConsumerRecord<>("saga-orchestrator.retry", 2, 5L, "order-1", "{}".getBytes(UTF_8));
        retried.headers().add("ce_id", "reply-1".getBytes(UTF_8));
        retried.headers().add(Retries.SOURCE_TOPIC, "fulfillment.replies".getBytes(UTF_8));
        retried.headers().add(Retries.SOURCE_PARTITION, "2".getBytes(UTF_8));
        retried.headers().add(Retries.SOURCE_OFFSET, "41".getBytes(UTF_8));

        ProducerRecord<String, byte[]> dead =
                DeadLetters.of(Topics.SAGA_ORCHESTRATOR, retried, new IllegalArgumentException("still bad"), FAILED_AT);

        assertThat(dead.topic()).isEqualTo("saga-orchestrator.fulfillment.replies.dlq");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("fulfillment.replies");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(dead.headers().lastHeader(Retries.SOURCE_TOPIC))
                .as("the dlq_source_* headers say the same")
                .isNull();
        assertThat(Envelope.get(dead.headers(), "ce_id")).isEqualTo("reply-1");
    }

    @Test
    void a_retried_record_naming_no_source_of_its_consumer_goes_to_the_first_sources_dead_letters() {
        ConsumerRecord<String, byte[]> stray =
                new ConsumerRecord<>("projection-service.retry", 0, 3L, "k", "{}".getBytes(UTF_8));
        stray.headers().add(Retries.SOURCE_TOPIC, "orders.commands".getBytes(UTF_8));

        ProducerRecord<String, byte[]> dead =
                DeadLetters.of(Topics.PROJECTION_SERVICE, stray, new IllegalArgumentException("?"), FAILED_AT);

        assertThat(dead.topic()).isEqualTo("projection-service.orders.events.dlq");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("projection-service.retry");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("3");
    }

    @Test
    void a_long_message_is_cut_and_a_missing_one_named() {
        String longMessage = "x".repeat(5_000);
        ConsumerRecord<String, byte[]> failed = new ConsumerRecord<>("orders.commands", 0, 0L, "k", new byte[0]);

        ProducerRecord<String, byte[]> cut =
                DeadLetters.of(Topics.ORDER_COMMAND, failed, new IllegalStateException(longMessage), FAILED_AT);
        ProducerRecord<String, byte[]> none =
                DeadLetters.of(Topics.ORDER_COMMAND, failed, new NullPointerException(), FAILED_AT);

        assertThat(Envelope.get(cut.headers(), DeadLetters.ERROR_MESSAGE)).hasSize(1_003);
        assertThat(Envelope.get(none.headers(), DeadLetters.ERROR_MESSAGE)).isEqualTo("null");
    }

    @Test
    void the_reason_names_the_root_cause() {
        Exception failure = new IllegalStateException("outer", new IllegalArgumentException("the real cause"));

        assertThat(DeadLetters.reasonOf(failure)).isEqualTo("IllegalArgumentException: the real cause");
    }
}
