package io.orderplatform.projection.view;

/** Where an order is: PENDING until the saga confirms or rejects it, or the customer cancels it. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    REJECTED,
    CANCELLED
}
