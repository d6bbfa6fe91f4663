package io.orderplatform.schemas;

import static java.util.Map.entry;

import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.inventory.ProductRegistered;
import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.inventory.StockAdded;
import io.orderplatform.schemas.inventory.StockReleased;
import io.orderplatform.schemas.inventory.StockReservationRejected;
import io.orderplatform.schemas.inventory.StockReservationRejected.RejectionReason;
import io.orderplatform.schemas.inventory.StockReserved;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import io.orderplatform.schemas.orders.RejectOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One example record of every contract type, matching the example files under {@code examples/} (the golden files). */
final class Examples {

    static final String ORDER_ID = "7d6f3c1e-2f4a-4c59-9a55-0c1f4a1e8b21";

    static final Map<String, Object> BY_TYPE = Map.ofEntries(
            entry(
                    "orders.OrderPlaced.v1",
                    new OrderPlaced(
                            ORDER_ID,
                            "c-1",
                            "EUR",
                            List.of(
                                    new OrderLine("SKU-1", 2, new BigDecimal("19.99")),
                                    new OrderLine("SKU-2", 3, new BigDecimal("0.10"))),
                            new BigDecimal("40.28"),
                            Instant.parse("2026-11-27T10:15:30.123Z"))),
            entry("orders.OrderConfirmed.v1", new OrderConfirmed(ORDER_ID, Instant.parse("2026-11-27T10:15:31Z"))),
            entry(
                    "orders.OrderRejected.v1",
                    new OrderRejected(ORDER_ID, "SKU-2: only 1 in stock", Instant.parse("2026-11-27T10:15:31.500Z"))),
            entry(
                    "orders.OrderCancelled.v1",
                    new OrderCancelled(ORDER_ID, null, Instant.parse("2026-11-27T10:16:00Z"))),
            entry("orders.ConfirmOrder.v1", new ConfirmOrder(ORDER_ID)),
            entry("orders.RejectOrder.v1", new RejectOrder(ORDER_ID, "SKU-2: only 1 in stock")),
            entry(
                    "fulfillment.CommandReply.v1",
                    CommandReply.failed(
                            "0b9c7a52-3c3e-4a5c-9b0e-6f1d2c3b4a59",
                            "orders.RejectOrder.v1",
                            ORDER_ID,
                            "order " + ORDER_ID + " is CONFIRMED, not PENDING",
                            Instant.parse("2026-11-27T10:15:32Z"))),
            entry(
                    "inventory.ProductRegistered.v1",
                    new ProductRegistered(
                            "SKU-1", "Ceramic mug, 350 ml", 100, 100, 0, Instant.parse("2026-11-27T09:00:00Z"))),
            entry(
                    "inventory.StockAdded.v1",
                    new StockAdded("SKU-1", 20, 120, 0, Instant.parse("2026-11-27T09:30:00.250Z"))),
            entry(
                    "inventory.StockReserved.v1",
                    new StockReserved("SKU-1", ORDER_ID, 2, 118, 2, Instant.parse("2026-11-27T10:15:30.800Z"))),
            entry(
                    "inventory.StockReservationRejected.v1",
                    new StockReservationRejected(
                            "SKU-2",
                            ORDER_ID,
                            3,
                            RejectionReason.INSUFFICIENT_STOCK,
                            1,
                            0,
                            Instant.parse("2026-11-27T10:15:30.900Z"))),
            entry(
                    "inventory.StockReleased.v1",
                    new StockReleased("SKU-1", ORDER_ID, 2, 120, 0, Instant.parse("2026-11-27T10:15:31.600Z"))),
            entry("inventory.ReserveStock.v1", new ReserveStock(ORDER_ID, "SKU-1", 2)),
            entry("inventory.ReleaseStock.v1", new ReleaseStock(ORDER_ID, "SKU-1")));

    private Examples() {}
}
