package io.orderplatform.schemas.orders;

/** A request to change one order. Every order command names the order it is for. */
public sealed interface OrderCommand permits PlaceOrder, CancelOrder, ConfirmOrder, RejectOrder {

    /** The order this command is for. */
    String orderId();
}
