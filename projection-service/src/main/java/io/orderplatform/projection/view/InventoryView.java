package io.orderplatform.projection.view;

import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.ProductRegistered;
import java.time.Instant;

/**
 * A product's stock as readers see it. Every inventory event carries the stock after it, so the view
 * is the latest event's numbers; the name comes from the registration.
 */
public record InventoryView(String sku, String name, int available, int reserved, long version, Instant updatedAt) {

    /** The view after {@code event}, the product's event number {@code version}; {@code before} may be null. */
    public static InventoryView after(InventoryView before, InventoryEvent event, long version, Instant at) {
        String name = event instanceof ProductRegistered registered
                ? registered.name()
                : before == null ? null : before.name();
        return new InventoryView(event.sku(), name, event.available(), event.reserved(), version, at);
    }
}
