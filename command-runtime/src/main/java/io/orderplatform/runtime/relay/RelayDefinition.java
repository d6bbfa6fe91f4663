package io.orderplatform.runtime.relay;

import io.orderplatform.schemas.catalog.ContractTopic;
import java.util.Objects;

/**
 * What a command service relays from its event store to Kafka: declaring this bean turns the relay on.
 *
 * @param topic the event topic, keyed by aggregate id; its message types name every event type the
 *     store may hold
 */
public record RelayDefinition(ContractTopic<?> topic) {

    public RelayDefinition {
        Objects.requireNonNull(topic, "topic");
    }
}
