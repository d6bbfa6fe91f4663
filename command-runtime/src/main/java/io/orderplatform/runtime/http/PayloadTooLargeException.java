package io.orderplatform.runtime.http;

/** The request body is larger than commands may be; answered 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
