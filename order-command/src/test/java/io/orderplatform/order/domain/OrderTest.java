package io.orderplatform.order.domain;

import io.orderplatform.order.adapter.axon.OrderTargetResolver;
import io.orderplatform.schemas.orders.CancelOrder;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import io.orderplatform.schemas.orders.PlaceOrder;
import io.orderplatform.schemas.orders.RejectOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final String ORDER = "order-1";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("SKU-1", 2, new BigDecimal("19.99")), new OrderLine("SKU-2", 3, new BigDecimal("0.10")));
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, "c-1", "EUR", LINES, new BigDecimal("40.28"), NOW);

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerCommandTargetResolver(new OrderTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void placing_an_order_records_it_pending_with_the_exact_total() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "c-1", "EUR", LINES))
                .expectSuccessfulHandlerExecution()
                .expectEvents(PLACED);
    }

    @Test
    void an_order_without_lines_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "c-1", "EUR", List.of()))
                .expectException(InvalidOrderCommand.class)
                .expectNoEvents();
    }

    @Test
    void a_pending_order_is_confirmed() {
        fixture.given(PLACED)
                .when(new ConfirmOrder(ORDER))
                .expectEvents(new OrderConfirmed(ORDER, NOW))
                .expectResultMessagePayload(new OrderState(ORDER, OrderStatus.CONFIRMED, 2));
    }

    @Test
    void confirming_a_confirmed_order_again_succeeds_without_a_new_event() {
        fixture.given(PLACED, new OrderConfirmed(ORDER, NOW))
                .when(new ConfirmOrder(ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new OrderState(ORDER, OrderStatus.CONFIRMED, 2));
    }

    @Test
    void a_rejected_order_cannot_be_confirmed() {
        fixture.given(PLACED, new OrderRejected(ORDER, "out of stock", NOW))
                .when(new ConfirmOrder(ORDER))
                .expectException(OrderStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_cancelled_order_cannot_be_confirmed() {
        fixture.given(PLACED, new OrderCancelled(ORDER, null, NOW))
                .when(new ConfirmOrder(ORDER))
                .expectException(OrderStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_pending_order_is_rejected_with_its_reason() {
        fixture.given(PLACED)
                .when(new RejectOrder(ORDER, "SKU-2: only 1 in stock"))
                .expectEvents(new OrderRejected(ORDER, "SKU-2: only 1 in stock", NOW));
    }

    @Test
    void rejecting_a_rejected_order_again_succeeds_without_a_new_event() {
        fixture.given(PLACED, new OrderRejected(ORDER, "out of stock", NOW))
                .when(new RejectOrder(ORDER, "out of stock"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_confirmed_order_cannot_be_rejected() {
        fixture.given(PLACED, new OrderConfirmed(ORDER, NOW))
                .when(new RejectOrder(ORDER, "too late"))
                .expectException(OrderStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_rejection_needs_a_reason() {
        fixture.given(PLACED)
                .when(new RejectOrder(ORDER, " "))
                .expectException(InvalidOrderCommand.class)
                .expectNoEvents();
    }

    @Test
    void a_pending_order_is_cancelled() {
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER, "changed my mind"))
                .expectEvents(new OrderCancelled(ORDER, "changed my mind", NOW))
                .expectResultMessagePayload(new OrderState(ORDER, OrderStatus.CANCELLED, 2));
    }

    @Test
    void a_confirmed_order_is_cancelled() {
        fixture.given(PLACED, new OrderConfirmed(ORDER, NOW))
                .when(new CancelOrder(ORDER, null))
                .expectEvents(new OrderCancelled(ORDER, null, NOW));
    }

    @Test
    void a_cancelled_order_cannot_be_cancelled_again() {
        fixture.given(PLACED, new OrderCancelled(ORDER, null, NOW))
                .when(new CancelOrder(ORDER, null))
                .expectException(OrderStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_rejected_order_cannot_be_cancelled() {
        fixture.given(PLACED, new OrderRejected(ORDER, "out of stock", NOW))
                .when(new CancelOrder(ORDER, null))
                .expectException(OrderStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void cancelling_at_the_expected_version_succeeds() {
        fixture.given(PLACED, new OrderConfirmed(ORDER, NOW))
                .when(new CancelOrder(ORDER, null), Map.of(Order.EXPECTED_VERSION, 2L))
                .expectEvents(new OrderCancelled(ORDER, null, NOW));
    }

    @Test
    void cancelling_an_order_that_moved_on_since_the_expected_version_is_refused() {
        fixture.given(PLACED, new OrderConfirmed(ORDER, NOW))
                .when(new CancelOrder(ORDER, null), Map.of(Order.EXPECTED_VERSION, 1L))
                .expectException(StaleOrderVersion.class)
                .expectNoEvents();
    }
}
