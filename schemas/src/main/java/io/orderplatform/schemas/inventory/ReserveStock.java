package io.orderplatform.schemas.inventory;

/**
 * Asks to reserve units of one product for an order line. Sent by fulfillment over Kafka; answered by
 * {@link StockReserved} or {@link StockReservationRejected}.
 *
 * @param orderId the order the units are reserved for
 * @param sku the product's stock-keeping unit
 * @param quantity units to reserve, 1 to 10000 like an order line
 */
public record ReserveStock(String orderId, String sku, int quantity) implements ReservationCommand {}
