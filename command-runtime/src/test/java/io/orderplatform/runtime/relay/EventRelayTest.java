package io.orderplatform.runtime.relay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.orderplatform.runtime.axon.AxonJdbcAutoConfiguration;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.inventory.StockReserved;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The relay publishes an event's payload as the store holds it, without reading it: those bytes must
 * be exactly what the topic's serde writes for the event, or consumers would see a different wire
 * format after this shortcut.
 */
class EventRelayTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123456789Z");

    private final Serializer storeSerializer = new AxonJdbcAutoConfiguration().serializer();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final EventRelay relay = new EventRelay(
            new RelayDefinition(Topics.ORDERS_EVENTS),
            new RelayPublisher(() -> producer, List.of()),
            "order-command",
            storeSerializer);

    @Test
    void publishes_the_stored_bytes_which_are_the_contract_json_without_reading_the_payload() {
        OrderPlaced placed = new OrderPlaced(
                "order-1",
                "customer-1",
                "EUR",
                List.of(
                        new OrderLine("SKU-1", 2, new BigDecimal("19.90")),
                        new OrderLine("SKU-2", 1, new BigDecimal("4.5"))),
                new BigDecimal("44.30"),
                AT);
        SerializedMessage<?> stored = stored("event-1", placed);

        relayInUnitOfWork(new GenericDomainEventMessage<>("Order", "order-1", 0, stored, AT));

        ProducerRecord<String, byte[]> record = producer.history().getFirst();
        assertThat(new String(record.value(), UTF_8))
                .isEqualTo(new String(Topics.ORDERS_EVENTS.valueSerde().toJson(placed), UTF_8));
        assertThat(Topics.ORDERS_EVENTS
                        .valueSerde()
                        .deserializer()
                        .deserialize(record.topic(), record.headers(), record.value()))
                .isEqualTo(placed);
        assertThat(stored.isPayloadDeserialized())
                .as("payload read into an object")
                .isFalse();
        assertThat(record.key()).isEqualTo("order-1");
        Envelope envelope = Envelope.readFrom(record.headers());
        assertThat(envelope.id()).isEqualTo("event-1");
        assertThat(envelope.type()).isEqualTo("orders.OrderPlaced.v1");
        assertThat(envelope.subject()).isEqualTo("order-1");
        assertThat(envelope.sequence()).isEqualTo(1);
        assertThat(envelope.time()).isEqualTo(AT);
        assertThat(envelope.correlationId()).isEqualTo("flow-1");
        assertThat(envelope.causationId()).isEqualTo("command-1");
        assertThat(producer.transactionCommitted()).isTrue();
    }

    @Test
    void every_event_of_a_batch_keeps_its_own_type_and_bytes() {
        OrderCancelled cancelled = new OrderCancelled("order-1", "changed my mind", AT);
        OrderPlaced placed = new OrderPlaced(
                "order-2",
                "customer-2",
                "USD",
                List.of(new OrderLine("SKU-9", 3, new BigDecimal("0.10"))),
                new BigDecimal("0.30"),
                AT);

        relayInUnitOfWork(
                new GenericDomainEventMessage<>("Order", "order-1", 1, stored("event-2", cancelled), AT),
                new GenericDomainEventMessage<>("Order", "order-2", 0, stored("event-3", placed), AT));

        List<ProducerRecord<String, byte[]>> records = producer.history();
        assertThat(records)
                .extracting(r -> Envelope.readFrom(r.headers()).type())
                .containsExactly("orders.OrderCancelled.v1", "orders.OrderPlaced.v1");
        assertThat(records)
                .extracting(r -> Envelope.readFrom(r.headers()).sequence())
                .containsExactly(2L, 1L);
        assertThat(records.get(0).value())
                .isEqualTo(Topics.ORDERS_EVENTS.valueSerde().toJson(cancelled));
        assertThat(records.get(1).value())
                .isEqualTo(Topics.ORDERS_EVENTS.valueSerde().toJson(placed));
    }

    @Test
    void an_event_that_is_not_one_of_the_topics_types_stops_the_relay_instead_of_being_skipped() {
        StockReserved foreign = new StockReserved("SKU-1", "order-1", 1, 9, 1, AT);
        DomainEventMessage<?> event =
                new GenericDomainEventMessage<>("Order", "order-1", 0, stored("event-4", foreign), AT);

        Throwable thrown = catchThrowable(() -> relayInUnitOfWork(event));

        while (thrown != null && !(thrown instanceof IllegalArgumentException)) {
            thrown = thrown.getCause();
        }
        assertThat(thrown)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StockReserved.class.getName())
                .hasMessageContaining("orders.events");
        assertThat(producer.history()).isEmpty();
    }

    /** An event as the JDBC store hands it out: payload and metadata still in their stored form. */
    private SerializedMessage<?> stored(String eventId, Object payload) {
        return new SerializedMessage<>(
                eventId,
                storeSerializer.serialize(payload, byte[].class),
                storeSerializer.serialize(
                        MetaData.with("traceId", "flow-1").and("correlationId", "command-1"), byte[].class),
                storeSerializer);
    }

    /** As the relay's processor runs a batch: one unit of work, committed, which commits the Kafka transaction. */
    private void relayInUnitOfWork(DomainEventMessage<?>... events) {
        DefaultUnitOfWork.startAndGet(events[0]).execute(() -> {
            for (DomainEventMessage<?> event : events) {
                relay.handle(event);
            }
        });
    }
}
