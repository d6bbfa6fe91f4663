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

        // inventory: 1,200 behind at 100/s = 12 s; saga: 1,800 behind at 150/s = 12 s
        assertThat(state.waitSeconds()).isCloseTo(24.0, within(1e-9));
        assertThat(state.refusing()).isTrue();
    }

    @Test
    void a_backlog_below_the_minimum_never_counts_however_slow_the_group() {
        estimate.update(0, progress(0, 0, 0, 0));
        AdmissionState state = estimate.update(SECOND, progress(1, 499, 1, 12));

        assertThat(state.waitSeconds()).isZero();
        assertThat(state.refusing()).isFalse();
    }

    @Test
    void a_group_that_reads_nothing_at_all_is_an_outage_and_refuses_nothing() {
        AdmissionState state = null;
        for (int second = 0; second <= 30; second++) {
            state = estimate.update(second * SECOND, progress(0, 800L * second, 0, 0));
        }

        assertThat(state.measured()).isTrue();
        assertThat(state.refusing()).isFalse();
        assertThat(state.groups().get(0).partitionsStandingStill()).isEqualTo(1);
    }

    @Test
    void a_partition_standing_still_is_left_out_while_the_moving_ones_count() {
        AdmissionState state = null;
        for (int second = 0; second <= 10; second++) {
            // partition 0 moves at 100/s with 300 behind; partition 1 has stood still from the start with 5,000
            state = estimate.update(
                    second * SECOND,
                    List.of(new GroupProgress(
                            "saga",
                            Map.of(
                                    "orders.events-0", new GroupProgress.Position(100L * second, 300),
                                    "orders.events-1", new GroupProgress.Position(7, 5_000)))));
            if (second == 4) {
                assertThat(state.refusing())
                        .as("within the window the still partition counts")
                        .isTrue();
            }
        }

        assertThat(state.refusing()).isFalse();
        assertThat(state.groups().get(0).lag()).isEqualTo(300);
        assertThat(state.groups().get(0).partitionsStandingStill()).isEqualTo(1);
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

    /** Two groups of one partition each, in name order: inventory, then saga. */
    static List<GroupProgress> progress(long inventoryConsumed, long inventoryLag, long sagaConsumed, long sagaLag) {
        return List.of(one("inventory", inventoryConsumed, inventoryLag), one("saga", sagaConsumed, sagaLag));
    }

    static GroupProgress one(String group, long committed, long lag) {
        return new GroupProgress(group, Map.of(group + "-0", new GroupProgress.Position(committed, lag)));
    }
}
