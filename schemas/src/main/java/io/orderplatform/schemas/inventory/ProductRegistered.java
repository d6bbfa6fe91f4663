package io.orderplatform.schemas.inventory;

import java.time.Instant;

/** A product was registered with {@code initialQuantity} units, all available and none reserved. */
public record ProductRegistered(
        String sku, String name, int initialQuantity, int available, int reserved, Instant registeredAt)
        implements InventoryEvent {}
