package io.orderplatform.streams.versions;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects, through Kafka, the one instance that takes the replay's steps: every instance joins one
 * consumer group on the control log's single partition, and the member that is assigned it is the
 * coordinator. When it stops or dies the group gives the partition to another member within the session
 * timeout. The members' client ids are the instance ids, so the coordinator also knows which instances
 * are alive. A coordinator that lost the partition but has not noticed yet can still propose a step, but
 * the control log rejects a step computed from a state that is no longer the latest.
 */
public final class CoordinatorElection implements AutoCloseable {

    /** How long a silent member stays coordinator: the broker's least session timeout. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    private static final Logger log = LoggerFactory.getLogger(CoordinatorElection.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread member;
    private volatile boolean coordinator;
    private volatile boolean closed;

    /**
     * @param group the election's consumer group (one per application)
     * @param instanceId this instance, as the group's members show it
     */
    public CoordinatorElection(String bootstrapServers, String controlTopic, String group, String instanceId) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        instanceId,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        (int) SESSION_TIMEOUT.toMillis(),
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                        1_000,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        10),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        member = Thread.ofPlatform()
                .name(group + "-member")
                .daemon()
                .unstarted(() -> takePart(controlTopic, instanceId));
        member.start();
    }

    private void takePart(String controlTopic, String instanceId) {
        try {
            consumer.subscribe(List.of(controlTopic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    change(false);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    change(false);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    change(!partitions.isEmpty() || !consumer.assignment().isEmpty());
                }

                private void change(boolean now) {
                    if (now != coordinator) {
                        log.info("instance {} {} the coordinator", instanceId, now ? "is now" : "is no longer");
                    }
                    coordinator = now;
                }
            });
            while (!closed) {
                // Records are not needed here: polling keeps this instance a member of the group.
                consumer.poll(Duration.ofMillis(500));
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            coordinator = false;
            log.error("instance {} left the coordinator election", instanceId, e);
        }
    }

    /** Whether this instance is the coordinator now. */
    public boolean coordinator() {
        return coordinator;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        coordinator = false;
        consumer.wakeup();
        member.join(Duration.ofSeconds(5));
        // Leaving the group hands the partition to another member at once.
        consumer.close(Duration.ofSeconds(2));
    }
}
