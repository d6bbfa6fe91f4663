package io.orderplatform.saga.domain;

import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.RejectOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    private FulfillmentSaga() {}

    /**
     * The saga's steps.
     *
     * @param stepTimeout how long a step waits for its first reply
     * @param reserveResends how often a reservation is resent before the order is given up
     */
    public static SagaDefinition definition(Duration stepTimeout, int reserveResends) {
        return new SagaDefinition(
                List.of(
                        // Hold every line's units, all lines at once; a refusal or a silence fails the saga.
                        new StepDefinition(
                                RESERVE_STOCK,
                                FulfillmentSaga::eachSku,
                                (saga, sku) -> new ReserveStock(saga.orderId(), sku, quantityOf(saga, sku)),
                                RELEASE_STOCK,
                                RetryPolicy.resendUpTo(reserveResends, stepTimeout)),
                        // Everything is held: confirm the order. The saga completes on OrderConfirmed.
                        new StepDefinition(
                                CONFIRM_ORDER,
                                FulfillmentSaga::theOrder,
                                (saga, orderId) -> new ConfirmOrder(orderId),
                                null,
                                RetryPolicy.untilDone(stepTimeout, MAX_WAIT))),
                Map.of(
                        // Undoes a reservation that was made, or may have been made (timed out).
                        RELEASE_STOCK,
                        new StepDefinition(
                                RELEASE_STOCK,
                                FulfillmentSaga::eachSku,
                                (saga, sku) -> new ReleaseStock(saga.orderId(), sku),
                                null,
                                RetryPolicy.untilDone(stepTimeout, MAX_WAIT))),
                // After a failure, once everything is released: reject the order, naming what failed.
                new StepDefinition(
                        REJECT_ORDER,
                        FulfillmentSaga::theOrder,
                        (saga, orderId) -> new RejectOrder(orderId, saga.failure()),
                        null,
                        RetryPolicy.untilDone(stepTimeout, MAX_WAIT)));
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
