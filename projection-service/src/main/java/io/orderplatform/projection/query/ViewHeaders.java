package io.orderplatform.projection.query;

/** Response headers of the query API. */
public final class ViewHeaders {

    /**
     * Present when the answer came from a copy that may be behind (a standby replica, or an active copy
     * still restoring during a rebalance): how many records it may be missing, as Kafka Streams
     * estimates it.
     */
    public static final String VIEW_LAG = "View-Lag";

    private ViewHeaders() {}
}
