package io.orderplatform.runtime.bench;

import io.orderplatform.schemas.envelope.CloudEventHeaders;
import io.orderplatform.schemas.envelope.Envelope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Checks what a republish put on the topic against the event store, as a deduplicating consumer
 * would see it: between two sets of end offsets, every event of the store must be there, keyed by its
 * aggregate, its {@code ce_sequence} values in order without a hole, each once. Also reports when the
 * first and the last of those records were produced (their CreateTime), which times the relay from
 * Kafka's side.
 */
final class RepublishAudit {

    /** What the audit found. */
    record Result(
            long records,
            long expectedEvents,
            long missing,
            long duplicates,
            long outOfOrder,
            long unknownSubjects,
            long firstTimestamp,
            long lastTimestamp) {

        boolean complete() {
            return missing == 0 && outOfOrder == 0 && unknownSubjects == 0;
        }

        /** Events per second from the first to the last republished record's CreateTime. */
        double producedPerSecond() {
            return lastTimestamp > firstTimestamp ? (records - 1) * 1000.0 / (lastTimestamp - firstTimestamp) : 0;
        }
    }

    /**
     * The store's history of one aggregate as ce_sequence values, and what a consumer that deduplicates
     * on (subject, sequence) made of what arrived: the next sequence it waits for, the copies it dropped,
     * and whether a sequence ever came before the one it waited for (a hole or a reordering).
     */
    private static final class Subject {
        final long last;
        long next;
        long duplicates;
        boolean inOrder = true;

        Subject(long first, long last) {
            this.last = last;
            this.next = first;
        }

        void arrived(long sequence) {
            if (sequence < next) {
                duplicates++;
            } else if (sequence == next) {
                next++;
            } else {
                inOrder = false;
            }
        }

        long missing() {
            return last + 1 - next;
        }
    }

    private RepublishAudit() {}

    /** The end offsets of every partition of the topic, as a read-committed consumer sees them. */
    static Map<TopicPartition, Long> endOffsets(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .collect(Collectors.toMap(
                                    partition -> new TopicPartition(topic, partition.partition()),
                                    partition -> OffsetSpec.latest()));
            return admin
                    .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, end -> end.getValue().offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result check(
            Connection store, String bootstrapServers, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to)
            throws SQLException {
        Map<String, Subject> subjects = expected(store);
        long expectedEvents =
                subjects.values().stream().mapToLong(Subject::missing).sum();
        long records = 0;
        long unknown = 0;
        long firstTimestamp = Long.MAX_VALUE;
        long lastTimestamp = Long.MIN_VALUE;
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (from.keySet().stream().anyMatch(partition -> consumer.position(partition) < to.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= to.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    records++;
                    firstTimestamp = Math.min(firstTimestamp, record.timestamp());
                    lastTimestamp = Math.max(lastTimestamp, record.timestamp());
                    String subjectId = Envelope.get(record.headers(), CloudEventHeaders.SUBJECT);
                    Subject subject = subjects.get(subjectId);
                    if (subject == null || !subjectId.equals(record.key())) {
                        unknown++;
                    } else {
                        subject.arrived(Long.parseLong(Envelope.get(record.headers(), CloudEventHeaders.SEQUENCE)));
                    }
                }
            }
        }
        long missing = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (Subject subject : subjects.values()) {
            missing += subject.missing();
            duplicates += subject.duplicates;
            outOfOrder += subject.inOrder ? 0 : 1;
        }
        return new Result(
                records, expectedEvents, missing, duplicates, outOfOrder, unknown, firstTimestamp, lastTimestamp);
    }

    /** Every aggregate of the store with its first and last ce_sequence (stored sequence number + 1). */
    private static Map<String, Subject> expected(Connection store) throws SQLException {
        Map<String, Subject> subjects = new HashMap<>();
        try (Statement statement = store.createStatement()) {
            statement.setFetchSize(10_000);
            try (ResultSet result =
                    statement.executeQuery("SELECT aggregate_identifier, min(sequence_number), max(sequence_number)"
                            + " FROM domain_event_entry GROUP BY aggregate_identifier")) {
                while (result.next()) {
                    subjects.put(result.getString(1), new Subject(result.getLong(2) + 1, result.getLong(3) + 1));
                }
            }
        }
        return subjects;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "republish-audit-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5_000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
