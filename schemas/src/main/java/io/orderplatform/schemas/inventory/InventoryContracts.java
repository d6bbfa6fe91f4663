package io.orderplatform.schemas.inventory;

import io.orderplatform.schemas.json.MessageType;
import io.orderplatform.schemas.json.MessageTypes;

/** The message types of the inventory topics and their {@code ce_type} names. */
public final class InventoryContracts {

    public static final MessageType<ProductRegistered> PRODUCT_REGISTERED =
            new MessageType<>("inventory.ProductRegistered.v1", ProductRegistered.class);
    public static final MessageType<StockAdded> STOCK_ADDED =
            new MessageType<>("inventory.StockAdded.v1", StockAdded.class);
    public static final MessageType<StockReserved> STOCK_RESERVED =
            new MessageType<>("inventory.StockReserved.v1", StockReserved.class);
    public static final MessageType<StockReservationRejected> STOCK_RESERVATION_REJECTED =
            new MessageType<>("inventory.StockReservationRejected.v1", StockReservationRejected.class);
    public static final MessageType<StockReleased> STOCK_RELEASED =
            new MessageType<>("inventory.StockReleased.v1", StockReleased.class);

    public static final MessageType<ReserveStock> RESERVE_STOCK =
            new MessageType<>("inventory.ReserveStock.v1", ReserveStock.class);
    public static final MessageType<ReleaseStock> RELEASE_STOCK =
            new MessageType<>("inventory.ReleaseStock.v1", ReleaseStock.class);

    /** Everything that is published on {@code inventory.events}. */
    public static final MessageTypes<InventoryEvent> EVENTS = MessageTypes.of(
            InventoryEvent.class,
            PRODUCT_REGISTERED,
            STOCK_ADDED,
            STOCK_RESERVED,
            STOCK_RESERVATION_REJECTED,
            STOCK_RELEASED);

    /**
     * The commands that travel on {@code inventory.commands}; registering products and adding stock
     * arrive over HTTP.
     */
    public static final MessageTypes<ReservationCommand> COMMANDS =
            MessageTypes.of(ReservationCommand.class, RESERVE_STOCK, RELEASE_STOCK);

    private InventoryContracts() {}
}
