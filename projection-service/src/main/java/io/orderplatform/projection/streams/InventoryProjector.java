package io.orderplatform.projection.streams;

import io.orderplatform.projection.view.InventoryView;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.ProductRegistered;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Projects {@code inventory.events} into the stock view of every product. */
final class InventoryProjector extends SequencedProjector<InventoryView, InventoryEvent> {

    private KeyValueStore<String, InventoryView> inventory;

    InventoryProjector(ProjectionListener listener) {
        super(
                ProjectionTopology.INVENTORY,
                Topics.INVENTORY_EVENTS,
                ProjectionTopology.PARKED_INVENTORY_EVENTS,
                listener);
    }

    @Override
    void open(ProcessorContext<String, byte[]> context) {
        inventory = context.getStateStore(ProjectionTopology.INVENTORY);
    }

    @Override
    InventoryView view(String sku) {
        return inventory.get(sku);
    }

    @Override
    long versionOf(InventoryView view) {
        return view.version();
    }

    @Override
    InventoryEvent read(String sku, SequencedEvent event) {
        InventoryEvent stock = Topics.INVENTORY_EVENTS.valueSerde().fromJson(event.type(), event.data());
        if (!Objects.equals(stock.sku(), sku)) {
            throw new IllegalArgumentException("record key " + sku + " is not the product " + stock.sku());
        }
        if (stock.available() < 0 || stock.reserved() < 0) {
            throw new IllegalArgumentException("negative stock for " + sku);
        }
        return stock;
    }

    @Override
    void apply(String sku, InventoryView before, SequencedEvent event, InventoryEvent stock) {
        if (before == null && !(stock instanceof ProductRegistered)) {
            throw new IllegalArgumentException("the first event of product " + sku + " is not ProductRegistered");
        }
        InventoryView after = InventoryView.after(before, stock, event.sequence(), event.time());
        inventory.put(sku, after);
        listener.updated(ProjectionTopology.INVENTORY, sku, after.version());
    }
}
