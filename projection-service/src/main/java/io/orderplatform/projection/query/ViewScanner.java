package io.orderplatform.projection.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderplatform.projection.replay.ProjectionRuntime;
import io.orderplatform.projection.replay.ProjectionVersion;
import io.orderplatform.projection.streams.ProjectionTopology;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a store in key order across all instances: each partition is scanned where it is active
 * (here, or by the instance holding it, asked over HTTP), or from a standby copy when that instance
 * does not answer. The partial results are merged by key. Pages are cut by key, so the same query gives
 * the same pages whichever instance answers it and however partitions move.
 */
public final class ViewScanner {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);

    private final ProjectionRuntime runtime;
    private final HostInfo self;
    private final PeerClient peers;

    public ViewScanner(ProjectionRuntime runtime, HostInfo self, PeerClient peers) {
        this.runtime = runtime;
        this.self = self;
        this.peers = peers;
    }

    /**
     * The views found, in key order, at most {@code limit + 1} of them (one more tells that there
     * are more), and the most records a stale copy that answered may be missing (null if none was stale).
     */
    public record Found(List<Map.Entry<String, JsonNode>> views, Long lag) {}

    public Found scan(ScanRequest request) {
        servingStreams();
        long deadline = System.nanoTime() + ViewReader.MOVING_PARTITIONS_GRACE.toNanos();
        while (true) {
            try {
                return scanOnce(request);
            } catch (ViewUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Found scanOnce(ScanRequest request) {
        KafkaStreams streams = servingStreams();
        String topic = ProjectionTopology.sourceTopicOf(request.store());
        int partitions = partitionCount(topic);
        Map<Integer, HostInfo> actives = new HashMap<>();
        Map<Integer, List<HostInfo>> standbys = new HashMap<>();
        for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
            instance.topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(topic))
                    .forEach(tp -> actives.put(tp.partition(), instance.hostInfo()));
            instance.standbyTopicPartitions().stream()
                    .filter(tp -> tp.topic().equals(topic))
                    .forEach(tp -> standbys.computeIfAbsent(tp.partition(), p -> new ArrayList<>())
                            .add(instance.hostInfo()));
        }
        TreeMap<String, JsonNode> merged = new TreeMap<>();
        Long lag = null;
        Map<HostInfo, List<Integer>> byHost = new LinkedHashMap<>();
        List<Integer> orphans = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            HostInfo active = actives.get(partition);
            if (active == null) {
                orphans.add(partition);
            } else {
                byHost.computeIfAbsent(active, h -> new ArrayList<>()).add(partition);
            }
        }
        for (Map.Entry<HostInfo, List<Integer>> host : byHost.entrySet()) {
            Found part = scanOn(host.getKey(), host.getValue(), request);
            if (part == null) {
                orphans.addAll(host.getValue());
            } else {
                lag = add(merged, part, lag, request);
            }
        }
        for (int partition : orphans) {
            // No active copy answers (or none is known, between the generations of a rebalance): a copy
            // held here, else a standby elsewhere.
            Found part = scanOn(self, List.of(partition), request);
            for (HostInfo standby : part != null ? List.<HostInfo>of() : standbys.getOrDefault(partition, List.of())) {
                part = scanOn(standby, List.of(partition), request);
                if (part != null) {
                    break;
                }
            }
            if (part == null) {
                throw new ViewUnavailableException("no instance can read partition " + partition + " of " + topic);
            }
            lag = add(merged, part, lag, request);
        }
        List<Map.Entry<String, JsonNode>> views =
                merged.entrySet().stream().limit(request.limit() + 1L).collect(Collectors.toList());
        return new Found(views, lag);
    }

    private static Long add(TreeMap<String, JsonNode> merged, Found part, Long lag, ScanRequest request) {
        part.views().forEach(entry -> merged.merge(entry.getKey(), entry.getValue(), request.combine()));
        if (part.lag() == null) {
            return lag;
        }
        return lag == null ? part.lag() : Math.max(lag, part.lag());
    }

    /** The partitions' views on one instance; null if it does not answer. */
    private Found scanOn(HostInfo host, List<Integer> partitions, ScanRequest request) {
        if (host.equals(self)) {
            try {
                return scanHere(partitions, request);
            } catch (ViewUnavailableException | MisdirectedQueryException e) {
                return null;
            }
        }
        try {
            PeerClient.Answer answer = peers.get(host, internalPath(partitions, request), PEER_TIMEOUT);
            if (answer.status() != 200) {
                return null;
            }
            return parse(answer.body());
        } catch (PeerClient.PeerDownException e) {
            return null;
        }
    }

    /** Scans the given partitions on this instance, from whatever copy it holds (active or standby). */
    public Found scanHere(List<Integer> partitions, ScanRequest request) {
        KafkaStreams streams = servingStreams();
        List<Map.Entry<String, JsonNode>> views = new ArrayList<>();
        Long lag = null;
        Map<Integer, LagInfo> lags = null;
        for (int partition : partitions) {
            ReadOnlyKeyValueStore<String, Object> store;
            try {
                store = streams.store(StoreQueryParameters.fromNameAndType(
                                request.store(), QueryableStoreTypes.<String, Object>keyValueStore())
                        .withPartition(partition)
                        .enableStaleStores());
            } catch (InvalidStateStoreException e) {
                throw new MisdirectedQueryException("partition " + partition + " is not readable here");
            }
            int found = 0;
            try (KeyValueIterator<String, Object> range = store.range(request.after(), request.until())) {
                while (range.hasNext() && found <= request.limit()) {
                    KeyValue<String, Object> entry = range.next();
                    if (entry.key.equals(request.after()) || !request.filter().test(entry.value)) {
                        continue;
                    }
                    views.add(Map.entry(entry.key, JSON.valueToTree(entry.value)));
                    found++;
                }
            } catch (InvalidStateStoreException e) {
                throw new ViewUnavailableException("partition " + partition + " moved while it was read");
            }
            if (!activeAndRunning(streams, request.store(), partition)) {
                if (lags == null) {
                    lags = streams.allLocalStorePartitionLags().getOrDefault(request.store(), Map.of());
                }
                LagInfo info = lags.get(partition);
                long behind = info == null ? 0 : info.offsetLag();
                lag = lag == null ? behind : Math.max(lag, behind);
            }
        }
        views.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return new Found(views, lag);
    }

    private boolean activeAndRunning(KafkaStreams streams, String store, int partition) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        String topic = ProjectionTopology.sourceTopicOf(store);
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .anyMatch(tp -> tp.topic().equals(topic) && tp.partition() == partition);
    }

    private KafkaStreams servingStreams() {
        if (runtime.unavailable()) {
            throw new ViewUnavailableException("the views are being rebuilt", 5);
        }
        ProjectionVersion serving =
                runtime.serving().orElseThrow(() -> new ViewUnavailableException("the views are not running here yet"));
        KafkaStreams streams = serving.streams();
        if (!streams.state().isRunningOrRebalancing()) {
            throw new ViewUnavailableException("the views are " + streams.state() + " here");
        }
        return streams;
    }

    private static int partitionCount(String topic) {
        return topic.equals(Topics.INVENTORY_EVENTS.name())
                ? Topics.INVENTORY_EVENTS.partitions()
                : Topics.ORDERS_EVENTS.partitions();
    }

    private static String internalPath(List<Integer> partitions, ScanRequest request) {
        StringBuilder path = new StringBuilder("/internal/views/")
                .append(request.store())
                .append("?partitions=")
                .append(partitions.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .append("&limit=")
                .append(request.limit());
        appendParam(path, "after", request.after());
        appendParam(path, "until", request.until());
        request.filters().forEach((name, value) -> appendParam(path, name, value));
        return path.toString();
    }

    private static void appendParam(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** The body of an internal scan answer: {@code {"lag": n|null, "views": [{"key": k, "view": {...}}]}}. */
    public static byte[] write(Found found) {
        ObjectNode body = JSON.createObjectNode();
        if (found.lag() == null) {
            body.putNull("lag");
        } else {
            body.put("lag", found.lag());
        }
        ArrayNode views = body.putArray("views");
        found.views()
                .forEach(entry -> views.addObject().put("key", entry.getKey()).set("view", entry.getValue()));
        return ViewReader.json(body);
    }

    private static Found parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            List<Map.Entry<String, JsonNode>> views = new ArrayList<>();
            root.path("views")
                    .forEach(view -> views.add(Map.entry(view.get("key").asText(), view.get("view"))));
            Long lag = root.path("lag").isNumber() ? root.get("lag").asLong() : null;
            return new Found(views, lag);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
