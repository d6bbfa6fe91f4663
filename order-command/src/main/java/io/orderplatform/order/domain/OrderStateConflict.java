package io.orderplatform.order.domain;

/** The order's status does not allow the command, e.g. cancelling a rejected order. */
public class OrderStateConflict extends OrderRefusedException {

    public OrderStateConflict(String orderId, OrderStatus status, String action) {
        super("order " + orderId + " is " + status + " and cannot be " + action);
    }
}
