package io.orderplatform.streams.versions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each version's group is through the topics, and how fast it moves: sampled from the
 * cluster (committed offsets against end offsets) at most once per {@link #SAMPLE_EVERY}, so that the
 * admin endpoint and the replay steps can ask as often as they like: a step is decided on one sample.
 */
public final class ReplayProgress {

    static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    /**
     * Records per partition that may stand between a fully consumed partition and its end offset:
     * the marker that commits a transaction is an offset no consumer ever processes.
     */
    static final long MARKERS_PER_PARTITION = 1;

    private final GroupAdmin groups;
    private final Clock clock;
    private final Map<String, Sample> last = new ConcurrentHashMap<>();
    private final Map<String, Double> rates = new ConcurrentHashMap<>();

    public ReplayProgress(GroupAdmin groups, Clock clock) {
        this.groups = groups;
        this.clock = clock;
    }

    /**
     * A version's progress.
     *
     * @param consumed records of the topics the version has consumed
     * @param lag records still to consume
     * @param eventsPerSecond records consumed per second lately
     * @param etaSeconds seconds until the lag is consumed at that rate; null if not moving
     * @param everCommitted whether the version's group has committed any offset
     * @param unread offsets not yet consumed, transaction markers included
     */
    public record Status(
            long consumed, long lag, double eventsPerSecond, Long etaSeconds, boolean everCommitted, long unread) {

        /**
         * Whether the version has consumed everything there is, but for {@link #CAUGHT_UP_LAG} records or
         * {@code orWithin} (the serving version's own lag, for a candidate), whichever is more. A group
         * that never committed has caught up only with empty topics.
         */
        public boolean caughtUp(long orWithin) {
            return everCommitted ? lag <= Math.max(CAUGHT_UP_LAG, orWithin) : unread == 0;
        }
    }

    private record Sample(Instant at, GroupAdmin.Progress progress) {}

    public Status status(String applicationId) {
        Instant now = clock.instant();
        Sample previous = last.get(applicationId);
        Sample sample = previous;
        if (previous == null || now.isAfter(previous.at().plus(SAMPLE_EVERY))) {
            sample = new Sample(now, groups.progress(applicationId, MARKERS_PER_PARTITION));
            last.put(applicationId, sample);
            if (previous != null) {
                double seconds = Duration.between(previous.at(), now).toMillis() / 1000.0;
                double rate = Math.max(
                                0,
                                sample.progress().consumed()
                                        - previous.progress().consumed())
                        / seconds;
                // Smoothed, so that one idle commit interval does not show as a stop.
                rates.merge(applicationId, rate, (old, fresh) -> 0.5 * old + 0.5 * fresh);
            }
        }
        double rate = rates.getOrDefault(applicationId, 0.0);
        long lag = sample.progress().lag();
        Long eta = lag == 0 ? Long.valueOf(0) : rate < 1 ? null : Long.valueOf((long) Math.ceil(lag / rate));
        return new Status(
                sample.progress().consumed(),
                lag,
                rate,
                eta,
                sample.progress().everCommitted(),
                sample.progress().unreadRecords());
    }

    /**
     * Records a version may still have to read and count as caught up: under a steady write load the
     * committed offsets are always a commit interval or so behind the end, so "zero" would seldom be seen.
     */
    static final long CAUGHT_UP_LAG = 100;

    /** Forgets a version's samples (it was deleted). */
    public void forget(String applicationId) {
        last.remove(applicationId);
        rates.remove(applicationId);
    }
}
