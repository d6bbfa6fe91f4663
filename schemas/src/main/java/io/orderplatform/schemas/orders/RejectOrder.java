package io.orderplatform.schemas.orders;

/** Asks to reject a pending order that cannot be fulfilled. Sent by fulfillment over Kafka. */
public record RejectOrder(String orderId, String reason) implements OrderCommand {}
