package io.orderplatform.runtime.http;

/** An Idempotency-Key came back with a different request than the one it was first used for; 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was already used with a different request");
    }
}
