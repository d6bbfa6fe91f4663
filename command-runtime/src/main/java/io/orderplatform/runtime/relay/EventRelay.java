package io.orderplatform.runtime.relay;

import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.json.MessageType;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.serialization.Serializer;

/**
 * Publishes every event of the service's event store to its Kafka topic, in store order, as a
 * CloudEvent in binary mode keyed by aggregate id.
 *
 * <p>It runs in the tracking processor {@value #PROCESSING_GROUP}, whose position is committed in
 * PostgreSQL only after the batch's Kafka transaction has committed (see {@link RelayPublisher}):
 * after a crash an event may be published again, never skipped. Consumers deduplicate on
 * ({@code ce_subject}, {@code ce_sequence}) or {@code ce_id}.
 *
 * <p>The record's value is the payload exactly as the store holds it: the store's serializer writes
 * the same contract JSON ({@code ContractJson}) the topic carries, so the relay neither reads the
 * payload into an object nor writes it again, which was most of its work per event when catching up.
 * The {@code ce_type} comes from the payload's class, known without reading the payload. A class that
 * is not one of the topic's types stops the relay rather than being skipped.
 *
 * <p>A plain {@link EventMessageHandler}, registered with the processor by
 * {@link EventRelayAutoConfiguration}, rather than an annotated one: annotated handlers cost
 * parameter resolution and reflection per event, and there is only one kind of event to handle here.
 */
@ProcessingGroup(EventRelay.PROCESSING_GROUP)
public class EventRelay implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "event-relay";

    private final RelayDefinition definition;
    private final RelayPublisher publisher;
    private final String source;
    private final Serializer storeSerializer;
    private final Map<Class<?>, MessageType<?>> types;

    /**
     * @param storeSerializer the event store's serializer: the one whose stored form the relay
     *     publishes as is; any other serializer makes the relay serialize each payload again with it
     */
    public EventRelay(RelayDefinition definition, RelayPublisher publisher, String source, Serializer storeSerializer) {
        this.definition = definition;
        this.publisher = publisher;
        this.source = source;
        this.storeSerializer = storeSerializer;
        this.types = definition.topic().types().all().stream()
                .collect(Collectors.toUnmodifiableMap(MessageType::javaType, Function.identity()));
    }

    @Override
    public Object handle(EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> event)) {
            throw new IllegalStateException("only aggregate events can be relayed, got " + message.getPayloadType());
        }
        publisher.publish(toRecord(event));
        return null;
    }

    private ProducerRecord<String, byte[]> toRecord(DomainEventMessage<?> event) {
        MessageType<?> type = types.get(event.getPayloadType());
        if (type == null) {
            throw new IllegalArgumentException(event.getPayloadType().getName() + " is not a registered "
                    + definition.topic().types().baseType().getSimpleName() + " of "
                    + definition.topic().name());
        }
        String aggregateId = event.getAggregateIdentifier();
        byte[] json = event.serializePayload(storeSerializer, byte[].class).getData();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(definition.topic().name(), aggregateId, json);
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
