package io.orderplatform.schemas.catalog;

import io.orderplatform.schemas.json.ContractSerde;
import io.orderplatform.schemas.json.MessageTypes;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic of contract records of one family (events, commands or replies), keyed by a string id.
 *
 * @param name the topic name
 * @param valueSerde writes and reads the family's records by {@code ce_type}
 * @param partitions partition count at creation
 * @param configs topic-level configs at creation
 * @param <V> the family's common supertype
 */
public record ContractTopic<V>(String name, ContractSerde<V> valueSerde, int partitions, Map<String, String> configs)
        implements Topic<String, V> {

    public ContractTopic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        configs = Map.copyOf(configs);
    }

    /** A topic carrying the records of {@code types}. */
    public static <V> ContractTopic<V> of(
            String name, MessageTypes<V> types, int partitions, Map<String, String> configs) {
        return new ContractTopic<>(name, new ContractSerde<>(types), partitions, configs);
    }

    @Override
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** The message types the topic may carry. */
    public MessageTypes<V> types() {
        return valueSerde.types();
    }
}
