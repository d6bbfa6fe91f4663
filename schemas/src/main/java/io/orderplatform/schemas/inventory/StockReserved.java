package io.orderplatform.schemas.inventory;

import java.time.Instant;

/** {@code quantity} units of a product moved from available to reserved, held for an order. */
public record StockReserved(String sku, String orderId, int quantity, int available, int reserved, Instant reservedAt)
        implements InventoryEvent {}
