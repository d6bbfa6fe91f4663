package io.orderplatform.projection.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.projection.view.HistoryEntry;
import io.orderplatform.projection.view.InventoryView;
import io.orderplatform.projection.view.OrderHistory;
import io.orderplatform.projection.view.OrderStatus;
import io.orderplatform.projection.view.OrderView;
import io.orderplatform.projection.view.SalesBucket;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.inventory.ProductRegistered;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.inventory.StockAdded;
import io.orderplatform.schemas.inventory.StockReserved;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectionTopologyTest {

    private static final Instant PLACED_AT = Instant.parse("2026-11-27T10:05:00Z");
    private static final Instant CONFIRMED_AT = Instant.parse("2026-11-27T11:59:59Z");

    private final ProjectionDriver driver = new ProjectionDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    static OrderPlaced placed(String orderId) {
        return new OrderPlaced(
                orderId,
                "c-1",
                "EUR",
                List.of(
                        new OrderLine("SKU-1", 2, new BigDecimal("19.99")),
                        new OrderLine("SKU-2", 1, new BigDecimal("4.50"))),
                new BigDecimal("44.48"),
                PLACED_AT);
    }

    @Test
    void an_order_view_follows_its_events_and_carries_its_version() {
        driver.orderEvent(placed("o-1"), 1);
        OrderView pending = driver.view(ProjectionTopology.ORDERS, "o-1");
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(pending.version()).isEqualTo(1);
        assertThat(pending.total()).isEqualByComparingTo("44.48");
        assertThat(pending.customerId()).isEqualTo("c-1");

        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);
        OrderView confirmed = driver.view(ProjectionTopology.ORDERS, "o-1");
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.version()).isEqualTo(2);
        assertThat(confirmed.placedAt()).isEqualTo(PLACED_AT);
        assertThat(confirmed.confirmedAt()).isEqualTo(CONFIRMED_AT);
        assertThat(confirmed.lines()).hasSize(2);
    }

    @Test
    void a_rejection_keeps_its_reason() {
        driver.orderEvent(placed("o-1"), 1);
        driver.orderEvent(new OrderRejected("o-1", "SKU-2 is short", CONFIRMED_AT), 2);
        OrderView rejected = driver.view(ProjectionTopology.ORDERS, "o-1");
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo("SKU-2 is short");
    }

    @Test
    void a_repeated_or_older_event_is_skipped() {
        driver.orderEvent(placed("o-1"), 1);
        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);
        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);
        driver.orderEvent(placed("o-1"), 1);

        assertThat(driver.<OrderView>view(ProjectionTopology.ORDERS, "o-1").version())
                .isEqualTo(2);
        assertThat(driver.told).containsExactly("duplicate orders o-1 2", "duplicate orders o-1 1");
        OrderHistory history = driver.history("o-1");
        assertThat(history.entries()).extracting(HistoryEntry::version).containsExactly(1L, 2L);
        SalesBucket sku1 = driver.view(ProjectionTopology.SALES, SalesBucket.key(hour(CONFIRMED_AT), "SKU-1", "EUR"));
        assertThat(sku1.units())
                .as("a repeated confirmation is not counted twice")
                .isEqualTo(2);
    }

    @Test
    void an_event_after_a_gap_is_held_and_reported_until_the_missing_ones_arrive() {
        driver.orderEvent(placed("o-1"), 1);
        driver.orderEvent(new OrderCancelled("o-1", "late", CONFIRMED_AT.plusSeconds(60)), 3);

        assertThat(driver.<OrderView>view(ProjectionTopology.ORDERS, "o-1").version())
                .isEqualTo(1);
        assertThat(driver.told).containsExactly("gap orders o-1 1<3");

        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);
        OrderView view = driver.view(ProjectionTopology.ORDERS, "o-1");
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(driver.all(ProjectionTopology.SALES))
                .as("confirmed, then cancelled")
                .isEmpty();
    }

    @Test
    void confirmed_sales_are_summed_per_sku_per_hour_of_the_confirmation() {
        driver.orderEvent(placed("o-1"), 1);
        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);
        driver.orderEvent(placed("o-2"), 1);
        driver.orderEvent(new OrderConfirmed("o-2", CONFIRMED_AT.minusSeconds(1)), 2);
        driver.orderEvent(placed("o-3"), 1);
        driver.orderEvent(new OrderConfirmed("o-3", CONFIRMED_AT.plusSeconds(1)), 2);
        driver.orderEvent(placed("o-4"), 1);
        driver.orderEvent(new OrderRejected("o-4", "short", CONFIRMED_AT), 2);

        SalesBucket elevenSku1 =
                driver.view(ProjectionTopology.SALES, SalesBucket.key(hour(CONFIRMED_AT), "SKU-1", "EUR"));
        assertThat(elevenSku1.units()).isEqualTo(4);
        assertThat(elevenSku1.revenue()).isEqualByComparingTo("79.96");
        SalesBucket twelveSku2 = driver.view(
                ProjectionTopology.SALES, SalesBucket.key(hour(CONFIRMED_AT.plusSeconds(1)), "SKU-2", "EUR"));
        assertThat(twelveSku2.units()).isEqualTo(1);
        assertThat(twelveSku2.revenue()).isEqualByComparingTo("4.50");
        assertThat(driver.all(ProjectionTopology.SALES)).hasSize(4);
    }

    @Test
    void a_cancellation_after_confirmation_takes_the_sale_out_of_its_hour() {
        driver.orderEvent(placed("o-1"), 1);
        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);
        driver.orderEvent(placed("o-2"), 1);
        driver.orderEvent(new OrderConfirmed("o-2", CONFIRMED_AT), 2);
        driver.orderEvent(new OrderCancelled("o-2", null, CONFIRMED_AT.plusSeconds(7200)), 3);

        SalesBucket sku1 = driver.view(ProjectionTopology.SALES, SalesBucket.key(hour(CONFIRMED_AT), "SKU-1", "EUR"));
        assertThat(sku1.units()).isEqualTo(2);
        assertThat(sku1.revenue()).isEqualByComparingTo("39.98");
    }

    @Test
    void an_unreadable_or_misaddressed_order_event_is_dead_lettered_and_changes_nothing() {
        driver.orderEvent(placed("o-1"), 1);
        driver.pipe(
                Topics.ORDERS_EVENTS.name(), "o-1", "{not json".getBytes(StandardCharsets.UTF_8), headers("o-1", 2));
        driver.pipe(Topics.ORDERS_EVENTS.name(), "o-1", "{}".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        driver.orderEvent(new OrderConfirmed("o-2", CONFIRMED_AT), 1);
        driver.pipe(
                Topics.ORDERS_EVENTS.name(),
                "o-9",
                Topics.ORDERS_EVENTS.valueSerde().toJson(placed("o-1")),
                headers("o-9", 1));

        assertThat(driver.orderEventsDeadLettered()).containsExactly("o-1", "o-1", "o-2", "o-9");
        assertThat(driver.<OrderView>view(ProjectionTopology.ORDERS, "o-1").version())
                .isEqualTo(1);
        assertThat(driver.<OrderView>view(ProjectionTopology.ORDERS, "o-2")).isNull();
        assertThat(driver.<OrderView>view(ProjectionTopology.ORDERS, "o-9")).isNull();
    }

    @Test
    void a_parked_event_that_cannot_be_applied_when_its_turn_comes_is_dead_lettered_as_it_was_read() {
        driver.orderEvent(placed("o-1"), 1);
        driver.orderEvent(placed("o-1"), 3);
        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);

        assertThat(driver.<OrderView>view(ProjectionTopology.ORDERS, "o-1").version())
                .isEqualTo(2);
        assertThat(driver.orderEventDeadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo("o-1");
            assertThat(Envelope.get(dead.headers(), "ce_sequence")).isEqualTo("3");
            assertThat(Envelope.get(dead.headers(), DeadLetters.CONSUMER)).isEqualTo("projection-service");
            assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("orders.events");
            assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(Envelope.get(dead.headers(), DeadLetters.ERROR_MESSAGE)).contains("already placed");
        });
        assertThat(driver.told).contains("rejected orders.events");
    }

    @Test
    void redriven_events_are_applied_by_the_projector_of_the_topic_they_name() {
        driver.redrivenOrderEvent(placed("o-1"), 1);
        driver.redrivenInventoryEvent(new ProductRegistered("SKU-1", "Blue mug", 10, 10, 0, PLACED_AT), 1);
        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);
        driver.redrivenOrderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);

        assertThat(driver.<OrderView>view(ProjectionTopology.ORDERS, "o-1").status())
                .isEqualTo(OrderStatus.CONFIRMED);
        assertThat(driver.<InventoryView>view(ProjectionTopology.INVENTORY, "SKU-1")
                        .available())
                .isEqualTo(10);
        assertThat(driver.<InventoryView>view(ProjectionTopology.INVENTORY, "o-1"))
                .isNull();
        assertThat(driver.told).as("a redriven repeat is a repeat").containsExactly("duplicate orders o-1 2");
        assertThat(driver.orderEventsDeadLettered()).isEmpty();
        assertThat(driver.inventoryEventsDeadLettered()).isEmpty();
    }

    @Test
    void a_history_holds_the_order_events_and_the_saga_steps_once_each() {
        driver.orderEvent(placed("o-1"), 1);
        driver.stockCommand(new ReserveStock("o-1", "SKU-1", 2), "cmd-1");
        driver.stockCommand(new ReserveStock("o-1", "SKU-1", 2), "cmd-1");
        driver.reply(CommandReply.succeeded("cmd-1", "inventory.ReserveStock.v1", "o-1", PLACED_AT));
        driver.orderCommand(new ConfirmOrder("o-1"), "cmd-2");
        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2);
        driver.orderEvent(new OrderConfirmed("o-1", CONFIRMED_AT), 2, "evt-again");

        OrderHistory history = driver.history("o-1");
        assertThat(history.entries())
                .extracting(HistoryEntry::kind)
                .containsExactlyInAnyOrder(
                        HistoryEntry.Kind.EVENT,
                        HistoryEntry.Kind.COMMAND,
                        HistoryEntry.Kind.REPLY,
                        HistoryEntry.Kind.COMMAND,
                        HistoryEntry.Kind.EVENT);
        HistoryEntry reserve = history.entries().stream()
                .filter(e -> e.id().equals("cmd-1"))
                .findFirst()
                .orElseThrow();
        assertThat(reserve.type()).isEqualTo("inventory.ReserveStock.v1");
        assertThat(reserve.data().get("sku").asText()).isEqualTo("SKU-1");
    }

    @Test
    void the_audit_logs_of_orders_whose_ids_share_a_prefix_stay_apart() {
        driver.orderEvent(placed("o-1"), 1);
        driver.orderEvent(placed("o-1|x"), 1);
        driver.orderEvent(placed("o-10"), 1);
        assertThat(driver.history("o-1").entries()).extracting(HistoryEntry::id).containsExactly("evt-o-1-1");
        assertThat(driver.history("o-1").version()).isEqualTo(1);
    }

    @Test
    void a_stock_view_is_the_latest_event_with_the_registered_name() {
        driver.inventoryEvent(new ProductRegistered("SKU-1", "Blue mug", 10, 10, 0, PLACED_AT), 1);
        driver.inventoryEvent(new StockReserved("SKU-1", "o-1", 3, 7, 3, PLACED_AT), 2);
        driver.inventoryEvent(new StockAdded("SKU-1", 5, 12, 3, PLACED_AT), 3);
        driver.inventoryEvent(new StockReserved("SKU-1", "o-1", 3, 7, 3, PLACED_AT), 2);

        InventoryView view = driver.view(ProjectionTopology.INVENTORY, "SKU-1");
        assertThat(view)
                .extracting(
                        InventoryView::name, InventoryView::available, InventoryView::reserved, InventoryView::version)
                .containsExactly("Blue mug", 12, 3, 3L);
    }

    @Test
    void stock_events_of_an_unregistered_product_are_dead_lettered() {
        driver.inventoryEvent(new StockAdded("SKU-9", 5, 5, 0, PLACED_AT), 1);
        assertThat(driver.inventoryEventsDeadLettered()).containsExactly("SKU-9");
        assertThat(driver.<InventoryView>view(ProjectionTopology.INVENTORY, "SKU-9"))
                .isNull();
    }

    private static RecordHeaders headers(String subject, long sequence) {
        RecordHeaders headers = new RecordHeaders();
        Envelope.forEvent(
                        "evt-x" + sequence,
                        "test",
                        Topics.ORDERS_EVENTS
                                .types()
                                .byName("orders.OrderPlaced.v1")
                                .orElseThrow(),
                        subject,
                        sequence,
                        PLACED_AT,
                        MessageOrigin.NONE)
                .writeTo(headers);
        return headers;
    }

    private static Instant hour(Instant time) {
        return SalesBucket.hourOf(time);
    }
}
