package io.orderplatform.projection.query;

/** No copy of the view can answer right now (starting, rebuilding, moving): try again shortly (503). */
public class ViewUnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    public ViewUnavailableException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ViewUnavailableException(String message) {
        this(message, 1);
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
