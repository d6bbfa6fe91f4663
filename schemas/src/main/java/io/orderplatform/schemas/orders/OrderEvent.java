package io.orderplatform.schemas.orders;

/**
 * Something that happened to an order: the records published on {@code orders.events}.
 *
 * <p>The family is sealed, so a {@code switch} over it is exhaustive and the compiler points at every
 * place that must handle a new event.
 */
public sealed interface OrderEvent permits OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled {

    /** The order this event happened to; also the Kafka record key. */
    String orderId();
}
