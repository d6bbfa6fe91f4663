package io.orderplatform.streams.store;

import io.orderplatform.schemas.catalog.Topic;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A state store that queries read, named once with everything that topologies, queries and the
 * partition lookup need: its name, the topic whose partitions its partitions follow, and how its keys and
 * values are stored. A key's partition is the source topic's partition of that key, so a query is routed
 * by the key alone.
 *
 * @param name the store's name in the topology
 * @param sourceTopic the topic whose partitioning the store follows
 * @param keySerde how keys are stored (and hashed to a partition, as the producers of the topic do)
 * @param valueSerde how values are stored
 * @param <K> key type
 * @param <V> value type
 */
public record ViewStore<K, V>(String name, Topic<?, ?> sourceTopic, Serde<K> keySerde, Serde<V> valueSerde) {

    public ViewStore {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** How many partitions the store has: as many as its source topic. */
    public int partitions() {
        return sourceTopic.partitions();
    }

    /**
     * The partition of a key, computed as the default partitioner of the topic's producers computes it
     * (murmur2 of the serialized key): known even while Kafka Streams has no assignment to ask.
     */
    public int partitionOf(K key) {
        byte[] bytes = keySerde.serializer().serialize(sourceTopic.name(), key);
        return Utils.toPositive(Utils.murmur2(bytes)) % partitions();
    }

    /**
     * A persistent, cached builder of the store: repeated writes of a key within a commit interval reach
     * the changelog once.
     */
    public StoreBuilder<KeyValueStore<K, V>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde, valueSerde)
                .withCachingEnabled();
    }
}
