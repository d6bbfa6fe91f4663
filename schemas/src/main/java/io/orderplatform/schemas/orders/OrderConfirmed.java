package io.orderplatform.schemas.orders;

import java.time.Instant;

/** All stock of an order was reserved and the order is CONFIRMED. */
public record OrderConfirmed(String orderId, Instant confirmedAt) implements OrderEvent {}
