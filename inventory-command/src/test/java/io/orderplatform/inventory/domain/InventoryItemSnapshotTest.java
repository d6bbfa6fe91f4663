package io.orderplatform.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.schemas.inventory.ProductRegistered;
import io.orderplatform.schemas.inventory.StockReleased;
import io.orderplatform.schemas.inventory.StockReservationRejected;
import io.orderplatform.schemas.inventory.StockReservationRejected.RejectionReason;
import io.orderplatform.schemas.inventory.StockReserved;
import io.orderplatform.schemas.json.ContractJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A product's snapshot (its fields as JSON, written with the store's mapping) holds all it must remember. */
class InventoryItemSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final ObjectMapper json = ContractJson.mapper();

    @Test
    void a_snapshot_restores_stock_version_and_every_order_s_answer() throws Exception {
        InventoryItem item = new InventoryItem();
        item.on(new ProductRegistered("SKU-1", "Mug", 10, 10, 0, NOW));
        item.on(new StockReserved("SKU-1", "order-1", 3, 7, 3, NOW));
        item.on(new StockReservationRejected("SKU-1", "order-2", 9, RejectionReason.INSUFFICIENT_STOCK, 7, 3, NOW));
        item.on(new StockReserved("SKU-1", "order-3", 2, 5, 5, NOW));
        item.on(new StockReleased("SKU-1", "order-3", 2, 7, 3, NOW));

        String snapshot = json.writeValueAsString(item);
        InventoryItem restored = json.readValue(snapshot, InventoryItem.class);

        assertThat(json.writeValueAsString(restored)).isEqualTo(snapshot);
        assertThat(snapshot)
                .contains("\"sku\":\"SKU-1\"")
                .contains("\"available\":7")
                .contains("\"reserved\":3")
                .contains("\"version\":5")
                .contains("order-1")
                .contains("INSUFFICIENT_STOCK")
                .contains("\"released\":true");
    }
}
