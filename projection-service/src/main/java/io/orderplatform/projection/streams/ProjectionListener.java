package io.orderplatform.projection.streams;

/**
 * Told what the projections skip, hold back or change, for metrics, logs and read-your-writes
 * waiting. Kept out of the topology's logic so that the topology stays free of side effects in tests.
 */
public interface ProjectionListener {

    /** A repeat or an older event of {@code subject} was skipped. */
    default void duplicate(String view, String subject, long appliedVersion, long sequence) {}

    /** An event of {@code subject} came before the ones preceding it and is held back. */
    default void gap(String view, String subject, long appliedVersion, long sequence) {}

    /** A record could not be read or applied and was dead-lettered or skipped. */
    default void rejected(String topic, String reason) {}

    /** The view of {@code key} in {@code view} now stands at {@code version}. */
    default void updated(String view, String key, long version) {}
}
