package io.orderplatform.saga.domain;

/** Where one command of a saga is: waiting for its reply, or answered. */
public enum StepStatus {
    /** Sent (maybe more than once) and not answered yet. */
    SENT,
    SUCCEEDED,
    FAILED,
    /** Never answered within its timeout and retries. */
    TIMED_OUT
}
