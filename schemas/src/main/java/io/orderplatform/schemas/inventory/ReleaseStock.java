package io.orderplatform.schemas.inventory;

/**
 * Asks to release whatever an order holds of one product, e.g. when the order is rejected or
 * cancelled. Sent by fulfillment over Kafka. It carries no quantity: the inventory knows what it
 * reserved for the order, so a release can never free more than was reserved.
 *
 * @param orderId the order whose reservation is released
 * @param sku the product's stock-keeping unit
 */
public record ReleaseStock(String orderId, String sku) implements ReservationCommand {}
