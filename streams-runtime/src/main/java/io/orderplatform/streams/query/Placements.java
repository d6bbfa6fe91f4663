package io.orderplatform.streams.query;

import io.orderplatform.streams.store.ViewStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the copies of a store's partitions live. Kafka Streams knows it once the instance has an
 * assignment; while it has none (just started, or between the generations of a rebalance) the last
 * placement seen is used, and a key's partition is computed as the producers computed it, so that a read
 * still finds a copy instead of failing.
 */
final class Placements {

    private final Map<String, Placement> lastSeen = new ConcurrentHashMap<>();

    /** Where the key's partition lives. */
    <K> Placement ofKey(KafkaStreams streams, ViewStore<K, ?> store, K key) {
        KeyQueryMetadata owner = StreamsCalls.guarded(
                "the views are not running here",
                () -> streams.queryMetadataForKey(
                        store.name(), key, store.keySerde().serializer()));
        if (owner != null && !owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            Placement placement =
                    new Placement(owner.partition(), owner.activeHost(), Set.copyOf(owner.standbyHosts()));
            lastSeen.put(store.name() + "/" + placement.partition(), placement);
            return placement;
        }
        return remembered(store, store.partitionOf(key));
    }

    /** Where every partition of the store lives. */
    Map<Integer, Placement> ofStore(KafkaStreams streams, ViewStore<?, ?> store) {
        String topic = store.sourceTopic().name();
        Map<Integer, HostInfo> actives = new HashMap<>();
        Map<Integer, Set<HostInfo>> standbys = new HashMap<>();
        for (StreamsMetadata instance :
                StreamsCalls.guarded("the views are not running here", streams::metadataForAllStreamsClients)) {
            for (TopicPartition partition : instance.topicPartitions()) {
                if (partition.topic().equals(topic)) {
                    actives.put(partition.partition(), instance.hostInfo());
                }
            }
            for (TopicPartition partition : instance.standbyTopicPartitions()) {
                if (partition.topic().equals(topic)) {
                    standbys.computeIfAbsent(partition.partition(), p -> new HashSet<>())
                            .add(instance.hostInfo());
                }
            }
        }
        Map<Integer, Placement> placements = new HashMap<>();
        for (int partition = 0; partition < store.partitions(); partition++) {
            HostInfo active = actives.get(partition);
            Placement placement = active == null
                    ? remembered(store, partition)
                    : new Placement(partition, active, Set.copyOf(standbys.getOrDefault(partition, Set.of())));
            if (active != null) {
                lastSeen.put(store.name() + "/" + partition, placement);
            }
            placements.put(partition, placement);
        }
        return placements;
    }

    private Placement remembered(ViewStore<?, ?> store, int partition) {
        Placement known = lastSeen.get(store.name() + "/" + partition);
        return known != null ? known : new Placement(partition, null, Set.of());
    }
}
