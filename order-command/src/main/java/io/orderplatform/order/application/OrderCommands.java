package io.orderplatform.order.application;

import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OrderState;
import io.orderplatform.order.domain.OrderStatus;
import io.orderplatform.runtime.axon.CommandMessages;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.schemas.orders.CancelOrder;
import io.orderplatform.schemas.orders.PlaceOrder;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Placing and cancelling orders on behalf of HTTP clients. Runs in the caller's transaction, so
 * the events are committed together with whatever else the caller records (its idempotency key).
 */
public class OrderCommands {

    private final CommandGateway commandGateway;

    public OrderCommands(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /**
     * Places an order.
     *
     * @param origin the command's id and flow; the events name them
     * @return the new order: PENDING at version 1
     */
    public OrderState place(PlaceOrder command, CommandOrigin origin) {
        commandGateway.sendAndWait(CommandMessages.of(command, origin));
        return new OrderState(command.orderId(), OrderStatus.PENDING, 1);
    }

    /**
     * Cancels an order.
     *
     * @param expectedVersion the version the client last saw (If-Match), or null to cancel whatever it is
     */
    public OrderState cancel(CancelOrder command, Long expectedVersion, CommandOrigin origin) {
        Map<String, Object> metaData =
                expectedVersion == null ? Map.of() : Map.of(Order.EXPECTED_VERSION, expectedVersion);
        return commandGateway.sendAndWait(CommandMessages.of(command, origin, metaData));
    }
}
