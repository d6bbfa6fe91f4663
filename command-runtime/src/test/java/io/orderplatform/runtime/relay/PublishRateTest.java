package io.orderplatform.runtime.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublishRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PublishRate rate = new PublishRate(now::get);

    @Test
    void a_steady_relay_is_measured_over_the_last_five_seconds() {
        for (int i = 0; i < 100; i++) {
            rate.committedToKafka(1000);
            advance(Duration.ofMillis(100));
        }
        assertThat(rate.perSecond()).isCloseTo(10_000, within(300.0));
    }

    @Test
    void a_republish_that_just_started_is_measured_over_the_time_it_has_run_not_the_whole_window() {
        for (int i = 0; i < 20; i++) {
            rate.committedToKafka(1000);
            advance(Duration.ofMillis(100));
        }
        assertThat(rate.perSecond()).isCloseTo(10_000, within(600.0));
    }

    @Test
    void batches_older_than_the_window_are_forgotten() {
        rate.committedToKafka(5000);
        advance(Duration.ofSeconds(6));
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void the_eta_is_the_lag_at_that_rate_zero_once_caught_up_and_unknown_while_nothing_moves() {
        assertThat(RelayStatus.of(100, 30_100, true, 10_000).etaSeconds()).isEqualTo(3.0);
        assertThat(RelayStatus.of(100, 30_100, true, 10_000).lag()).isEqualTo(30_000);
        assertThat(RelayStatus.of(500, 500, false, 0).etaSeconds()).isZero();
        assertThat(RelayStatus.of(100, 500, false, 0).etaSeconds()).isNull();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
