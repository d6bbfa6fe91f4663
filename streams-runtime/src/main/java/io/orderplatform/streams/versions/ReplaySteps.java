package io.orderplatform.streams.versions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The replay's next step, as the coordinator decides it from the control state and one look at the
 * cluster. Pure: what the cluster shows comes in through {@link Cluster}, so every rule is tested on its
 * own.
 */
final class ReplaySteps {

    /** How long, at least, every instance reads both versions after a switch. */
    static final Duration SWITCH_OVERLAP = Duration.ofSeconds(5);

    /** What the coordinator sees of the cluster, sampled once per decision. */
    interface Cluster {

        /** How far a version's group is through the topics. */
        ReplayProgress.Status progress(int version);

        /** Whether a version's group has read every input partition up to the given offsets. */
        boolean reached(int version, Map<String, Long> ends);

        /** The end of every input partition now. */
        Map<String, Long> inputEnds();

        /** Whether a version runs on the coordinator's own instance. */
        boolean runningHere(int version);

        /** Whether no instance is a member of a version's group any more. */
        boolean hasNoMembers(int version);

        /** The instances alive now, by id. */
        Set<String> liveInstances();

        /** The version each instance last said it serves, by id. */
        Map<String, Integer> serving();
    }

    /**
     * A step to take.
     *
     * @param why what the step does, for the log
     * @param resetVersion the version whose group and internal topics are deleted first; null if none
     * @param next the state proposed once that is done
     */
    record Step(String why, Integer resetVersion, ControlState next) {}

    private ReplaySteps() {}

    static Optional<Step> next(ControlState state, Cluster cluster, Instant now) {
        if (state.rebuildingInPlace()) {
            return when(
                    cluster.hasNoMembers(state.version()),
                    "version " + state.version() + " stopped everywhere: its offsets and internal topics are reset",
                    state.version(),
                    state.reset(now, cluster.inputEnds()));
        }
        if (state.catchingUp()) {
            // The history as it was at the reset, read again whole: no view it held is missing now.
            return when(
                    cluster.reached(state.version(), state.catchUpTo()),
                    "version " + state.version() + " has read the history again: reads resume",
                    null,
                    state.caughtUp(now));
        }
        if (state.candidate() != null) {
            int candidate = state.candidate();
            return when(
                    cluster.runningHere(candidate)
                            && cluster.progress(candidate)
                                    .caughtUp(cluster.progress(state.version()).lag()),
                    "version " + candidate + " has caught up: it now serves reads",
                    null,
                    state.promoted(now));
        }
        if (state.retiring() != null && !state.retiringStopped()) {
            Set<String> live = cluster.liveInstances();
            Map<String, Integer> serving = cluster.serving();
            boolean everyoneSwitched = !live.isEmpty()
                    && live.stream().allMatch(instance -> Objects.equals(serving.get(instance), state.version()));
            return when(
                    everyoneSwitched && !now.isBefore(state.changedAt().plus(SWITCH_OVERLAP)),
                    "every instance serves version " + state.version() + ": version " + state.retiring() + " stops",
                    null,
                    state.retiringStoppedNow(now));
        }
        if (state.retiring() != null) {
            return when(
                    cluster.hasNoMembers(state.retiring()),
                    "version " + state.retiring() + " stopped everywhere: its group and internal topics are deleted",
                    state.retiring(),
                    state.retired(now));
        }
        return Optional.empty();
    }

    private static Optional<Step> when(boolean due, String why, Integer resetVersion, ControlState next) {
        return due ? Optional.of(new Step(why, resetVersion, next)) : Optional.empty();
    }
}
