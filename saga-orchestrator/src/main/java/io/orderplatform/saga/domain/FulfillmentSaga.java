package io.orderplatform.saga.domain;

import static io.orderplatform.saga.domain.EventReaction.completes;
import static io.orderplatform.saga.domain.EventReaction.endsElsewhere;
import static io.orderplatform.saga.domain.EventReaction.starts;
import static io.orderplatform.saga.domain.StepDefinition.step;

import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReservationCommand;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderCommand;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import io.orderplatform.schemas.orders.RejectOrder;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The fulfillment saga: reserve every line's stock, then confirm the order; on a refusal, a silence or
 * a cancellation, release what was reserved and (unless the order was cancelled) reject the order.
 * Compensation replaces a distributed transaction: every step is a command to one participant, answered
 * on {@code fulfillment.replies}, and every success that must be undone has a step that undoes it.
 */
public final class FulfillmentSaga {

    public static final String RESERVE_STOCK = "reserve-stock";
    public static final String CONFIRM_ORDER = "confirm-order";
    public static final String RELEASE_STOCK = "release-stock";
    public static final String REJECT_ORDER = "reject-order";

    /** How long a step waits for its first reply unless configured otherwise. */
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(5);

    /** How often a reservation is sent again after a timeout before the saga gives up on it. */
    public static final int DEFAULT_RESERVE_RESENDS = 2;

    /** The longest wait between resends of a step that never gives up. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /** Stock commands, keyed by SKU: inventory handles one product's commands in order. */
    static final Destination<ReservationCommand> INVENTORY =
            new Destination<>(Topics.INVENTORY_COMMANDS, ReservationCommand::sku);

    /** Order commands, keyed by order id like the order's events. */
    static final Destination<OrderCommand> ORDERS = new Destination<>(Topics.ORDERS_COMMANDS, OrderCommand::orderId);

    private FulfillmentSaga() {}

    /**
     * The saga's steps, and what the order's events mean to it.
     *
     * @param stepTimeout how long a step waits for its first reply
     * @param reserveResends how often a reservation is resent before the order is given up
     */
    public static SagaDefinition<OrderEvent> definition(Duration stepTimeout, int reserveResends) {
        RetryPolicy untilDone = RetryPolicy.untilDone(stepTimeout, MAX_WAIT);
        // Hold every line's units, all lines at once; a refusal or a silence fails the saga.
        StepDefinition<ReservationCommand> reserveStock = step(
                        RESERVE_STOCK,
                        FulfillmentSaga::eachSku,
                        INVENTORY,
                        (saga, sku) -> new ReserveStock(saga.orderId(), sku, quantityOf(saga, sku)),
                        RetryPolicy.resendUpTo(reserveResends, stepTimeout))
                // Undoes a reservation that was made, or may have been made (timed out).
                .compensatedBy(step(
                        RELEASE_STOCK,
                        FulfillmentSaga::eachSku,
                        INVENTORY,
                        (saga, sku) -> new ReleaseStock(saga.orderId(), sku),
                        untilDone));
        // Everything is held: confirm the order.
        StepDefinition<OrderCommand> confirmOrder = step(
                CONFIRM_ORDER,
                FulfillmentSaga::theOrder,
                ORDERS,
                (saga, orderId) -> new ConfirmOrder(orderId),
                untilDone);
        // After a failure, once everything is released: reject the order, naming what failed.
        StepDefinition<OrderCommand> rejectOrder = step(
                REJECT_ORDER,
                FulfillmentSaga::theOrder,
                ORDERS,
                (saga, orderId) -> new RejectOrder(orderId, saga.failure()),
                untilDone);
        // What the order's events mean to the saga.
        Function<OrderEvent, EventReaction> reactions = event -> switch (event) {
            case OrderPlaced placed -> starts(input -> SagaState.started(placed, input));
            // The order's own answer to confirm-order: the saga is done.
            case OrderConfirmed confirmed -> completes(confirmOrder, "order confirmed");
            // The answer to reject-order, or a rejection from elsewhere: nothing is left to reject.
            case OrderRejected rejected ->
                endsElsewhere("order rejected: " + rejected.reason(), rejectOrder, "order rejected");
            // Cancelled, even after confirmation: release whatever is held, reject nothing.
            case OrderCancelled cancelled -> endsElsewhere("order cancelled");
        };
        return new SagaDefinition<>(List.of(reserveStock, confirmOrder), rejectOrder, OrderEvent::orderId, reactions);
    }

    private static List<String> eachSku(SagaState saga) {
        return saga.order().lines().stream().map(OrderLine::sku).toList();
    }

    private static List<String> theOrder(SagaState saga) {
        return List.of(saga.orderId());
    }

    private static int quantityOf(SagaState saga, String sku) {
        return saga.order().lines().stream()
                .filter(line -> line.sku().equals(sku))
                .mapToInt(OrderLine::quantity)
                .sum();
    }
}
