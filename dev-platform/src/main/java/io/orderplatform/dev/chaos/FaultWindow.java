package io.orderplatform.dev.chaos;

import java.util.List;

/**
 * What the clients saw around one fault: from its injection ({@code injectedNanos}) through the restart
 * ({@code restartNanos}, when it was started again) to the end of the settling time after it.
 */
record FaultWindow(String fault, long injectedNanos, long restartNanos, long endNanos) {

    /** The figures of one fault, as docs/resilience.md tabulates them. */
    record Figures(
            String fault,
            long keyedCommandsFailed,
            long plainCommandsFailed,
            long readsFailed,
            double longestWithoutCommandSeconds,
            double longestWithoutReadSeconds,
            double downSeconds,
            double fullRateAfterRestartSeconds) {}

    Figures figures(Timeline timeline, int ordersPerSecond) {
        List<Timeline.Attempt> commands = timeline.between(Timeline.Kind.COMMAND, injectedNanos, endNanos);
        List<Timeline.Attempt> reads = timeline.between(Timeline.Kind.READ, injectedNanos, endNanos);
        return new Figures(
                fault,
                commands.stream().filter(a -> !a.ok() && a.idempotent()).count(),
                commands.stream().filter(a -> !a.ok() && !a.idempotent()).count(),
                reads.stream().filter(a -> !a.ok()).count(),
                longestWithoutSuccess(commands),
                longestWithoutSuccess(reads),
                (restartNanos - injectedNanos) / 1e9,
                fullRateAfterRestart(commands, ordersPerSecond));
    }

    /** The longest time within the window in which no attempt succeeded, counted from the injection. */
    private double longestWithoutSuccess(List<Timeline.Attempt> attempts) {
        long previous = injectedNanos;
        long longest = 0;
        for (Timeline.Attempt attempt : attempts) {
            if (attempt.ok()) {
                longest = Math.max(longest, attempt.endNanos() - previous);
                previous = attempt.endNanos();
            }
        }
        return Math.max(longest, endNanos - previous) / 1e9;
    }

    /**
     * Seconds from the restart to the first two consecutive seconds in which the commands that succeeded
     * reached 90 % of the offered rate and none failed; 0 if the rate never dropped after it; -1 if it
     * did not come back within the window.
     */
    private double fullRateAfterRestart(List<Timeline.Attempt> commands, int ordersPerSecond) {
        int seconds = (int) ((endNanos - restartNanos) / 1_000_000_000L);
        int[] succeeded = new int[seconds + 1];
        int[] failed = new int[seconds + 1];
        for (Timeline.Attempt attempt : commands) {
            if (attempt.endNanos() < restartNanos) {
                continue;
            }
            int second = (int) ((attempt.endNanos() - restartNanos) / 1_000_000_000L);
            if (second <= seconds) {
                (attempt.ok() ? succeeded : failed)[second]++;
            }
        }
        double full = 0.9 * ordersPerSecond;
        for (int s = 0; s + 1 < seconds; s++) {
            if (succeeded[s] >= full && succeeded[s + 1] >= full && failed[s] == 0 && failed[s + 1] == 0) {
                return s;
            }
        }
        return -1;
    }
}
