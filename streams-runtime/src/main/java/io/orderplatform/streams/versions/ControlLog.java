package io.orderplatform.streams.versions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
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
 * The control log of a versioned application: one partition, kept forever (a few records per rebuild),
 * never compacted, because the order of the proposals is what decides between them ({@link
 * ControlHistory}). Every instance follows it from the beginning, without a consumer group; any instance may
 * propose a change, conditional on the revision it read, and learns whether it was accepted.
 */
public final class ControlLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlLog.class);
    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final String STATE = "state";
    private static final String SERVING = "serving/";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final Clock clock;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ControlHistory history = new ControlHistory();
    private final Runnable onChange;
    private final Thread follower;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object positionMonitor = new Object();
    private long position;
    private volatile boolean closed;

    /** The control log topic of an application: one partition, every record kept. */
    public static NewTopic topic(String name) {
        return new NewTopic(name, 1, (short) -1)
                .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"));
    }

    /** Starts following the topic; {@code onChange} is called from the follower thread after each change. */
    public ControlLog(String bootstrapServers, String topic, Clock clock, Runnable onChange) {
        this.topic = topic;
        this.clock = clock;
        this.onChange = onChange;
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
        follower = Thread.ofPlatform().name(topic + "-follower").daemon().unstarted(this::follow);
        follower.start();
    }

    private void follow() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (!closed) {
                boolean changed = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    changed |= read(record);
                }
                long at = consumer.position(partition);
                synchronized (positionMonitor) {
                    position = at;
                    positionMonitor.notifyAll();
                }
                if (caughtUp.getCount() > 0
                        && at >= consumer.endOffsets(List.of(partition)).get(partition)) {
                    caughtUp.countDown();
                    changed = true;
                }
                if (changed && caughtUp.getCount() == 0) {
                    onChange.run();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("the control log {} cannot be followed", topic, e);
        }
    }

    private boolean read(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return false;
        }
        try {
            if (record.key().equals(STATE)) {
                return history.apply(record.offset(), JSON.readValue(record.value(), ControlHistory.Proposal.class));
            }
            if (record.key().startsWith(SERVING)) {
                history.apply(JSON.readValue(record.value(), ControlHistory.Serving.class));
                return true;
            }
        } catch (IOException e) {
            log.warn("unreadable record at offset {} of {} skipped: {}", record.offset(), topic, e.toString());
        }
        return false;
    }

    /** Waits until the log as it was when this instance started has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest accepted state. */
    public ControlState latest() {
        return history.latest();
    }

    /** Which version each instance last said it serves, by instance id. */
    public Map<String, Integer> serving() {
        Map<String, Integer> versions = new java.util.TreeMap<>();
        history.serving().forEach((instance, said) -> versions.put(instance, said.version()));
        return versions;
    }

    /**
     * Proposes {@code next} as the successor of {@code basedOn} and waits until the log has decided.
     *
     * @return the state accepted (with its revision), or empty if another change came first: the caller
     *     re-reads {@link #latest()} and decides again
     */
    public Optional<ControlState> propose(ControlState basedOn, ControlState next) {
        long offset = write(STATE, new ControlHistory.Proposal(basedOn.revision(), next));
        awaitRead(offset);
        return history.accepted(offset) ? Optional.of(next.atRevision(basedOn.revision() + 1)) : Optional.empty();
    }

    /** Says, for the coordinator to see, that this instance now serves reads from {@code version}. */
    public void announce(String instanceId, int version) {
        write(SERVING + instanceId, new ControlHistory.Serving(instanceId, version, clock.instant()));
    }

    private long write(String key, Object value) {
        try {
            return producer.send(new ProducerRecord<>(topic, 0, key, JSON.writeValueAsBytes(value)))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .offset();
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the control log " + topic + " cannot be written: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the control log " + topic, e);
        }
    }

    private void awaitRead(long offset) {
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        synchronized (positionMonitor) {
            while (position <= offset) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("the control log " + topic + " was not read back in time");
                }
                try {
                    positionMonitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the control log " + topic, e);
                }
            }
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
