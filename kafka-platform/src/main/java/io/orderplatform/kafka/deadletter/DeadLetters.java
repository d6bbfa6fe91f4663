package io.orderplatform.kafka.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.DeadLetterTopic;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records: a record a consumer gave up on, copied unchanged (key, value, headers) to that
 * consumer's {@code <consumer>.<source>.dlq} with who gave up, where the record came from and why, so
 * that an operator can inspect it and redrive it to that consumer after a fix. Every service writes
 * them the same way. A retried record that fails again is dead-lettered as coming from its original
 * source topic, partition and offset (see {@link Retries#originOf}).
 */
public final class DeadLetters {

    /** The prefix of every header a dead letter adds; a redrive removes them all. */
    public static final String PREFIX = "dlq_";

    /** The consumer that gave up on the record: its service name. */
    public static final String CONSUMER = "dlq_consumer";
    /** The topic, partition and offset the record was first read from. */
    public static final String SOURCE_TOPIC = "dlq_source_topic";

    public static final String SOURCE_PARTITION = "dlq_source_partition";
    public static final String SOURCE_OFFSET = "dlq_source_offset";
    /** The class of the failure's root cause, fully qualified. */
    public static final String ERROR_CLASS = "dlq_error_class";
    /** The root cause's message, at most {@link #MAX_MESSAGE_LENGTH} characters. */
    public static final String ERROR_MESSAGE = "dlq_error_message";
    /** Why the record could not be processed, for a human: the root cause's simple class name and message. */
    public static final String REASON = "dlq_reason";
    /** When it was given up on, ISO-8601. */
    public static final String FAILED_AT = "dlq_failed_at";

    /** Long enough for any reason a consumer gives, short enough for a header. */
    static final int MAX_MESSAGE_LENGTH = 1_000;

    private DeadLetters() {}

    /** The dead letter of a record {@code consumer} consumed and gave up on. */
    public static <K, V> ProducerRecord<K, V> of(
            ConsumerTopics consumer, ConsumerRecord<K, V> failed, Throwable failure, Instant failedAt) {
        return of(
                consumer,
                failed.topic(),
                failed.partition(),
                failed.offset(),
                failed.key(),
                failed.value(),
                failed.headers(),
                failure,
                failedAt);
    }

    /**
     * The dead letter of a record {@code consumer} read from {@code topic} at {@code partition}/{@code
     * offset} and gave up on, for the dead-letter topic of the record's source (a retried record's
     * original source). Its timestamp is {@code failedAt}, so that it is kept for the dead-letter
     * topic's retention from then on, however old the record.
     */
    public static <K, V> ProducerRecord<K, V> of(
            ConsumerTopics consumer,
            String topic,
            int partition,
            long offset,
            K key,
            V value,
            Headers headers,
            Throwable failure,
            Instant failedAt) {
        RecordOrigin origin = Retries.originOf(consumer, topic, partition, offset, headers);
        DeadLetterTopic deadLetters = consumer.deadLettersFor(origin.topic());
        Throwable cause = rootCause(failure);
        Headers copy = new RecordHeaders();
        for (Header header : headers) {
            if (!header.key().startsWith(PREFIX) && !header.key().startsWith(Retries.PREFIX)) {
                copy.add(header);
            }
        }
        put(copy, CONSUMER, consumer.consumer());
        put(copy, SOURCE_TOPIC, origin.topic());
        put(copy, SOURCE_PARTITION, String.valueOf(origin.partition()));
        put(copy, SOURCE_OFFSET, String.valueOf(origin.offset()));
        put(copy, ERROR_CLASS, cause.getClass().getName());
        put(copy, ERROR_MESSAGE, messageOf(cause));
        put(copy, REASON, reasonOf(failure));
        put(copy, FAILED_AT, failedAt.toString());
        return new ProducerRecord<>(deadLetters.name(), null, failedAt.toEpochMilli(), key, value, copy);
    }

    /** A one-line reason naming the root cause of a failure. */
    public static String reasonOf(Throwable failure) {
        Throwable cause = rootCause(failure);
        return cause.getClass().getSimpleName() + ": " + messageOf(cause);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String messageOf(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name).add(name, value.getBytes(UTF_8));
    }
}
