package io.orderplatform.schemas.inventory;

import java.time.Instant;

/** {@code quantity} units were added to a product's stock and are available. */
public record StockAdded(String sku, int quantity, int available, int reserved, Instant addedAt)
        implements InventoryEvent {}
