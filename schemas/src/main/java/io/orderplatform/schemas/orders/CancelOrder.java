package io.orderplatform.schemas.orders;

/** Asks to cancel an order that is pending or confirmed; {@code reason} may be null. */
public record CancelOrder(String orderId, String reason) implements OrderCommand {}
