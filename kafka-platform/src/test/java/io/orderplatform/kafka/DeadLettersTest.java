package io.orderplatform.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.schemas.envelope.Envelope;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void a_dead_letter_keeps_key_value_and_headers_and_says_where_from_and_why() {
        ConsumerRecord<String, byte[]> failed =
                new ConsumerRecord<>("orders.commands", 4, 17L, "order-1", "{not json".getBytes(UTF_8));
        failed.headers().add("ce_id", "command-1".getBytes(UTF_8));

        ProducerRecord<String, byte[]> dead =
                DeadLetters.of(failed, "SerializationException: bad", Instant.parse("2026-11-27T10:00:00Z"));

        assertThat(dead.topic()).isEqualTo("orders.commands.dlq");
        assertThat(dead.key()).isEqualTo("order-1");
        assertThat(dead.value()).isEqualTo(failed.value());
        assertThat(Envelope.get(dead.headers(), "ce_id")).isEqualTo("command-1");
        assertThat(Envelope.get(dead.headers(), DeadLetters.REASON)).isEqualTo("SerializationException: bad");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("orders.commands");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("4");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("17");
        assertThat(Envelope.get(dead.headers(), DeadLetters.FAILED_AT)).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(failed.headers().lastHeader(DeadLetters.REASON))
                .as("the source record is untouched")
                .isNull();
    }

    @Test
    void the_reason_names_the_root_cause() {
        Exception failure = new IllegalStateException("outer", new IllegalArgumentException("the real cause"));

        assertThat(DeadLetters.reasonOf(failure)).isEqualTo("IllegalArgumentException: the real cause");
    }
}
