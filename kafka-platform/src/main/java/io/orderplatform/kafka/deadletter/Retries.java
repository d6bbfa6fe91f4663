package io.orderplatform.kafka.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.DeadLetterTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Retried records: a redriven dead letter as its consumer gets it back on {@code <consumer>.retry},
 * with the original key, value and headers (none of the {@code dlq_*} ones) and {@code retry_*}
 * headers naming its source, so that the consumer processes it exactly as if it came from there.
 */
public final class Retries {

    /** The prefix of every header a retried record carries besides its own. */
    public static final String PREFIX = "retry_";

    /** The topic the record was first read from: what it is. */
    public static final String SOURCE_TOPIC = "retry_source_topic";
    /** Its partition and offset there. */
    public static final String SOURCE_PARTITION = "retry_source_partition";

    public static final String SOURCE_OFFSET = "retry_source_offset";

    private Retries() {}

    /**
     * The retry record of {@code deadLetter}, read from {@code topic}, for {@code consumer}'s retry topic,
     * on the partition its source record had (or, if that is not known, where its key hashes to, as in
     * the source), so that it reaches the task that holds its key's state.
     */
    public static ProducerRecord<byte[], byte[]> of(
            ConsumerTopics consumer, DeadLetterTopic topic, ConsumerRecord<byte[], byte[]> deadLetter) {
        Headers headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith(DeadLetters.PREFIX) && !header.key().startsWith(PREFIX)) {
                headers.add(header);
            }
        }
        int partition = partitionIn(deadLetter.headers(), DeadLetters.SOURCE_PARTITION);
        long offset = offsetIn(deadLetter.headers(), DeadLetters.SOURCE_OFFSET);
        headers.add(SOURCE_TOPIC, topic.source().name().getBytes(UTF_8));
        headers.add(SOURCE_PARTITION, String.valueOf(partition).getBytes(UTF_8));
        headers.add(SOURCE_OFFSET, String.valueOf(offset).getBytes(UTF_8));
        boolean known = partition >= 0 && partition < consumer.retry().partitions();
        return new ProducerRecord<>(
                consumer.retry().name(), known ? partition : null, deadLetter.key(), deadLetter.value(), headers);
    }

    /**
     * Where a record {@code consumer} read from {@code topic} at {@code partition}/{@code offset} came
     * from: for a record of its retry topic that names one of its sources, that source and the original
     * position; for any other, where it was read.
     */
    public static RecordOrigin originOf(
            ConsumerTopics consumer, String topic, int partition, long offset, Headers headers) {
        String source = sourceTopicOf(consumer, topic, headers);
        if (source.equals(topic)) {
            return new RecordOrigin(topic, partition, offset);
        }
        return new RecordOrigin(source, partitionIn(headers, SOURCE_PARTITION), offsetIn(headers, SOURCE_OFFSET));
    }

    /**
     * The topic a record {@code consumer} read from {@code topic} is from: the source a retried record
     * names, if it is one of the consumer's, else {@code topic} itself.
     */
    public static String sourceTopicOf(ConsumerTopics consumer, String topic, Headers headers) {
        if (!topic.equals(consumer.retry().name())) {
            return topic;
        }
        Header named = headers.lastHeader(SOURCE_TOPIC);
        String source = named == null || named.value() == null ? null : new String(named.value(), UTF_8);
        return source != null && consumer.deadLettersOf(source).isPresent() ? source : topic;
    }

    /** A header's number, or -1 if it is absent or not a number. */
    private static long offsetIn(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return -1;
        }
        try {
            return Long.parseLong(new String(header.value(), UTF_8));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int partitionIn(Headers headers, String name) {
        long value = offsetIn(headers, name);
        return value >= 0 && value <= Integer.MAX_VALUE ? (int) value : -1;
    }
}
