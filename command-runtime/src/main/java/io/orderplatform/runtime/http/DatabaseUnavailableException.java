package io.orderplatform.runtime.http;

/**
 * A command could not run because the database cannot be reached (see {@link
 * io.orderplatform.runtime.axon.DatabaseUnavailable}); answered 503 with {@code Retry-After}. The
 * command's transaction was rolled back; only a connection lost while committing leaves it unknown
 * whether the command took effect, which is what the {@code Idempotency-Key} of a repeat settles.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("the database cannot be reached; try again shortly", cause);
    }
}
