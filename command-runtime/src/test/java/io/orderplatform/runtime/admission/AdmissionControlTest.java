package io.orderplatform.runtime.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class AdmissionControlTest {

    final Deque<Object> readings = new ArrayDeque<>();
    long now;
    final AdmissionControl control = new AdmissionControl(
            new AdmissionSettings(
                    Map.of("saga", List.of("orders.events")),
                    Duration.ofSeconds(10),
                    500,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5)),
            this::next,
            () -> now);

    @Test
    void admits_before_anything_is_measured() {
        assertThat(control.refusal()).isEmpty();
        assertThat(control.state().measured()).isFalse();
    }

    @Test
    void refuses_while_the_wait_is_over_the_limit_and_admits_again_once_it_is_under() {
        check(BacklogEstimateTest.one("saga", 0, 0));
        check(BacklogEstimateTest.one("saga", 100, 2_000)); // 20 s at 100/s

        AdmissionRefusedException refusal = control.refusal().orElseThrow();
        assertThat(refusal.retryAfterSeconds()).isEqualTo(10);
        assertThat(control.refusedCount()).isEqualTo(1);

        check(BacklogEstimateTest.one("saga", 1_100, 300)); // caught up: 300 behind at 550/s
        assertThat(control.refusal()).isEmpty();
        assertThat(control.refusedCount()).isEqualTo(1);
    }

    @Test
    void the_retry_after_is_capped() {
        check(BacklogEstimateTest.one("saga", 0, 0));
        check(BacklogEstimateTest.one("saga", 1, 100_000));

        assertThat(control.refusal().orElseThrow().retryAfterSeconds())
                .isEqualTo(AdmissionRefusedException.MAX_RETRY_AFTER_SECONDS);
    }

    @Test
    void admits_everything_while_the_groups_cannot_be_read_and_measures_afresh_afterwards() {
        check(BacklogEstimateTest.one("saga", 0, 0));
        check(BacklogEstimateTest.one("saga", 1, 5_000));
        assertThat(control.refusal()).isPresent();

        check(new TimeoutException("brokers out of reach"));
        assertThat(control.refusal()).isEmpty();
        assertThat(control.state().measured()).isFalse();

        check(BacklogEstimateTest.one("saga", 1, 5_000));
        assertThat(control.refusal())
                .as("one reading after the outage measures nothing yet")
                .isEmpty();
        check(BacklogEstimateTest.one("saga", 2, 5_000));
        assertThat(control.refusal()).isPresent();
    }

    private void check(Object reading) {
        readings.add(reading);
        control.check();
        now += 1_000_000_000L;
    }

    private List<GroupProgress> next() throws Exception {
        Object reading = readings.removeFirst();
        if (reading instanceof Exception failure) {
            throw failure;
        }
        return List.of((GroupProgress) reading);
    }
}
