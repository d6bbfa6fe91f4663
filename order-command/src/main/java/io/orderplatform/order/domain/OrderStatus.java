package io.orderplatform.order.domain;

/** Where an order is in its life: PENDING until fulfillment decides, then one of the final states. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    REJECTED,
    CANCELLED
}
