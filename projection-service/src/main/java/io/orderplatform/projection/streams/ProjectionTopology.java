package io.orderplatform.projection.streams;

import io.orderplatform.schemas.catalog.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The projections' topology, built without side effects so that tests run it in a
 * {@code TopologyTestDriver}:
 *
 * <ul>
 *   <li>{@code orders.events} → the order views, each order's audit log and the hourly sales;
 *   <li>{@code projection-service.retry} → the redriven dead letters of both event topics, each to the
 *       projector of the topic it names (retried records are keyed and partitioned like their source,
 *       so they meet their key's views in the same task);
 *   <li>the saga's commands and the replies → the saga's steps in the audit log (stock commands
 *       re-keyed by order id through a repartition topic, so that all of an order's lines meet in one
 *       task);
 *   <li>{@code inventory.events} → the stock views.
 * </ul>
 *
 * The stores queries read are declared in {@link ProjectionStores}, keyed so that a key's partition is
 * its source topic's partition: a query is routed by the key alone.
 */
public final class ProjectionTopology {

    /** Order views by order id. */
    public static final String ORDERS = "orders";
    /** Audit-log entries, keyed by order, time, kind and message id ({@code OrderHistory.key}). */
    public static final String ORDER_HISTORY = "order-history";
    /** Confirmed sales by hour, SKU and currency; every partition holds the sales of its orders. */
    public static final String SALES = "sales";
    /** Stock views by SKU. */
    public static final String INVENTORY = "inventory";

    static final String PARKED_ORDER_EVENTS = "parked-order-events";
    static final String PARKED_INVENTORY_EVENTS = "parked-inventory-events";

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<byte[]> BYTES = Serdes.ByteArray();

    private ProjectionTopology() {}

    public static Topology build(ProjectionListener listener) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(ProjectionStores.ORDERS.builder());
        builder.addStateStore(ProjectionStores.ORDER_HISTORY.builder());
        builder.addStateStore(ProjectionStores.SALES.builder());
        addStore(builder, PARKED_ORDER_EVENTS, SequencedEvent.class);
        builder.addStateStore(ProjectionStores.INVENTORY.builder());
        addStore(builder, PARKED_INVENTORY_EVENTS, SequencedEvent.class);

        // Redriven dead letters of both event topics: read once (a topic feeds one source), each projector takes its
        // own.
        KStream<String, byte[]> retried = builder.stream(
                Topics.PROJECTION_SERVICE.retry().name(),
                Consumed.with(KEYS, BYTES).withName("retried"));

        // Order events, and redriven ones, into the order views, audit logs and sales; what cannot be applied into
        // the projections' dead letters of orders.events.
        builder.stream(Topics.ORDERS_EVENTS.name(), Consumed.with(KEYS, BYTES).withName("order-events"))
                .merge(
                        retried.process(
                                () -> new RetriedFrom(Topics.PROJECTION_SERVICE, Topics.ORDERS_EVENTS),
                                Named.as("retried-order-events")),
                        Named.as("order-events-and-retried"))
                .process(
                        () -> new OrderProjector(listener),
                        Named.as("order-projector"),
                        ORDERS,
                        ORDER_HISTORY,
                        SALES,
                        PARKED_ORDER_EVENTS)
                .to(
                        Topics.PROJECTION_SERVICE
                                .deadLettersOf(Topics.ORDERS_EVENTS)
                                .name(),
                        Produced.with(KEYS, BYTES));

        // The saga's commands and the replies into the audit logs, stock commands re-keyed by order first.
        KStream<String, byte[]> stockCommands = builder.stream(
                        Topics.INVENTORY_COMMANDS.name(),
                        Consumed.with(KEYS, BYTES).withName("stock-commands"))
                .process(() -> new StockCommandsByOrder(listener))
                .repartition(Repartitioned.with(KEYS, BYTES)
                        .withName("stock-commands-by-order")
                        .withNumberOfPartitions(Topics.ORDERS_EVENTS.partitions()));
        builder.stream(
                        List.of(Topics.ORDERS_COMMANDS.name(), Topics.FULFILLMENT_REPLIES.name()),
                        Consumed.with(KEYS, BYTES).withName("order-commands-and-replies"))
                .merge(stockCommands)
                .process(() -> new SagaStepRecorder(listener), ORDER_HISTORY);

        // Inventory events, and redriven ones, into the stock views; what cannot be applied into the projections'
        // dead letters of inventory.events.
        builder.stream(
                        Topics.INVENTORY_EVENTS.name(),
                        Consumed.with(KEYS, BYTES).withName("inventory-events"))
                .merge(
                        retried.process(
                                () -> new RetriedFrom(Topics.PROJECTION_SERVICE, Topics.INVENTORY_EVENTS),
                                Named.as("retried-inventory-events")),
                        Named.as("inventory-events-and-retried"))
                .process(
                        () -> new InventoryProjector(listener),
                        Named.as("inventory-projector"),
                        INVENTORY,
                        PARKED_INVENTORY_EVENTS)
                .to(
                        Topics.PROJECTION_SERVICE
                                .deadLettersOf(Topics.INVENTORY_EVENTS)
                                .name(),
                        Produced.with(KEYS, BYTES));
        return builder.build();
    }

    private static <T> void addStore(StreamsBuilder builder, String name, Class<T> type) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), KEYS, new JsonSerde<>(type))
                        // Repeated writes of a key within a commit interval reach the changelog once: a
                        // rebuild writes each order several times in quick succession.
                        .withCachingEnabled());
    }
}
