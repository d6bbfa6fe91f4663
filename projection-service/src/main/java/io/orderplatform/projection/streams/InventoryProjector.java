package io.orderplatform.projection.streams;

import io.orderplatform.projection.view.InventoryView;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.ProductRegistered;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Projects {@code inventory.events} into the stock view of every product. */
final class InventoryProjector extends SequencedProjector<InventoryView> {

    private KeyValueStore<String, InventoryView> inventory;

    InventoryProjector(ProjectionListener listener) {
        super(ProjectionTopology.INVENTORY, ProjectionTopology.PARKED_INVENTORY_EVENTS, listener);
    }

    @Override
    void open(ProcessorContext<String, byte[]> context) {
        inventory = context.getStateStore(ProjectionTopology.INVENTORY);
    }

    @Override
    long appliedVersion(String sku) {
        InventoryView view = inventory.get(sku);
        return view == null ? 0 : view.version();
    }

    @Override
    void check(String sku, SequencedEvent event) {
        InventoryEvent stock = read(event);
        if (!Objects.equals(stock.sku(), sku)) {
            throw new IllegalArgumentException("record key " + sku + " is not the product " + stock.sku());
        }
        if (stock.available() < 0 || stock.reserved() < 0) {
            throw new IllegalArgumentException("negative stock for " + sku);
        }
    }

    @Override
    void apply(String sku, SequencedEvent event) {
        InventoryEvent stock = read(event);
        InventoryView before = inventory.get(sku);
        if (before == null && !(stock instanceof ProductRegistered)) {
            throw new IllegalArgumentException("the first event of product " + sku + " is not ProductRegistered");
        }
        InventoryView after = InventoryView.after(before, stock, event.sequence(), event.time());
        inventory.put(sku, after);
        listener.updated(ProjectionTopology.INVENTORY, sku, after.version());
    }

    private static InventoryEvent read(SequencedEvent event) {
        return Topics.INVENTORY_EVENTS.valueSerde().fromJson(event.type(), event.data());
    }
}
