package io.orderplatform.projection.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.projection.view.HistoryEntry;
import io.orderplatform.projection.view.OrderHistory;
import io.orderplatform.projection.view.OrderStatus;
import io.orderplatform.projection.view.OrderView;
import io.orderplatform.projection.view.SalesBucket;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.json.ContractJson;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Projects {@code orders.events} into the order views, each order's audit log, and the hourly sales of
 * confirmed orders.
 */
final class OrderProjector extends SequencedProjector<OrderView, OrderEvent> {

    private static final ObjectMapper JSON = ContractJson.mapper();

    private KeyValueStore<String, OrderView> orders;
    private KeyValueStore<String, HistoryEntry> histories;
    private KeyValueStore<String, SalesBucket> sales;

    OrderProjector(ProjectionListener listener) {
        super(ProjectionTopology.ORDERS, Topics.ORDERS_EVENTS, ProjectionTopology.PARKED_ORDER_EVENTS, listener);
    }

    @Override
    void open(ProcessorContext<String, byte[]> context) {
        orders = context.getStateStore(ProjectionTopology.ORDERS);
        histories = context.getStateStore(ProjectionTopology.ORDER_HISTORY);
        sales = context.getStateStore(ProjectionTopology.SALES);
    }

    @Override
    OrderView view(String orderId) {
        return orders.get(orderId);
    }

    @Override
    long versionOf(OrderView view) {
        return view.version();
    }

    @Override
    OrderEvent read(String orderId, SequencedEvent event) {
        OrderEvent order = Topics.ORDERS_EVENTS.valueSerde().fromJson(event.type(), event.data());
        if (!Objects.equals(order.orderId(), orderId)) {
            throw new IllegalArgumentException("record key " + orderId + " is not the order " + order.orderId());
        }
        return order;
    }

    @Override
    void apply(String orderId, OrderView before, SequencedEvent event, OrderEvent order) {
        OrderView after;
        if (before == null) {
            if (!(order instanceof OrderPlaced placed)) {
                throw new IllegalArgumentException("the first event of order " + orderId + " is not OrderPlaced");
            }
            after = OrderView.placed(placed, event.sequence(), event.time());
        } else {
            after = before.apply(order, event.sequence(), event.time());
        }
        orders.put(orderId, after);
        record(orderId, event);
        countSales(before, after);
        listener.updated(ProjectionTopology.ORDERS, orderId, after.version());
    }

    private void record(String orderId, SequencedEvent event) {
        try {
            HistoryEntry entry = new HistoryEntry(
                    HistoryEntry.Kind.EVENT,
                    event.type(),
                    event.sequence(),
                    event.time(),
                    event.id(),
                    JSON.readTree(event.data()));
            histories.put(OrderHistory.key(orderId, entry), entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A confirmation adds the order's lines to its hour; a cancellation after it takes them out again. */
    private void countSales(OrderView before, OrderView after) {
        boolean wasConfirmed = before != null && before.status() == OrderStatus.CONFIRMED;
        boolean isConfirmed = after.status() == OrderStatus.CONFIRMED;
        if (!wasConfirmed && isConfirmed) {
            addSales(after, 1);
        } else if (wasConfirmed && !isConfirmed) {
            addSales(before, -1);
        }
    }

    private void addSales(OrderView order, int sign) {
        Instant hour = SalesBucket.hourOf(order.confirmedAt());
        for (OrderLine line : order.lines()) {
            String key = SalesBucket.key(hour, line.sku(), order.currency());
            SalesBucket bucket = sales.get(key);
            SalesBucket updated = (bucket == null ? SalesBucket.empty(hour, line.sku(), order.currency()) : bucket)
                    .plus((long) sign * line.quantity(), line.lineTotal().multiply(BigDecimal.valueOf(sign)));
            if (updated.isEmpty()) {
                sales.delete(key);
            } else {
                sales.put(key, updated);
            }
        }
    }
}
