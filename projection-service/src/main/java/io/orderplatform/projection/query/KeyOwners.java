package io.orderplatform.projection.query;

import io.orderplatform.projection.streams.ProjectionTopology;
import io.orderplatform.schemas.catalog.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Where a key's partition lives. Kafka Streams knows it once the instance has an assignment; while it
 * has none (just started, or between the generations of a rebalance) the last owners seen for the
 * partition are used, and the partition itself is computed as the producers computed it (the default
 * partitioner: murmur2 of the key), so that a read still finds a copy instead of failing.
 */
final class KeyOwners {

    /** Stands for an owner nobody knows yet. */
    static final HostInfo UNKNOWN = new HostInfo("unknown", -1);

    private final Map<String, KeyQueryMetadata> lastSeen = new ConcurrentHashMap<>();

    KeyQueryMetadata locate(KafkaStreams streams, String store, String key) {
        KeyQueryMetadata owner =
                streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        int partition = partitionOf(store, key);
        if (owner != null && !owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            lastSeen.put(store + "/" + owner.partition(), owner);
            return owner;
        }
        KeyQueryMetadata known = lastSeen.get(store + "/" + partition);
        return known != null ? known : new KeyQueryMetadata(UNKNOWN, Set.of(), partition);
    }

    /** Whether this instance holds a copy of the partition (active or standby, possibly stale). */
    boolean heldHere(KafkaStreams streams, String store, int partition) {
        try {
            streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore())
                    .withPartition(partition)
                    .enableStaleStores());
            return true;
        } catch (InvalidStateStoreException e) {
            return false;
        }
    }

    /** The partition the relays' producers put the key in. */
    static int partitionOf(String store, String key) {
        int partitions = ProjectionTopology.sourceTopicOf(store).equals(Topics.INVENTORY_EVENTS.name())
                ? Topics.INVENTORY_EVENTS.partitions()
                : Topics.ORDERS_EVENTS.partitions();
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
