package io.orderplatform.order.domain;

/**
 * An order's status after a command, and its version: the number of events it has.
 *
 * @param orderId the order
 * @param status its status now
 * @param version how many events the order has; the HTTP {@code ETag}
 */
public record OrderState(String orderId, OrderStatus status, long version) {}
