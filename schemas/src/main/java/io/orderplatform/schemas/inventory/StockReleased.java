package io.orderplatform.schemas.inventory;

import java.time.Instant;

/** The {@code quantity} units an order held of a product went back from reserved to available. */
public record StockReleased(String sku, String orderId, int quantity, int available, int reserved, Instant releasedAt)
        implements InventoryEvent {}
