package io.orderplatform.runtime.relay;

import io.orderplatform.schemas.catalog.Topic;
import io.orderplatform.schemas.json.ContractSerde;

/**
 * What a command service relays from its event store to Kafka: declaring this bean turns the relay on.
 *
 * @param topic the event topic; records are keyed by aggregate id
 * @param serde the topic's contract serde, which names every event type the store may hold
 */
public record RelayDefinition(Topic<String, ?> topic, ContractSerde<?> serde) {}
