package io.orderplatform.kafka.deadletter.admin;

/**
 * Why the dead-letter admin refused or could not do what was asked; each kind is answered its own
 * way (the HTTP API: 400, 404, 409, 503), none is a fault of the service.
 */
public abstract sealed class DeadLetterAdminException extends RuntimeException {

    DeadLetterAdminException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A parameter or body that does not say what it must. */
    public static final class BadRequest extends DeadLetterAdminException {

        private final String field;

        public BadRequest(String field, String message) {
            super(message, null);
            this.field = field;
        }

        /** The parameter or body field at fault. */
        public String field() {
            return field;
        }
    }

    /** A topic this consumer has no dead letters of. */
    public static final class UnknownTopic extends DeadLetterAdminException {

        public UnknownTopic(String message) {
            super(message, null);
        }
    }

    /** No dead letter at the position named. */
    public static final class NoSuchDeadLetter extends DeadLetterAdminException {

        public NoSuchDeadLetter(String message) {
            super(message, null);
        }
    }

    /**
     * Another redrive or discard of this consumer's dead letters (on another instance) took over while
     * this one ran: this one changed nothing; look again and repeat it.
     */
    public static final class Conflict extends DeadLetterAdminException {

        public Conflict(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Kafka did not answer in time. A redrive or discard cut short this way may or may not have taken
     * effect (all of it or none): look before repeating it; a repeat never handles a dead letter twice.
     */
    public static final class Unavailable extends DeadLetterAdminException {

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
