package io.orderplatform.saga.adapter.streams;

import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.streams.store.ViewStore;
import org.apache.kafka.common.serialization.Serdes;

/** The saga's store that queries read: the sagas by order id, partitioned as {@code orders.events}. */
public final class SagaStores {

    /** The sagas by order id; queried by {@code GET /sagas/{orderId}}. */
    public static final ViewStore<String, SagaState> SAGAS =
            new ViewStore<>(SagaTopology.SAGAS, Topics.ORDERS_EVENTS, Serdes.String(), new SagaStateSerde());

    private SagaStores() {}
}
