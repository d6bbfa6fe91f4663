package io.orderplatform.saga.domain;

/** Where a saga is: running forward, done, undoing, or undone. */
public enum SagaStatus {
    /** Its steps are being run. */
    RUNNING,
    /** Every step succeeded and the order is confirmed. */
    COMPLETED,
    /** A step failed, timed out or the order was cancelled: what was done is being undone. */
    COMPENSATING,
    /** Everything done was undone; the order is rejected or cancelled. */
    COMPENSATED;

    public boolean isFinal() {
        return this == COMPLETED || this == COMPENSATED;
    }
}
