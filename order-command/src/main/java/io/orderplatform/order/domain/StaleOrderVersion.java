package io.orderplatform.order.domain;

/** The client expected an older or newer version of the order than the current one. */
public class StaleOrderVersion extends OrderRefusedException {

    public StaleOrderVersion(String orderId, long expected, long actual) {
        super("order " + orderId + " is at version " + actual + ", not " + expected);
    }
}
