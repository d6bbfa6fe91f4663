package io.orderplatform.inventory.domain;

import io.orderplatform.inventory.adapter.axon.InventoryTargetResolver;
import io.orderplatform.schemas.inventory.AddStock;
import io.orderplatform.schemas.inventory.ProductRegistered;
import io.orderplatform.schemas.inventory.RegisterProduct;
import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.inventory.StockAdded;
import io.orderplatform.schemas.inventory.StockReleased;
import io.orderplatform.schemas.inventory.StockReservationRejected;
import io.orderplatform.schemas.inventory.StockReservationRejected.RejectionReason;
import io.orderplatform.schemas.inventory.StockReserved;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryItemTest {

    private static final String SKU = "SKU-1";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final ProductRegistered REGISTERED = new ProductRegistered(SKU, "Blue mug", 10, 10, 0, NOW);
    private static final StockReserved RESERVED_3 = new StockReserved(SKU, "order-1", 3, 7, 3, NOW);

    private FixtureConfiguration<InventoryItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(InventoryItem.class);
        fixture.registerCommandTargetResolver(new InventoryTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void registering_a_product_makes_its_initial_stock_available() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProduct(SKU, "Blue mug", 10))
                .expectEvents(REGISTERED)
                .expectResultMessagePayload(new ProductState(SKU, 1));
    }

    @Test
    void a_product_is_registered_once() {
        fixture.given(REGISTERED)
                .when(new RegisterProduct(SKU, "Other mug", 5))
                .expectException(ProductAlreadyRegistered.class)
                .expectNoEvents();
    }

    @Test
    void a_negative_initial_quantity_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProduct(SKU, "Blue mug", -1))
                .expectException(InvalidInventoryCommand.class)
                .expectNoEvents();
    }

    @Test
    void restocking_adds_to_available_and_keeps_reserved() {
        fixture.given(REGISTERED, RESERVED_3)
                .when(new AddStock(SKU, 5))
                .expectEvents(new StockAdded(SKU, 5, 12, 3, NOW))
                .expectResultMessagePayload(new ProductState(SKU, 3));
    }

    @Test
    void restocking_at_a_stale_version_is_refused() {
        fixture.given(REGISTERED, RESERVED_3)
                .when(new AddStock(SKU, 5), Map.of(InventoryItem.EXPECTED_VERSION, 1L))
                .expectException(StaleProductVersion.class)
                .expectNoEvents();
    }

    @Test
    void restocking_past_the_stock_ceiling_is_refused() {
        fixture.given(new ProductRegistered(SKU, "Blue mug", InventoryItem.MAX_STOCK, InventoryItem.MAX_STOCK, 0, NOW))
                .when(new AddStock(SKU, 1))
                .expectException(InvalidInventoryCommand.class)
                .expectNoEvents();
    }

    @Test
    void a_reservation_within_the_available_stock_holds_the_units_for_the_order() {
        fixture.given(REGISTERED)
                .when(new ReserveStock("order-1", SKU, 3))
                .expectEvents(RESERVED_3)
                .expectResultMessagePayload(new ReservationAnswer(null));
    }

    @Test
    void a_reservation_of_all_that_is_available_is_made() {
        fixture.given(REGISTERED)
                .when(new ReserveStock("order-1", SKU, 10))
                .expectEvents(new StockReserved(SKU, "order-1", 10, 0, 10, NOW));
    }

    @Test
    void a_reservation_beyond_the_available_stock_is_rejected_as_an_event_and_changes_no_stock() {
        fixture.given(REGISTERED, RESERVED_3)
                .when(new ReserveStock("order-2", SKU, 8))
                .expectEvents(
                        new StockReservationRejected(SKU, "order-2", 8, RejectionReason.INSUFFICIENT_STOCK, 7, 3, NOW))
                .expectResultMessagePayload(
                        new ReservationAnswer("INSUFFICIENT_STOCK: SKU-1 has 7 available, 8 asked"));
    }

    @Test
    void a_repeated_reservation_answers_as_the_first_did_without_a_new_event() {
        fixture.given(REGISTERED, RESERVED_3)
                .when(new ReserveStock("order-1", SKU, 3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ReservationAnswer(null));
    }

    @Test
    void a_repeated_rejected_reservation_is_rejected_again_even_after_a_restock() {
        fixture.given(
                        REGISTERED,
                        new StockReservationRejected(
                                SKU, "order-2", 11, RejectionReason.INSUFFICIENT_STOCK, 10, 0, NOW),
                        new StockAdded(SKU, 50, 60, 0, NOW))
                .when(new ReserveStock("order-2", SKU, 11))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new ReservationAnswer("INSUFFICIENT_STOCK: SKU-1 has 10 available, 11 asked"));
    }

    @Test
    void releasing_gives_back_exactly_what_the_order_holds() {
        fixture.given(REGISTERED, RESERVED_3)
                .when(new ReleaseStock("order-1", SKU))
                .expectEvents(new StockReleased(SKU, "order-1", 3, 10, 0, NOW));
    }

    @Test
    void releasing_twice_releases_once() {
        fixture.given(REGISTERED, RESERVED_3, new StockReleased(SKU, "order-1", 3, 10, 0, NOW))
                .when(new ReleaseStock("order-1", SKU))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasing_for_an_order_that_holds_nothing_succeeds_without_an_event() {
        fixture.given(REGISTERED, RESERVED_3)
                .when(new ReleaseStock("order-9", SKU))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_reservation_repeated_after_its_release_does_not_reserve_again() {
        fixture.given(REGISTERED, RESERVED_3, new StockReleased(SKU, "order-1", 3, 10, 0, NOW))
                .when(new ReserveStock("order-1", SKU, 3))
                .expectNoEvents();
    }
}
