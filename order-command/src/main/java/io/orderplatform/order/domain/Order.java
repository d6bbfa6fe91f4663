package io.orderplatform.order.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderplatform.schemas.orders.CancelOrder;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import io.orderplatform.schemas.orders.PlaceOrder;
import io.orderplatform.schemas.orders.RejectOrder;
import java.math.BigDecimal;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An order, event-sourced. It is PENDING once placed; fulfillment then confirms or rejects it, and
 * the customer may cancel it while it is pending or confirmed.
 *
 * <p>Commands that already took effect (confirming a confirmed order, rejecting a rejected one)
 * succeed without a new event, so a redelivered Kafka command is harmless.
 */
public class Order {

    /** Command metadata key: the version the client expects the order to be at (HTTP If-Match). */
    public static final String EXPECTED_VERSION = "expectedVersion";

    @AggregateIdentifier
    private String orderId;

    private OrderStatus status;
    private long version;

    protected Order() {}

    @CommandHandler
    public Order(PlaceOrder command, Clock clock) {
        if (command.lines().isEmpty()) {
            throw new InvalidOrderCommand("an order needs at least one line");
        }
        BigDecimal total = command.lines().stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        apply(new OrderPlaced(
                command.orderId(), command.customerId(), command.currency(), command.lines(), total, clock.instant()));
    }

    @CommandHandler
    public OrderState handle(ConfirmOrder command, Clock clock) {
        if (status == OrderStatus.CONFIRMED) {
            return state();
        }
        requirePending("confirmed");
        apply(new OrderConfirmed(orderId, clock.instant()));
        return state();
    }

    @CommandHandler
    public OrderState handle(RejectOrder command, Clock clock) {
        if (status == OrderStatus.REJECTED) {
            return state();
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new InvalidOrderCommand("rejecting order " + orderId + " needs a reason");
        }
        requirePending("rejected");
        apply(new OrderRejected(orderId, command.reason(), clock.instant()));
        return state();
    }

    @CommandHandler
    public OrderState handle(CancelOrder command, @MetaDataValue(EXPECTED_VERSION) Long expectedVersion, Clock clock) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new StaleOrderVersion(orderId, expectedVersion, version);
        }
        if (status != OrderStatus.PENDING && status != OrderStatus.CONFIRMED) {
            throw new OrderStateConflict(orderId, status, "cancelled");
        }
        apply(new OrderCancelled(orderId, command.reason(), clock.instant()));
        return state();
    }

    @EventSourcingHandler
    void on(OrderEvent event) {
        version++;
        switch (event) {
            case OrderPlaced placed -> {
                orderId = placed.orderId();
                status = OrderStatus.PENDING;
            }
            case OrderConfirmed confirmed -> status = OrderStatus.CONFIRMED;
            case OrderRejected rejected -> status = OrderStatus.REJECTED;
            case OrderCancelled cancelled -> status = OrderStatus.CANCELLED;
        }
    }

    private void requirePending(String action) {
        if (status != OrderStatus.PENDING) {
            throw new OrderStateConflict(orderId, status, action);
        }
    }

    private OrderState state() {
        return new OrderState(orderId, status, version);
    }
}
