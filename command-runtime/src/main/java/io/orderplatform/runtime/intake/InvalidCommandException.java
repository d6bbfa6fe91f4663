package io.orderplatform.runtime.intake;

/** A command record that cannot be interpreted; retrying cannot help, so it goes to the DLQ. */
public class InvalidCommandException extends RuntimeException {

    public InvalidCommandException(String message) {
        super(message);
    }
}
