package io.orderplatform.projection.view;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as readers see it: the fold of its events, at {@code version} (the sequence of the last
 * event applied, which is also the {@code ETag}).
 *
 * @param confirmedAt when the order was confirmed, null if never; its sales are counted in that hour
 * @param reason why it was rejected or cancelled, null otherwise
 */
public record OrderView(
        String orderId,
        String customerId,
        OrderStatus status,
        List<OrderLine> lines,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
        String currency,
        long version,
        Instant placedAt,
        Instant updatedAt,
        Instant confirmedAt,
        String reason) {

    public OrderView {
        lines = List.copyOf(lines);
    }

    /** The view an order's first event creates. */
    public static OrderView placed(OrderPlaced placed, long version, Instant at) {
        return new OrderView(
                placed.orderId(),
                placed.customerId(),
                OrderStatus.PENDING,
                placed.lines(),
                placed.total(),
                placed.currency(),
                version,
                placed.placedAt(),
                at,
                null,
                null);
    }

    /**
     * The view after {@code event}, the order's event number {@code version}.
     *
     * @throws IllegalArgumentException if the event cannot follow the view (a second OrderPlaced)
     */
    public OrderView apply(OrderEvent event, long version, Instant at) {
        return switch (event) {
            case OrderPlaced placed ->
                throw new IllegalArgumentException("order " + orderId + " was already placed; got OrderPlaced again");
            case OrderConfirmed confirmed -> with(OrderStatus.CONFIRMED, version, at, confirmed.confirmedAt(), null);
            case OrderRejected rejected -> with(OrderStatus.REJECTED, version, at, confirmedAt, rejected.reason());
            case OrderCancelled cancelled -> with(OrderStatus.CANCELLED, version, at, confirmedAt, cancelled.reason());
        };
    }

    private OrderView with(OrderStatus newStatus, long newVersion, Instant at, Instant confirmed, String why) {
        return new OrderView(
                orderId, customerId, newStatus, lines, total, currency, newVersion, placedAt, at, confirmed, why);
    }
}
