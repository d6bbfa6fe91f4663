package io.orderplatform.schemas.orders;

import io.orderplatform.schemas.json.MessageType;
import io.orderplatform.schemas.json.MessageTypes;

/** The message types of the order topics and their {@code ce_type} names. */
public final class OrderContracts {

    public static final MessageType<OrderPlaced> ORDER_PLACED =
            new MessageType<>("orders.OrderPlaced.v1", OrderPlaced.class);
    public static final MessageType<OrderConfirmed> ORDER_CONFIRMED =
            new MessageType<>("orders.OrderConfirmed.v1", OrderConfirmed.class);
    public static final MessageType<OrderRejected> ORDER_REJECTED =
            new MessageType<>("orders.OrderRejected.v1", OrderRejected.class);
    public static final MessageType<OrderCancelled> ORDER_CANCELLED =
            new MessageType<>("orders.OrderCancelled.v1", OrderCancelled.class);

    public static final MessageType<ConfirmOrder> CONFIRM_ORDER =
            new MessageType<>("orders.ConfirmOrder.v1", ConfirmOrder.class);
    public static final MessageType<RejectOrder> REJECT_ORDER =
            new MessageType<>("orders.RejectOrder.v1", RejectOrder.class);

    /** Everything that is published on {@code orders.events}. */
    public static final MessageTypes<OrderEvent> EVENTS =
            MessageTypes.of(OrderEvent.class, ORDER_PLACED, ORDER_CONFIRMED, ORDER_REJECTED, ORDER_CANCELLED);

    /** The commands that travel on {@code orders.commands}; placing and cancelling arrive over HTTP. */
    public static final MessageTypes<OrderCommand> COMMANDS =
            MessageTypes.of(OrderCommand.class, CONFIRM_ORDER, REJECT_ORDER);

    private OrderContracts() {}
}
