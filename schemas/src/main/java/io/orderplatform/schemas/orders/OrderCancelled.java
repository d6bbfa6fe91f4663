package io.orderplatform.schemas.orders;

import java.time.Instant;

/** The customer cancelled the order; {@code reason} is null when none was given. */
public record OrderCancelled(String orderId, String reason, Instant cancelledAt) implements OrderEvent {}
