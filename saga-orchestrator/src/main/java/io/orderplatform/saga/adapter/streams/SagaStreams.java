package io.orderplatform.saga.adapter.streams;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.springframework.context.SmartLifecycle;

/**
 * The running saga topology. Started with the application and closed on stop within
 * {@link #CLOSE_TIMEOUT}: with static membership the instance keeps its partitions across a restart,
 * so a stop does not leave the group and a restart resumes at once.
 */
public class SagaStreams implements SmartLifecycle {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    private final Topology topology;
    private final Properties config;
    private volatile KafkaStreams streams;

    public SagaStreams(Topology topology, Properties config) {
        this.topology = topology;
        this.config = config;
    }

    @Override
    public void start() {
        streams = new KafkaStreams(topology, config);
        // A failed stream thread is replaced; its task restarts from the last committed transaction.
        streams.setUncaughtExceptionHandler(
                exception -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.start();
    }

    @Override
    public void stop() {
        if (streams != null) {
            streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null && streams.state().isRunningOrRebalancing();
    }

    /** The running instance, for queries; null before start. */
    public KafkaStreams streams() {
        return streams;
    }
}
