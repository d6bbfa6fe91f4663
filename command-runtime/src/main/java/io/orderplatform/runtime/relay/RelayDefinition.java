package io.orderplatform.runtime.relay;

import io.orderplatform.schemas.catalog.Topic;
import io.orderplatform.schemas.json.ContractSerde;

/**
 * What a command service relays from its event store to Kafka: declaring this bean turns the relay on.
 *
 * @param topic the event topic, keyed by aggregate id; its contract serde names every event type
 *     the store may hold
 */
public record RelayDefinition(Topic<String, ?> topic) {

    public RelayDefinition {
        if (!(topic.valueSerde() instanceof ContractSerde<?>)) {
            throw new IllegalArgumentException(topic.name() + " does not carry contract records");
        }
    }

    /** How the topic's events are written. */
    public ContractSerde<?> serde() {
        return (ContractSerde<?>) topic.valueSerde();
    }
}
