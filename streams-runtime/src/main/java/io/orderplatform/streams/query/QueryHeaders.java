package io.orderplatform.streams.query;

/** The headers of the query protocol between clients and instances. */
public final class QueryHeaders {

    /**
     * Present when the answer came from a copy that may be behind (a standby replica, or an active copy
     * still restoring during a rebalance): how many records it may be missing, as Kafka Streams
     * estimates it.
     */
    public static final String VIEW_LAG = "View-Lag";

    /**
     * Marks a query that another instance forwarded: it is answered from this instance's own copies
     * and never forwarded again (one hop at most).
     */
    public static final String FORWARDED = "X-Forwarded-Query";

    private QueryHeaders() {}
}
