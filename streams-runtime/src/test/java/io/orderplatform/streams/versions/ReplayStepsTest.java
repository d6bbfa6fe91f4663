package io.orderplatform.streams.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayStepsTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** The cluster as the coordinator would see it. */
    static final class FakeCluster implements ReplaySteps.Cluster {
        final Map<Integer, ReplayProgress.Status> progress = new HashMap<>();
        final Set<Integer> runningHere = new HashSet<>();
        final Set<Integer> withMembers = new HashSet<>();
        final Set<String> live = new HashSet<>();
        final Map<String, Integer> serving = new HashMap<>();
        final Map<String, Long> ends = new HashMap<>(Map.of("orders.events:0", 500L));
        final Map<Integer, Map<String, Long>> readUpTo = new HashMap<>();

        @Override
        public boolean reached(int version, Map<String, Long> wanted) {
            Map<String, Long> read = readUpTo.getOrDefault(version, Map.of());
            return wanted.entrySet().stream().allMatch(end -> read.getOrDefault(end.getKey(), 0L) >= end.getValue());
        }

        @Override
        public Map<String, Long> inputEnds() {
            return Map.copyOf(ends);
        }

        @Override
        public ReplayProgress.Status progress(int version) {
            return progress.getOrDefault(version, lagging(1_000_000));
        }

        @Override
        public boolean runningHere(int version) {
            return runningHere.contains(version);
        }

        @Override
        public boolean hasNoMembers(int version) {
            return !withMembers.contains(version);
        }

        @Override
        public Set<String> liveInstances() {
            return live;
        }

        @Override
        public Map<String, Integer> serving() {
            return serving;
        }
    }

    static ReplayProgress.Status lagging(long lag) {
        return new ReplayProgress.Status(1_000, lag, 0, null, true, lag);
    }

    final FakeCluster cluster = new FakeCluster();

    Optional<ReplaySteps.Step> next(ControlState state, Instant now) {
        return ReplaySteps.next(state, cluster, now);
    }

    @Test
    void nothing_is_due_while_one_version_serves() {
        cluster.progress.put(1, lagging(0));

        assertThat(next(ControlState.initial(), T0)).isEmpty();
    }

    @Test
    void a_candidate_is_promoted_only_once_it_runs_here_and_has_caught_up() {
        ControlState building = ControlState.initial().withCandidate(T0).atRevision(1);
        cluster.progress.put(1, lagging(0));
        cluster.progress.put(2, lagging(5_000));
        cluster.runningHere.add(2);
        assertThat(next(building, T0.plusSeconds(1)))
                .as("still reading history")
                .isEmpty();

        cluster.progress.put(2, lagging(40));
        ReplaySteps.Step step = next(building, T0.plusSeconds(2)).orElseThrow();

        assertThat(step.next().version()).isEqualTo(2);
        assertThat(step.next().retiring()).isEqualTo(1);
        assertThat(step.next().retiringStopped()).isFalse();
        assertThat(step.resetVersion()).as("nothing is deleted at a switch").isNull();
    }

    @Test
    void a_candidate_within_the_serving_versions_own_lag_counts_as_caught_up() {
        ControlState building = ControlState.initial().withCandidate(T0).atRevision(1);
        cluster.progress.put(1, lagging(700));
        cluster.progress.put(2, lagging(650));
        cluster.runningHere.add(2);

        assertThat(next(building, T0.plusSeconds(1))).isPresent();
    }

    @Test
    void the_old_version_keeps_running_until_every_live_instance_serves_the_new_one() {
        ControlState switched =
                ControlState.initial().withCandidate(T0).promoted(T0).atRevision(2);
        cluster.live.addAll(Set.of("a", "b"));
        cluster.serving.put("a", 2);
        cluster.serving.put("b", 1);
        Instant later = T0.plus(ReplaySteps.SWITCH_OVERLAP).plusSeconds(1);
        assertThat(next(switched, later)).as("b still reads version 1").isEmpty();

        cluster.serving.put("b", 2);
        ReplaySteps.Step step = next(switched, later).orElseThrow();

        assertThat(step.next().retiringStopped()).isTrue();
        assertThat(step.next().retiring()).isEqualTo(1);
        assertThat(step.resetVersion()).isNull();
    }

    @Test
    void the_old_version_is_read_for_at_least_the_overlap_after_a_switch() {
        ControlState switched =
                ControlState.initial().withCandidate(T0).promoted(T0).atRevision(2);
        cluster.live.add("a");
        cluster.serving.put("a", 2);

        assertThat(next(switched, T0.plusSeconds(1))).isEmpty();
        assertThat(next(switched, T0.plus(ReplaySteps.SWITCH_OVERLAP))).isPresent();
    }

    @Test
    void a_stopped_version_is_deleted_once_its_group_is_empty() {
        ControlState stopping = ControlState.initial()
                .withCandidate(T0)
                .promoted(T0)
                .retiringStoppedNow(T0)
                .atRevision(3);
        cluster.withMembers.add(1);
        assertThat(next(stopping, T0)).as("an instance still runs version 1").isEmpty();

        cluster.withMembers.clear();
        ReplaySteps.Step step = next(stopping, T0).orElseThrow();

        assertThat(step.resetVersion()).isEqualTo(1);
        assertThat(step.next().retiring()).isNull();
        assertThat(step.next().busy()).isFalse();
    }

    @Test
    void an_in_place_rebuild_resets_the_group_once_every_instance_has_left_it_then_waits_for_catch_up() {
        ControlState asked = ControlState.initial().rebuildRequested(T0).atRevision(1);
        cluster.withMembers.add(1);
        assertThat(next(asked, T0)).isEmpty();

        cluster.withMembers.clear();
        ReplaySteps.Step reset = next(asked, T0).orElseThrow();
        assertThat(reset.resetVersion()).isEqualTo(1);
        assertThat(reset.next().rebuildingInPlace()).isFalse();
        assertThat(reset.next().readsPaused())
                .as("reads wait while history is read again")
                .isTrue();

        assertThat(reset.next().catchUpTo()).as("the history to read again").containsEntry("orders.events:0", 500L);

        ControlState catchingUp = reset.next().atRevision(2);
        cluster.ends.put("orders.events:0", 900L);
        cluster.readUpTo.put(1, Map.of("orders.events:0", 499L));
        assertThat(next(catchingUp, T0))
                .as("one record of the history still to read")
                .isEmpty();
        cluster.readUpTo.put(1, Map.of("orders.events:0", 500L));
        ReplaySteps.Step resumed = next(catchingUp, T0).orElseThrow();
        assertThat(resumed.next().readsPaused())
                .as("what was written since the reset does not hold reads back")
                .isFalse();
        assertThat(resumed.next().catchUpTo()).isEmpty();
    }

    @Test
    void a_group_that_never_committed_has_caught_up_only_with_empty_topics() {
        assertThat(new ReplayProgress.Status(0, 0, 0, 0L, false, 3).caughtUp(0)).isFalse();
        assertThat(new ReplayProgress.Status(0, 0, 0, 0L, false, 0).caughtUp(0)).isTrue();
    }

    @Test
    void no_rebuild_may_start_while_one_is_under_way() {
        ControlState initial = ControlState.initial();
        assertThat(initial.busy()).isFalse();
        assertThat(initial.withCandidate(T0).busy()).isTrue();
        assertThat(initial.rebuildRequested(T0).busy()).isTrue();
        assertThat(initial.rebuildRequested(T0).reset(T0, Map.of()).busy())
                .as("catching up")
                .isTrue();
        assertThat(initial.withCandidate(T0).promoted(T0).busy()).as("retiring").isTrue();
    }
}
