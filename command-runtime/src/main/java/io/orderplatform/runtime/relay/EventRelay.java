package io.orderplatform.runtime.relay;

import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.json.ContractSerde;
import io.orderplatform.schemas.json.MessageType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * Publishes every event of the service's event store to its Kafka topic, in store order, as a
 * CloudEvent in binary mode keyed by aggregate id.
 *
 * <p>It runs in the tracking processor {@value #PROCESSING_GROUP}, whose position is committed in
 * PostgreSQL only after the batch's Kafka transaction has committed (see {@link RelayPublisher}):
 * after a crash an event may be published again, never skipped. Consumers deduplicate on
 * ({@code ce_subject}, {@code ce_sequence}) or {@code ce_id}.
 */
@ProcessingGroup(EventRelay.PROCESSING_GROUP)
public class EventRelay {

    public static final String PROCESSING_GROUP = "event-relay";

    private final RelayDefinition definition;
    private final RelayPublisher publisher;
    private final String source;

    public EventRelay(RelayDefinition definition, RelayPublisher publisher, String source) {
        this.definition = definition;
        this.publisher = publisher;
        this.source = source;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> event)) {
            throw new IllegalStateException("only aggregate events can be relayed, got " + message.getPayloadType());
        }
        publisher.publish(toRecord(payload, event));
    }

    private ProducerRecord<String, byte[]> toRecord(Object payload, DomainEventMessage<?> event) {
        ContractSerde<?> serde = definition.topic().valueSerde();
        MessageType<?> type = serde.types().typeOf(payload);
        String aggregateId = event.getAggregateIdentifier();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(definition.topic().name(), aggregateId, serde.toJson(payload));
        Envelope.forEvent(
                        event.getIdentifier(),
                        source,
                        type,
                        aggregateId,
                        event.getSequenceNumber() + 1,
                        event.getTimestamp(),
                        TraceContext.originOf(event))
                .writeTo(record.headers());
        return record;
    }
}
