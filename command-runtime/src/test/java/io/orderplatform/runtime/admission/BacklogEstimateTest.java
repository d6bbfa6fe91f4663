package io.orderplatform.runtime.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacklogEstimateTest {

    static final long SECOND = 1_000_000_000L;

    final AdmissionSettings settings = new AdmissionSettings(
            Map.of("saga", List.of("orders.events"), "inventory", List.of("inventory.commands")),
            Duration.ofSeconds(10),
            500,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    final BacklogEstimate estimate = new BacklogEstimate(settings);

    @Test
    void a_single_reading_measures_nothing_and_admits() {
        AdmissionState state = estimate.update(0, progress(0, 100_000, 0, 0));

        assertThat(state.measured()).isFalse();
        assertThat(state.refusing()).isFalse();
    }

    @Test
    void a_group_keeping_up_waits_nothing() {
        estimate.update(0, progress(0, 20, 0, 5));
        AdmissionState state = estimate.update(SECOND, progress(150, 30, 200, 4));

        assertThat(state.measured()).isTrue();
        assertThat(state.refusing()).isFalse();
        assertThat(state.waitSeconds()).isZero();
        assertThat(state.groups())
                .extracting(AdmissionState.GroupWait::perSecond)
                .containsExactly(150.0, 200.0);
    }

    @Test
    void the_wait_is_each_groups_backlog_at_the_rate_it_reads_summed_over_the_groups() {
        estimate.update(0, progress(0, 0, 0, 0));
        estimate.update(SECOND, progress(100, 600, 150, 900));
        AdmissionState state = estimate.update(2 * SECOND, progress(200, 1_200, 300, 1_800));

        // saga: 1,200 behind at 100/s = 12 s; inventory: 1,800 behind at 150/s = 12 s
        assertThat(state.waitSeconds()).isCloseTo(24.0, within(1e-9));
        assertThat(state.refusing()).isTrue();
    }

    @Test
    void a_backlog_below_the_minimum_never_counts_however_slow_the_group() {
        estimate.update(0, progress(0, 0, 0, 0));
        AdmissionState state = estimate.update(SECOND, progress(0, 499, 1, 12));

        assertThat(state.waitSeconds()).isZero();
        assertThat(state.refusing()).isFalse();
    }

    @Test
    void a_group_behind_that_reads_nothing_waits_at_least_as_long_as_it_has_stood_still() {
        estimate.update(0, progress(0, 0, 0, 0));
        AdmissionState state = null;
        for (int second = 1; second <= 10; second++) {
            state = estimate.update(second * SECOND, progress(0, 800, 10L * second, 0));
            assertThat(state.refusing()).as("stood still for %d s", second).isFalse();
        }
        assertThat(state.waitSeconds()).isCloseTo(10.0, within(1e-9));

        state = estimate.update(11 * SECOND, progress(0, 900, 110, 0));
        assertThat(state.waitSeconds()).isCloseTo(11.0, within(1e-9));
        assertThat(state.refusing()).isTrue();
        assertThat(state.groups().get(0).stalled()).isTrue();
    }

    @Test
    void the_rate_is_measured_over_the_window_only() {
        // Fast for a long time, then stalled for longer than the window.
        for (int second = 0; second <= 10; second++) {
            estimate.update(second * SECOND, progress(1_000L * second, 0, 0, 0));
        }
        AdmissionState state = null;
        for (int second = 11; second <= 17; second++) {
            state = estimate.update(second * SECOND, progress(10_000, 2_000, 0, 0));
        }

        // Still reading at second 11 (1,000 more since second 10), still since: 7 s.
        assertThat(state.groups().get(0).perSecond()).isZero();
        assertThat(state.waitSeconds()).isCloseTo(7.0, within(1e-9));
    }

    @Test
    void offsets_going_back_start_a_new_measurement_instead_of_a_negative_rate() {
        estimate.update(0, progress(0, 0, 5_000, 0));
        AdmissionState state = estimate.update(SECOND, progress(0, 0, 10, 900));

        assertThat(state.measured()).isFalse();
        assertThat(state.refusing()).isFalse();
    }

    @Test
    void after_a_reset_the_next_reading_measures_nothing() {
        estimate.update(0, progress(0, 0, 0, 0));
        estimate.reset();

        assertThat(estimate.update(SECOND, progress(0, 5_000, 0, 0)).measured()).isFalse();
    }

    /** Groups in name order: inventory, then saga. */
    private static List<GroupProgress> progress(
            long inventoryConsumed, long inventoryLag, long sagaConsumed, long sagaLag) {
        return List.of(
                new GroupProgress("inventory", inventoryConsumed, inventoryLag),
                new GroupProgress("saga", sagaConsumed, sagaLag));
    }
}
