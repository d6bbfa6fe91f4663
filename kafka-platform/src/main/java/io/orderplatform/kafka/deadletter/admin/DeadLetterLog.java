package io.orderplatform.kafka.deadletter.admin;

import io.orderplatform.kafka.deadletter.admin.Marks.State;
import io.orderplatform.schemas.catalog.DeadLetterTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads dead-letter partitions with their marks, committed records only, up to where the partition
 * ends now. No consumer group: reading changes nothing.
 */
final class DeadLetterLog implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    /** A dead letter as stored, and what became of it. */
    record Stored(ConsumerRecord<byte[], byte[]> record, State state) {}

    private final KafkaConsumer<byte[], byte[]> consumer;

    DeadLetterLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        10_000,
                        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        5_000),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The partition count of {@code topic}; 0 if it does not exist. */
    int partitions(DeadLetterTopic topic) {
        try {
            return consumer.partitionsFor(topic.name()).size();
        } catch (KafkaException e) {
            throw unavailable(topic.name(), e);
        }
    }

    /**
     * The dead letters of one partition from {@code from} on (the first there is, if older ones
     * expired), oldest first, each with what its mark says.
     */
    List<Stored> read(DeadLetterTopic topic, int partition, long from) {
        TopicPartition part = new TopicPartition(topic.name(), partition);
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        Map<Long, State> marks = new HashMap<>();
        try {
            consumer.assign(List.of(part));
            consumer.seek(part, Math.max(0, from));
            long end = consumer.endOffsets(List.of(part)).get(part);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (consumer.position(part) < end) {
                if (System.nanoTime() > deadline) {
                    throw new DeadLetterAdminException.Unavailable(
                            "could not read " + part + " to its end within " + READ_LIMIT.toSeconds() + " s", null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(part)) {
                    if (Marks.isMark(record)) {
                        marks.put(Marks.markedOffset(record), Marks.stateOf(record));
                    } else {
                        letters.add(record);
                    }
                }
            }
        } catch (KafkaException e) {
            throw unavailable(part.toString(), e);
        }
        return letters.stream()
                .map(letter -> new Stored(letter, marks.getOrDefault(letter.offset(), State.PENDING)))
                .toList();
    }

    private static DeadLetterAdminException unavailable(String what, KafkaException e) {
        return new DeadLetterAdminException.Unavailable("could not read " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
