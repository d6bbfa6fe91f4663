package io.orderplatform.schemas.inventory;

/**
 * Something that happened to the stock of one product: the records published on
 * {@code inventory.events}.
 *
 * <p>Every event carries the product's available and reserved stock <em>after</em> it, so that a
 * consumer (a stock projection, the saga) can take the latest event as the truth and needs no fold
 * over the product's history.
 *
 * <p>The family is sealed, so a {@code switch} over it is exhaustive and the compiler points at every
 * place that must handle a new event.
 */
public sealed interface InventoryEvent
        permits ProductRegistered, StockAdded, StockReserved, StockReservationRejected, StockReleased {

    /** The product this event happened to; also the Kafka record key. */
    String sku();

    /** Units in stock and not reserved after this event, at least 0. */
    int available();

    /** Units held for orders after this event, at least 0. */
    int reserved();
}
