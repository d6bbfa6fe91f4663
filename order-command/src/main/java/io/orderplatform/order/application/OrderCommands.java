package io.orderplatform.order.application;

import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OrderState;
import io.orderplatform.order.domain.OrderStatus;
import io.orderplatform.schemas.orders.CancelOrder;
import io.orderplatform.schemas.orders.PlaceOrder;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
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
     * @param traceparent the request's W3C trace context, or null
     * @return the new order: PENDING at version 1
     */
    public OrderState place(PlaceOrder command, String traceparent) {
        commandGateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).withMetaData(trace(traceparent)));
        return new OrderState(command.orderId(), OrderStatus.PENDING, 1);
    }

    /**
     * Cancels an order.
     *
     * @param expectedVersion the version the client last saw (If-Match), or null to cancel whatever it is
     */
    public OrderState cancel(CancelOrder command, Long expectedVersion, String traceparent) {
        Map<String, Object> metaData = trace(traceparent);
        if (expectedVersion != null) {
            metaData.put(Order.EXPECTED_VERSION, expectedVersion);
        }
        return commandGateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).withMetaData(metaData));
    }

    private static Map<String, Object> trace(String traceparent) {
        Map<String, Object> metaData = new HashMap<>();
        if (traceparent != null) {
            metaData.put("traceparent", traceparent);
        }
        return metaData;
    }
}
