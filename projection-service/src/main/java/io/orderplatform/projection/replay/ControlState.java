package io.orderplatform.projection.replay;

import java.time.Instant;

/**
 * What every instance of the projection service is asked to run, kept as the latest record of the
 * compacted control topic. Each instance reconciles its own Kafka Streams with it, and whichever instance
 * sees a step due takes it: the steps are idempotent.
 *
 * <ul>
 *   <li>Serving: {@code version} answers reads; nothing else runs.
 *   <li>Rebuilding side by side: {@code candidate} (the next version: its own application id, stores
 *       and internal topics) reads the topics from the start while {@code version} keeps serving; when
 *       its lag is zero it becomes {@code version} and the old one {@code retiring}.
 *   <li>Retiring: the old version is stopped everywhere, then its internal topics and group are deleted.
 *   <li>Rebuilding in place: while {@code rebuildEpoch > rebuiltEpoch} every instance stops {@code
 *       version} and wipes its local state; once the group is empty its offsets and internal topics are
 *       deleted (what Kafka's application reset tool does) and {@code rebuiltEpoch} catches up; the
 *       instances then start again from the beginning of the topics.
 * </ul>
 *
 * @param version the version serving reads
 * @param candidate the version being built side by side; null if none
 * @param retiring the version being cleaned up after a switch; null if none
 * @param rebuildEpoch how many in-place rebuilds were asked for
 * @param rebuiltEpoch how many of them have reset the topics and offsets
 * @param changedAt when this state was written
 */
public record ControlState(
        int version, Integer candidate, Integer retiring, long rebuildEpoch, long rebuiltEpoch, Instant changedAt) {

    /** What a fresh cluster runs: version 1. */
    public static ControlState initial() {
        return new ControlState(1, null, null, 0, 0, Instant.EPOCH);
    }

    public boolean rebuildingInPlace() {
        return rebuildEpoch > rebuiltEpoch;
    }

    /** True while a rebuild or its clean-up is under way: no other may start. */
    public boolean busy() {
        return candidate != null || retiring != null || rebuildingInPlace();
    }

    ControlState withCandidate(Instant now) {
        return new ControlState(version, version + 1, retiring, rebuildEpoch, rebuiltEpoch, now);
    }

    ControlState promoted(Instant now) {
        return new ControlState(candidate, null, version, rebuildEpoch, rebuiltEpoch, now);
    }

    ControlState retired(Instant now) {
        return new ControlState(version, candidate, null, rebuildEpoch, rebuiltEpoch, now);
    }

    ControlState rebuildRequested(Instant now) {
        return new ControlState(version, candidate, retiring, rebuildEpoch + 1, rebuiltEpoch, now);
    }

    ControlState reset(Instant now) {
        return new ControlState(version, candidate, retiring, rebuildEpoch, rebuildEpoch, now);
    }
}
