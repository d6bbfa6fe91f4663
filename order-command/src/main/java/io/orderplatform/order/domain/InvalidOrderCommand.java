package io.orderplatform.order.domain;

/** The command itself breaks the order's rules, e.g. an order without lines. */
public class InvalidOrderCommand extends OrderRefusedException {

    public InvalidOrderCommand(String message) {
        super(message);
    }
}
