package io.orderplatform.streams.versions;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * One version of a Streams application running on this instance: its own application id
 * ({@code <service>-v<N>}), and so its own consumer group, stores, changelogs and state
 * directory. Two versions run side by side while the newer one is built.
 */
public final class StreamsVersion {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    private final int version;
    private final KafkaStreams streams;

    private StreamsVersion(int version, KafkaStreams streams) {
        this.version = version;
        this.streams = streams;
    }

    /** The application id of a version: its consumer group and the prefix of its internal topics. */
    public static String applicationId(String service, int version) {
        return service + "-v" + version;
    }

    /**
     * Starts a version.
     *
     * @param settings the Kafka Streams settings of a version, by application id
     * @param fresh whether to wipe this instance's local state of the version first
     */
    static StreamsVersion start(
            String service, int version, Topology topology, Function<String, Properties> settings, boolean fresh) {
        KafkaStreams streams = new KafkaStreams(topology, settings.apply(applicationId(service, version)));
        if (fresh) {
            streams.cleanUp();
        }
        // A failed stream thread is replaced; its tasks restart from the last committed transaction.
        streams.setUncaughtExceptionHandler(
                exception -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.start();
        return new StreamsVersion(version, streams);
    }

    public int version() {
        return version;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /**
     * Stops it. A stop for a restart keeps the static membership, so that the restarted instance takes
     * its tasks back at once; a stop for good leaves the group, so that the group can be emptied and
     * deleted.
     */
    void stop(boolean leaveGroup) {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(
                        leaveGroup
                                ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                                : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
    }

    /** Stops it for good and deletes its local state. */
    void discard() {
        stop(true);
        streams.cleanUp();
    }
}
