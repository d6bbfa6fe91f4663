package io.orderplatform.schemas.orders;

import java.util.List;

/**
 * Asks to place a new order. The command service has already checked the input rules; the order
 * starts PENDING until fulfillment confirms or rejects it.
 */
public record PlaceOrder(String orderId, String customerId, String currency, List<OrderLine> lines)
        implements OrderCommand {

    public PlaceOrder {
        lines = List.copyOf(lines);
    }
}
