package io.orderplatform.saga.adapter.streams;

import io.orderplatform.saga.domain.Destination;
import io.orderplatform.saga.domain.SagaDefinition;
import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.catalog.DeadLetterTopic;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.orders.OrderEvent;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The saga orchestrator's topology, built without side effects so that tests run it in a
 * {@code TopologyTestDriver}. One processor owns the sagas: order events and replies (both keyed by
 * order id, co-partitioned) go in, and so do their redriven dead letters, from the saga's own retry
 * topic (keyed and partitioned like them); the saga's new state, its deadlines and its commands come
 * out in the same task, and so under exactly-once in the same Kafka transaction.
 */
public final class SagaTopology {

    /** The sagas by order id; queried by {@code GET /sagas/{orderId}}. */
    public static final String SAGAS = "sagas";

    /** The deadlines of waiting commands, sorted by time. */
    public static final String DEADLINES = "saga-deadlines";

    static final String ORDER_EVENTS = "order-events";
    static final String REPLIES = "replies";
    static final String RETRIED = "retried";
    static final String SAGA = "saga";
    static final String ORDER_EVENTS_DLQ = "order-events-dlq";
    static final String REPLIES_DLQ = "replies-dlq";

    /** The saga's dead letters of each input. */
    static final DeadLetterTopic ORDER_EVENTS_DEAD_LETTERS =
            Topics.SAGA_ORCHESTRATOR.deadLettersOf(Topics.ORDERS_EVENTS);

    static final DeadLetterTopic REPLIES_DEAD_LETTERS =
            Topics.SAGA_ORCHESTRATOR.deadLettersOf(Topics.FULFILLMENT_REPLIES);

    private SagaTopology() {}

    /**
     * @param saga the saga run for every order
     * @param deadlineCheck how often due deadlines are looked for (wall-clock time)
     * @param commandIds the ids of new commands
     */
    public static Topology build(SagaDefinition<OrderEvent> saga, Duration deadlineCheck, Supplier<String> commandIds) {
        Topology topology = new Topology();
        // Order events start sagas, confirm them or cancel them; read as bytes so that nothing unreadable stops the
        // partition.
        topology.addSource(
                ORDER_EVENTS,
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(),
                Topics.ORDERS_EVENTS.name());
        // The participants' replies move each saga's steps on.
        topology.addSource(
                REPLIES,
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(),
                Topics.FULFILLMENT_REPLIES.name());
        // Redriven dead letters of both, each processed as if read from the topic it names.
        topology.addSource(
                RETRIED,
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(),
                Topics.SAGA_ORCHESTRATOR.retry().name());
        // The saga itself: state, deadlines, commands.
        topology.addProcessor(
                SAGA, () -> new SagaProcessor(saga, deadlineCheck, commandIds), ORDER_EVENTS, REPLIES, RETRIED);
        topology.addStateStore(SagaStores.SAGAS.builder(), SAGA);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(DEADLINES), Serdes.String(), Serdes.String()),
                SAGA);
        // The participants' commands: a sink for every topic the saga's steps send to.
        saga.destinations().stream()
                .map(Destination::topic)
                .distinct()
                .forEach(topic -> topology.addSink(
                        sinkOf(topic),
                        topic.name(),
                        Serdes.String().serializer(),
                        Serdes.ByteArray().serializer(),
                        SAGA));
        // What the saga cannot read or apply, with the reason, so that the partition goes on: its own dead letters.
        topology.addSink(
                ORDER_EVENTS_DLQ,
                ORDER_EVENTS_DEAD_LETTERS.name(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer(),
                SAGA);
        topology.addSink(
                REPLIES_DLQ,
                REPLIES_DEAD_LETTERS.name(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer(),
                SAGA);
        return topology;
    }

    /** The sink that sends the saga's commands to {@code topic}. */
    static String sinkOf(ContractTopic<?> topic) {
        return "to-" + topic.name();
    }
}
