package io.orderplatform.schemas.orders;

/** Asks to confirm a pending order once all its stock is reserved. Sent by fulfillment over Kafka. */
public record ConfirmOrder(String orderId) implements OrderCommand {}
