package io.orderplatform.streams.versions;

import java.time.Instant;
import java.util.Map;

/**
 * What every instance of a versioned Streams application is asked to run, as the control log last
 * accepted it. Each instance reconciles its own Kafka Streams with it; one instance, the coordinator,
 * takes the steps that move it on.
 *
 * <ul>
 *   <li>Serving: {@code version} answers reads; nothing else runs.
 *   <li>Building side by side: {@code candidate} (the next version: its own application id, stores and
 *       internal topics) reads the topics from the start while {@code version} keeps serving; when it has
 *       caught up it becomes {@code version} and the old one {@code retiring}.
 *   <li>Retiring: every instance runs both and reads the furthest copy, until every live instance says it
 *       serves the new version; then {@code retiringStopped}: the old one is stopped everywhere, and once its
 *       group is empty its group and internal topics are deleted.
 *   <li>Rebuilding in place: while {@code rebuildEpoch > rebuiltEpoch} every instance stops {@code version}
 *       and wipes its local state; once the group is empty its offsets and internal topics are deleted (what
 *       Kafka's application reset tool does), {@code rebuiltEpoch} catches up and {@code catchingUp} is set;
 *       the instances start again from the beginning, and reads wait until the group has caught up.
 * </ul>
 *
 * @param revision how many states the log accepted before this one; every change is a proposal based on
 *     the revision it was computed from, accepted only if that is still the latest
 * @param version the version serving reads
 * @param candidate the version being built side by side; null if none
 * @param retiring the previous version after a switch; null if none
 * @param retiringStopped whether every instance serves {@code version} and the retiring one may stop
 * @param rebuildEpoch how many in-place rebuilds were asked for
 * @param rebuiltEpoch how many of them have reset the topics and offsets
 * @param catchingUp whether the version rebuilt in place is still reading history (reads wait)
 * @param catchUpTo while catching up: the end of every input partition when the rebuild was reset
 *     ({@code "<topic>:<partition>" -> offset}), which the version must have read before reads resume
 * @param changedAt when this state was proposed
 */
public record ControlState(
        long revision,
        int version,
        Integer candidate,
        Integer retiring,
        boolean retiringStopped,
        long rebuildEpoch,
        long rebuiltEpoch,
        boolean catchingUp,
        Map<String, Long> catchUpTo,
        Instant changedAt) {

    public ControlState {
        catchUpTo = catchUpTo == null ? Map.of() : Map.copyOf(catchUpTo);
    }

    /** What a fresh cluster runs: version 1, before any change. */
    public static ControlState initial() {
        return new ControlState(0, 1, null, null, false, 0, 0, false, Map.of(), Instant.EPOCH);
    }

    public boolean rebuildingInPlace() {
        return rebuildEpoch > rebuiltEpoch;
    }

    /** True while a rebuild or its clean-up is under way: no other may start. */
    public boolean busy() {
        return candidate != null || retiring != null || rebuildingInPlace() || catchingUp;
    }

    /** Whether reads must wait: the serving version is being rebuilt in place. */
    public boolean readsPaused() {
        return rebuildingInPlace() || catchingUp;
    }

    /** The state the log holds after accepting this one as revision {@code revision}. */
    ControlState atRevision(long accepted) {
        return new ControlState(
                accepted,
                version,
                candidate,
                retiring,
                retiringStopped,
                rebuildEpoch,
                rebuiltEpoch,
                catchingUp,
                catchUpTo,
                changedAt);
    }

    ControlState withCandidate(Instant now) {
        return new ControlState(
                revision,
                version,
                version + 1,
                retiring,
                false,
                rebuildEpoch,
                rebuiltEpoch,
                catchingUp,
                catchUpTo,
                now);
    }

    ControlState promoted(Instant now) {
        return new ControlState(
                revision, candidate, null, version, false, rebuildEpoch, rebuiltEpoch, false, Map.of(), now);
    }

    ControlState retiringStoppedNow(Instant now) {
        return new ControlState(
                revision, version, candidate, retiring, true, rebuildEpoch, rebuiltEpoch, catchingUp, catchUpTo, now);
    }

    ControlState retired(Instant now) {
        return new ControlState(
                revision, version, candidate, null, false, rebuildEpoch, rebuiltEpoch, catchingUp, catchUpTo, now);
    }

    ControlState rebuildRequested(Instant now) {
        return new ControlState(
                revision,
                version,
                candidate,
                retiring,
                retiringStopped,
                rebuildEpoch + 1,
                rebuiltEpoch,
                false,
                Map.of(),
                now);
    }

    ControlState reset(Instant now, Map<String, Long> history) {
        return new ControlState(
                revision,
                version,
                candidate,
                retiring,
                retiringStopped,
                rebuildEpoch,
                rebuildEpoch,
                true,
                history,
                now);
    }

    ControlState caughtUp(Instant now) {
        return new ControlState(
                revision,
                version,
                candidate,
                retiring,
                retiringStopped,
                rebuildEpoch,
                rebuiltEpoch,
                false,
                Map.of(),
                now);
    }
}
