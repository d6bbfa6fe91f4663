package io.orderplatform.runtime.admission;

/**
 * A new command refused at the door because the work it would start could not be finished in time:
 * answered 503 with {@code Retry-After}. Nothing was stored; a repeat with the same
 * {@code Idempotency-Key} later is a first attempt.
 */
public class AdmissionRefusedException extends RuntimeException {

    /** The longest wait a client is told to keep. */
    static final long MAX_RETRY_AFTER_SECONDS = 30;

    private final transient AdmissionState state;

    AdmissionRefusedException(AdmissionState state) {
        super("the platform is behind: new orders are refused until it has caught up", null, false, false);
        this.state = state;
    }

    /** Seconds until the backlog should be back under the limit at the rate it is being worked off. */
    public long retryAfterSeconds() {
        long over = (long) Math.ceil(state.waitSeconds() - state.maxWaitSeconds());
        return Math.clamp(over, 1, MAX_RETRY_AFTER_SECONDS);
    }

    public AdmissionState state() {
        return state;
    }
}
