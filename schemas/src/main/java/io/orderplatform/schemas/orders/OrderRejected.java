package io.orderplatform.schemas.orders;

import java.time.Instant;

/** A pending order could not be fulfilled and is REJECTED, for {@code reason}. */
public record OrderRejected(String orderId, String reason, Instant rejectedAt) implements OrderEvent {}
