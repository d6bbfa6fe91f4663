package io.orderplatform.streams.query;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.orderplatform.schemas.catalog.Topics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A {@code KafkaStreams} of this instance as the router sees it: which partitions it holds, as active or
 * standby, what they contain, how far behind they are, and where it believes each key lives.
 */
final class LocalInstance {

    final KafkaStreams streams = mock(KafkaStreams.class);
    private final Map<Integer, MapStore<?>> held = new HashMap<>();
    private final Set<Integer> active = new HashSet<>();
    private final Map<Integer, LagInfo> lags = new HashMap<>();
    private volatile RuntimeException storesFail;

    LocalInstance(String storeName) {
        when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
        when(streams.store(any(StoreQueryParameters.class))).thenAnswer(call -> {
            if (storesFail != null) {
                throw storesFail;
            }
            StoreQueryParameters<?> query = call.getArgument(0);
            MapStore<?> store = held.get(query.partition());
            if (store == null) {
                throw new InvalidStateStoreException("partition " + query.partition() + " is not here");
            }
            return store;
        });
        TaskMetadata task = mock(TaskMetadata.class);
        when(task.topicPartitions()).thenAnswer(call -> {
            Set<TopicPartition> partitions = new HashSet<>();
            active.forEach(p -> partitions.add(new TopicPartition(Topics.ORDERS_EVENTS.name(), p)));
            return partitions;
        });
        ThreadMetadata thread = mock(ThreadMetadata.class);
        when(thread.activeTasks()).thenReturn(Set.of(task));
        when(streams.metadataForLocalThreads()).thenReturn(Set.of(thread));
        when(streams.allLocalStorePartitionLags()).thenAnswer(call -> Map.of(storeName, Map.copyOf(lags)));
    }

    <V> MapStore<V> active(int partition) {
        MapStore<V> store = new MapStore<>();
        held.put(partition, store);
        active.add(partition);
        return store;
    }

    <V> MapStore<V> standby(int partition, long lag) {
        MapStore<V> store = new MapStore<>();
        held.put(partition, store);
        LagInfo info = mock(LagInfo.class);
        when(info.offsetLag()).thenReturn(lag);
        lags.put(partition, info);
        return store;
    }

    /** Where Kafka Streams says every key lives. */
    void believes(HostInfo activeHost, Set<HostInfo> standbyHosts, int partition) {
        when(streams.queryMetadataForKey(anyString(), any(), any(Serializer.class)))
                .thenReturn(new KeyQueryMetadata(activeHost, standbyHosts, partition));
    }

    /** The instance is being closed: every call into it fails as a stopping KafkaStreams' calls do. */
    void stopping() {
        when(streams.state()).thenReturn(KafkaStreams.State.PENDING_SHUTDOWN);
        IllegalStateException notRunning =
                new IllegalStateException("KafkaStreams is not running. State is PENDING_SHUTDOWN.");
        storesFail = notRunning;
        when(streams.queryMetadataForKey(anyString(), any(), any(Serializer.class)))
                .thenThrow(notRunning);
        when(streams.allLocalStorePartitionLags()).thenThrow(notRunning);
    }
}
