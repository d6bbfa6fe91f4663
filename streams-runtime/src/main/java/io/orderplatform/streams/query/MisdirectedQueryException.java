package io.orderplatform.streams.query;

/**
 * A query forwarded here by another instance for a partition this instance holds no copy of (the two
 * saw different assignments during a rebalance): {@code 421 Misdirected Request}, so that the forwarding
 * instance tries another copy instead of the query bouncing between them.
 */
public class MisdirectedQueryException extends RuntimeException {

    public MisdirectedQueryException(String message) {
        super(message);
    }
}
