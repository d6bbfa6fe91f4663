package io.orderplatform.schemas.inventory;

/**
 * A command of the fulfillment saga that reserves or releases stock for one order: the records on
 * {@code inventory.commands}, keyed by SKU. Each names the order, so that a redelivered command can be
 * recognised and answered again rather than applied twice.
 */
public sealed interface ReservationCommand extends InventoryCommand permits ReserveStock, ReleaseStock {

    /** The order the stock is reserved for or released from. */
    String orderId();
}
