package io.orderplatform.schemas.inventory;

import java.time.Instant;

/**
 * A reservation for an order could not be made, for {@code reason}; the stock is unchanged. It is an
 * event, not only a reply, so that the refusal is part of the product's history and the saga can
 * reject the order from it.
 *
 * @param sku the product asked for
 * @param orderId the order the units were asked for
 * @param quantity units asked for
 * @param reason why nothing was reserved
 * @param available units available, unchanged; 0 for an unknown product
 * @param reserved units reserved, unchanged; 0 for an unknown product
 * @param rejectedAt when the reservation was refused
 */
public record StockReservationRejected(
        String sku,
        String orderId,
        int quantity,
        RejectionReason reason,
        int available,
        int reserved,
        Instant rejectedAt)
        implements InventoryEvent {

    /** Why a reservation was refused; the wire value is the constant's name. */
    public enum RejectionReason {
        /** Fewer units are available than were asked for. */
        INSUFFICIENT_STOCK,
        /** No product is registered under the SKU. */
        UNKNOWN_PRODUCT
    }
}
