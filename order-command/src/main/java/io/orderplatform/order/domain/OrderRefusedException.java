package io.orderplatform.order.domain;

/** A command the order's rules refuse. Nothing was recorded; the message says why. */
public abstract class OrderRefusedException extends RuntimeException {

    protected OrderRefusedException(String message) {
        super(message);
    }
}
