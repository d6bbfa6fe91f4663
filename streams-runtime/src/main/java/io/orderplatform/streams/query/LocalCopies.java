package io.orderplatform.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.schemas.json.ContractJson;
import io.orderplatform.streams.store.ViewStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The copies of store partitions held by this instance, active or standby, read so that a {@code
 * KafkaStreams} stopping or rebalancing under the read makes it "not readable here" rather than an error.
 */
final class LocalCopies {

    private static final ObjectMapper JSON = ContractJson.mapper();

    /** A view found here, with how far behind its copy may be (null for a running active copy). */
    record Local<R>(R view, long version, Long lag) {}

    /**
     * The furthest copy of a key's view held here among {@code copies} (the serving version's, or for a
     * moment after a switch the old one's too).
     *
     * @throws QueryUnavailableException if no copy of the partition is readable here, or the only copy
     *     lacks the view while it is still being restored
     */
    <K, V, R> Optional<Local<R>> read(List<KafkaStreams> copies, KeyQuery<K, V, R> query, int partition) {
        Local<R> best = null;
        boolean anyCopy = false;
        for (KafkaStreams streams : copies) {
            Optional<ReadOnlyKeyValueStore<K, V>> store = open(streams, query.store(), partition);
            if (store.isEmpty()) {
                continue;
            }
            R view;
            try {
                view = query.lookup().find(store.get(), query.key());
            } catch (InvalidStateStoreException | IllegalStateException movedWhileRead) {
                continue;
            }
            anyCopy = true;
            if (view != null) {
                long version = query.versionOf().applyAsLong(view);
                if (best == null || version > best.version()) {
                    best = new Local<>(view, version, lag(streams, query.store(), partition));
                }
            }
        }
        if (!anyCopy) {
            throw new QueryUnavailableException("the partition of " + query.key() + " is not readable here");
        }
        if (best == null) {
            Long lag = lag(copies.getFirst(), query.store(), partition);
            if (lag != null && lag > 0) {
                throw new QueryUnavailableException.RestoringAbsence(query.key());
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether this instance holds a readable copy of the partition (active or standby, possibly stale). */
    boolean holds(KafkaStreams streams, ViewStore<?, ?> store, int partition) {
        return open(streams, store, partition).isPresent();
    }

    /**
     * The views of some partitions held here, in key order.
     *
     * @throws MisdirectedQueryException if a partition has no readable copy here
     * @throws QueryUnavailableException if a partition moved while it was read
     */
    <V> ScanResult scan(KafkaStreams streams, List<Integer> partitions, ScanQuery<V> query) {
        List<Map.Entry<String, JsonNode>> views = new ArrayList<>();
        Long lag = null;
        for (int partition : partitions) {
            ReadOnlyKeyValueStore<String, V> store = open(streams, query.store(), partition)
                    .orElseThrow(
                            () -> new MisdirectedQueryException("partition " + partition + " is not readable here"));
            int found = 0;
            try (KeyValueIterator<String, V> range = store.range(query.after(), query.until())) {
                while (range.hasNext() && found <= query.limit()) {
                    KeyValue<String, V> entry = range.next();
                    if (entry.key.equals(query.after()) || !query.filter().test(entry.value)) {
                        continue;
                    }
                    views.add(Map.entry(entry.key, JSON.valueToTree(entry.value)));
                    found++;
                }
            } catch (InvalidStateStoreException | IllegalStateException e) {
                throw new QueryUnavailableException("partition " + partition + " moved while it was read");
            }
            Long behind = lag(streams, query.store(), partition);
            if (behind != null) {
                lag = lag == null ? behind : Math.max(lag, behind);
            }
        }
        views.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return new ScanResult(views, lag);
    }

    /**
     * How far behind this instance's copy of the partition may be: null for the active copy of a running
     * instance, else Kafka Streams' estimate (0 if it has none).
     */
    Long lag(KafkaStreams streams, ViewStore<?, ?> store, int partition) {
        try {
            if (streams.state() == KafkaStreams.State.RUNNING && activeHere(streams, store, partition)) {
                return null;
            }
            LagInfo lag = streams.allLocalStorePartitionLags()
                    .getOrDefault(store.name(), Map.of())
                    .get(partition);
            return lag == null ? 0L : lag.offsetLag();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return 0L;
        }
    }

    private static boolean activeHere(KafkaStreams streams, ViewStore<?, ?> store, int partition) {
        String topic = store.sourceTopic().name();
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .anyMatch(tp -> tp.topic().equals(topic) && tp.partition() == partition);
    }

    private static <K, V> Optional<ReadOnlyKeyValueStore<K, V>> open(
            KafkaStreams streams, ViewStore<K, V> store, int partition) {
        try {
            return Optional.of(streams.store(
                    StoreQueryParameters.fromNameAndType(store.name(), QueryableStoreTypes.<K, V>keyValueStore())
                            .withPartition(partition)
                            .enableStaleStores()));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
