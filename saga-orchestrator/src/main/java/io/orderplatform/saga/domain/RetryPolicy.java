package io.orderplatform.saga.domain;

import java.time.Duration;

/**
 * How long a step waits for its reply and how often it sends its command again (the same command,
 * same command id: participants are idempotent) before it gives up.
 *
 * @param timeout how long the first attempt waits for a reply
 * @param resends how many times the command is sent again after a timeout; {@link #FOREVER} never gives up
 * @param maxWait the longest wait between attempts: each wait doubles up to it
 */
public record RetryPolicy(Duration timeout, int resends, Duration maxWait) {

    /** For steps that must happen eventually, whatever it takes: compensations, the order's outcome. */
    public static final int FOREVER = Integer.MAX_VALUE;

    public static RetryPolicy resendUpTo(int resends, Duration timeout) {
        return new RetryPolicy(timeout, resends, timeout.multipliedBy(1L << Math.min(resends, 10)));
    }

    public static RetryPolicy untilDone(Duration timeout, Duration maxWait) {
        return new RetryPolicy(timeout, FOREVER, maxWait);
    }

    /** How long attempt number {@code attempt} (1 for the first send) waits for its reply. */
    public Duration waitFor(int attempt) {
        Duration wait = timeout.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    public boolean mayResend(int attemptsSoFar) {
        return resends == FOREVER || attemptsSoFar <= resends;
    }
}
