package io.orderplatform.kafka.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderplatform.schemas.catalog.DeadLetterTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Lists the dead letters of a topic and redrives them: each one not redriven before is produced back
 * to its source topic as it was read (key, value, headers without the {@code dlq_*} ones), in one
 * Kafka transaction with the redrive position, so that a redrive sends each dead letter once even if
 * it is interrupted or repeated (two redrives at once share a transactional id: one is fenced). Run it
 * after fixing what made them fail.
 */
public final class DeadLetterAdmin {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    /** One dead letter as an operator sees it. */
    public record DeadLetter(
            int partition,
            long offset,
            String key,
            String reason,
            String failedAt,
            String sourcePartition,
            String sourceOffset,
            String type,
            String value,
            boolean redriven) {}

    /** What a redrive did. */
    public record Redrive(String topic, int redriven) {}

    private final String bootstrapServers;
    private final String redriveGroup;

    /**
     * @param redriveGroup the consumer group whose committed offsets mark what was redriven, one per service
     */
    public DeadLetterAdmin(String bootstrapServers, String redriveGroup) {
        this.bootstrapServers = bootstrapServers;
        this.redriveGroup = redriveGroup;
    }

    /** Every dead letter of {@code sourceTopic}, oldest first per partition. */
    public List<DeadLetter> list(String sourceTopic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(redriveGroup)) {
            List<TopicPartition> partitions = partitions(consumer, sourceTopic);
            Map<TopicPartition, OffsetAndMetadata> redriven = consumer.committed(Set.copyOf(partitions));
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : readAll(consumer, partitions, Map.of())) {
                OffsetAndMetadata done = redriven.get(new TopicPartition(record.topic(), record.partition()));
                letters.add(view(record, done != null && record.offset() < done.offset()));
            }
            return letters;
        }
    }

    /** Sends every dead letter of {@code sourceTopic} not redriven yet back to it. */
    public Redrive redrive(String sourceTopic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(redriveGroup);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            List<TopicPartition> partitions = partitions(consumer, sourceTopic);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            List<ConsumerRecord<byte[], byte[]>> letters = readAll(consumer, partitions, committed);
            if (letters.isEmpty()) {
                return new Redrive(sourceTopic, 0);
            }
            producer.initTransactions();
            producer.beginTransaction();
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                producer.send(new ProducerRecord<>(
                        sourceTopic, null, letter.key(), letter.value(), original(letter.headers())));
                positions.put(
                        new TopicPartition(letter.topic(), letter.partition()),
                        new OffsetAndMetadata(letter.offset() + 1));
            }
            producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
            producer.commitTransaction();
            return new Redrive(sourceTopic, letters.size());
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, OffsetAndMetadata> from) {
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata start = from.get(partition);
            if (start == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, start.offset());
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
            consumer.poll(POLL).forEach(records::add);
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String sourceTopic) {
        String topic = DeadLetterTopic.nameFor(sourceTopic);
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private static DeadLetter view(ConsumerRecord<byte[], byte[]> record, boolean redriven) {
        return new DeadLetter(
                record.partition(),
                record.offset(),
                record.key() == null ? null : new String(record.key(), UTF_8),
                text(record.headers(), DeadLetters.REASON),
                text(record.headers(), DeadLetters.FAILED_AT),
                text(record.headers(), DeadLetters.SOURCE_PARTITION),
                text(record.headers(), DeadLetters.SOURCE_OFFSET),
                text(record.headers(), "ce_type"),
                record.value() == null ? null : new String(record.value(), UTF_8),
                redriven);
    }

    private static Headers original(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header header : headers) {
            if (!header.key().startsWith("dlq_")) {
                copy.add(header);
            }
        }
        return copy;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        redriveGroup,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
