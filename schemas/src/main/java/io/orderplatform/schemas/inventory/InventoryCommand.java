package io.orderplatform.schemas.inventory;

/**
 * A request to change the stock of one product. Every inventory command names the SKU it is for, so
 * that all commands to one product are handled in order.
 */
public sealed interface InventoryCommand permits RegisterProduct, AddStock, ReservationCommand {

    /** The product this command is for. */
    String sku();
}
