package io.orderplatform.kafka.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderplatform.schemas.catalog.DeadLetterTopic;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records: a record that could not be processed, copied unchanged (key, value, headers)
 * to {@code <topic>.dlq} with where it came from and why, so that an operator can inspect it and
 * redrive it to its source after a fix. Every service writes them the same way.
 */
public final class DeadLetters {

    /** Why the record could not be processed, for a human. */
    public static final String REASON = "dlq_reason";
    /** The topic, partition and offset the record was read from. */
    public static final String SOURCE_TOPIC = "dlq_source_topic";

    public static final String SOURCE_PARTITION = "dlq_source_partition";
    public static final String SOURCE_OFFSET = "dlq_source_offset";
    /** When it was given up on, ISO-8601. */
    public static final String FAILED_AT = "dlq_failed_at";

    private DeadLetters() {}

    /** The dead letter of a consumed record. */
    public static <K, V> ProducerRecord<K, V> of(ConsumerRecord<K, V> failed, String reason, Instant failedAt) {
        return of(
                failed.topic(),
                failed.partition(),
                failed.offset(),
                failed.key(),
                failed.value(),
                failed.headers(),
                reason,
                failedAt);
    }

    /** The dead letter of a record read from {@code sourceTopic} at {@code partition}/{@code offset}. */
    public static <K, V> ProducerRecord<K, V> of(
            String sourceTopic,
            int partition,
            long offset,
            K key,
            V value,
            Headers headers,
            String reason,
            Instant failedAt) {
        Headers copy = new RecordHeaders(headers.toArray());
        put(copy, REASON, reason);
        put(copy, SOURCE_TOPIC, sourceTopic);
        put(copy, SOURCE_PARTITION, String.valueOf(partition));
        put(copy, SOURCE_OFFSET, String.valueOf(offset));
        put(copy, FAILED_AT, failedAt.toString());
        return new ProducerRecord<>(DeadLetterTopic.nameFor(sourceTopic), null, key, value, copy);
    }

    /** A one-line reason naming the root cause of a failure. */
    public static String reasonOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name).add(name, value.getBytes(UTF_8));
    }
}
