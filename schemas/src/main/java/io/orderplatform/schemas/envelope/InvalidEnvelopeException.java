package io.orderplatform.schemas.envelope;

/** A record's CloudEvents headers are missing or malformed; the record cannot be interpreted. */
public class InvalidEnvelopeException extends RuntimeException {

    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
