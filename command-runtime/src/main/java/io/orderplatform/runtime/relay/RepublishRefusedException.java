package io.orderplatform.runtime.relay;

/** A republish that cannot start now; answered as a 409 problem of the given type. */
public class RepublishRefusedException extends RuntimeException {

    private final String problemType;
    private final String title;

    private RepublishRefusedException(String problemType, String title, String detail) {
        super(detail);
        this.problemType = problemType;
        this.title = title;
    }

    static RepublishRefusedException running(String detail) {
        return new RepublishRefusedException("republish-running", "A republish is already running", detail);
    }

    /** Another instance of the service holds the relay's segment: republish there, or once it lets go. */
    static RepublishRefusedException elsewhere(String detail) {
        return new RepublishRefusedException("relay-claimed-elsewhere", "The relay runs on another instance", detail);
    }

    /** The slug of the problem type, under {@code https://orderplatform.io/problems/}. */
    public String problemType() {
        return problemType;
    }

    public String title() {
        return title;
    }
}
