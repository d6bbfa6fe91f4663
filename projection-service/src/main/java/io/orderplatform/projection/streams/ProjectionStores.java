package io.orderplatform.projection.streams;

import io.orderplatform.projection.view.HistoryEntry;
import io.orderplatform.projection.view.InventoryView;
import io.orderplatform.projection.view.OrderView;
import io.orderplatform.projection.view.SalesBucket;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.streams.store.ViewStore;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The stores that queries read, each named once with its source topic and serdes: the topology builds
 * them from here, and the query side routes by them. Every store is keyed so that a key's partition is
 * its source topic's partition.
 */
public final class ProjectionStores {

    /** Order views by order id. */
    public static final ViewStore<String, OrderView> ORDERS = new ViewStore<>(
            ProjectionTopology.ORDERS, Topics.ORDERS_EVENTS, Serdes.String(), new JsonSerde<>(OrderView.class));

    /** Audit-log entries, keyed by order, time, kind and message id ({@code OrderHistory.key}). */
    public static final ViewStore<String, HistoryEntry> ORDER_HISTORY = new ViewStore<>(
            ProjectionTopology.ORDER_HISTORY,
            Topics.ORDERS_EVENTS,
            Serdes.String(),
            new JsonSerde<>(HistoryEntry.class));

    /** Confirmed sales by hour, SKU and currency; every partition holds the sales of its orders. */
    public static final ViewStore<String, SalesBucket> SALES = new ViewStore<>(
            ProjectionTopology.SALES, Topics.ORDERS_EVENTS, Serdes.String(), new JsonSerde<>(SalesBucket.class));

    /** Stock views by SKU. */
    public static final ViewStore<String, InventoryView> INVENTORY = new ViewStore<>(
            ProjectionTopology.INVENTORY,
            Topics.INVENTORY_EVENTS,
            Serdes.String(),
            new JsonSerde<>(InventoryView.class));

    private ProjectionStores() {}
}
