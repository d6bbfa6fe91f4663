package io.orderplatform.projection.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control topic: one partition, compacted, one key. Every instance follows it from the beginning
 * (no consumer group: each must see every change) and hands the latest state to its runtime; any
 * instance may write a new state.
 */
public final class ControlChannel implements AutoCloseable {

    /** The control topic of the projection service. */
    public static final String TOPIC = "projection-service.control";

    private static final Logger log = LoggerFactory.getLogger(ControlChannel.class);
    private static final String KEY = "projections";
    private static final ObjectMapper JSON = ContractJson.mapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread follower;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile ControlState latest = ControlState.initial();
    private volatile boolean closed;

    /** Starts following the topic; {@code onChange} is called from the follower thread. */
    public ControlChannel(String bootstrapServers, Consumer<ControlState> onChange) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer());
        follower = Thread.ofPlatform().name("projection-control").daemon().unstarted(() -> follow(onChange));
        follower.start();
    }

    private void follow(Consumer<ControlState> onChange) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read(record);
                }
                if (caughtUp.getCount() > 0
                        && consumer.position(partition)
                                >= consumer.endOffsets(List.of(partition)).get(partition)) {
                    caughtUp.countDown();
                }
                if (caughtUp.getCount() == 0) {
                    onChange.accept(latest);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("the projection control topic cannot be followed", e);
        }
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (!KEY.equals(record.key()) || record.value() == null) {
            return;
        }
        try {
            latest = JSON.readValue(record.value(), ControlState.class);
        } catch (IOException e) {
            log.warn("unreadable projection control record at offset {} skipped: {}", record.offset(), e.toString());
        }
    }

    /** Waits until the state on the topic when this instance started has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest state read. */
    public ControlState latest() {
        return latest;
    }

    /** Writes a new state and waits until the broker has it. */
    public void write(ControlState state) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, KEY, JSON.writeValueAsBytes(state)))
                    .get(10, TimeUnit.SECONDS);
            latest = state;
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the projection control topic cannot be written: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the projection control topic", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        follower.join(Duration.ofSeconds(5));
        consumer.close(Duration.ZERO);
        producer.close(Duration.ofSeconds(2));
    }
}
