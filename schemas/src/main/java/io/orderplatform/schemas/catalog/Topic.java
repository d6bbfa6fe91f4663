package io.orderplatform.schemas.catalog;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of the platform, named once with everything needed to use and create it.
 *
 * @param name the topic name
 * @param keySerde how keys are written and read
 * @param valueSerde how values are written and read
 * @param partitions partition count at creation; records with the same key stay on one partition
 * @param configs topic-level configs at creation (retention, cleanup policy)
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
        String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> configs) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        configs = Map.copyOf(configs);
    }
}
