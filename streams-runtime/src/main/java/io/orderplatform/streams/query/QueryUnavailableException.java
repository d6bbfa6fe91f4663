package io.orderplatform.streams.query;

/**
 * No copy can answer the query right now (starting, rebuilding, partitions moving, the owner
 * unreachable): {@code 503} with {@code Retry-After}, never a {@code 500}.
 */
public class QueryUnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    public QueryUnavailableException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public QueryUnavailableException(String message) {
        this(message, 1);
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The view did not reach the version asked for in time (read-your-writes). */
    public static final class Behind extends QueryUnavailableException {
        public Behind(Object key, long version, long minVersion) {
            super("the view of " + key + " is at version " + version + ", not yet " + minVersion, 1);
        }
    }

    /**
     * The copy here lacks the view but is still being restored: the view may exist, so this is no
     * {@code 404} yet.
     */
    static final class RestoringAbsence extends QueryUnavailableException {
        RestoringAbsence(Object key) {
            super("the copy of " + key + " here is still being restored");
        }
    }
}
