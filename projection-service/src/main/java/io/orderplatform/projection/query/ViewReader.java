package io.orderplatform.projection.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.projection.replay.ProjectionRuntime;
import io.orderplatform.projection.replay.ProjectionVersion;
import io.orderplatform.schemas.json.ContractJson;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one view by key wherever it lives. The instance that holds the key's partition as active
 * answers; another instance forwards the query to it. If that instance does not answer (stopped,
 * killed, rebalancing), a standby copy answers instead, here or on another instance, with a
 * {@value ViewHeaders#VIEW_LAG} header saying how far behind it may be (KIP-535): a read during a
 * rebalance gets a possibly stale answer rather than an error.
 *
 * <p>A reader may ask for a minimum version: the copy that answers waits for it (read-your-writes),
 * up to a limit.
 */
public final class ViewReader {

    private static final ObjectMapper JSON = ContractJson.mapper();

    private final ProjectionRuntime runtime;
    private final HostInfo self;
    private final PeerClient peers;
    private final ViewChanges changes;
    private final KeyOwners owners = new KeyOwners();

    public ViewReader(ProjectionRuntime runtime, HostInfo self, PeerClient peers, ViewChanges changes) {
        this.runtime = runtime;
        this.self = self;
        this.peers = peers;
        this.changes = changes;
    }

    /**
     * What is asked.
     *
     * @param store the store of the view
     * @param key its key
     * @param versionOf the version of a view in that store
     * @param minVersion the least version to answer with; 0 for any
     * @param maxWait how long to wait for it
     * @param pathAndQuery the query as received, to forward
     * @param forwarded whether another instance forwarded it here
     */
    public record Query(
            String store,
            String key,
            ToLongFunction<Object> versionOf,
            long minVersion,
            Duration maxWait,
            String pathAndQuery,
            boolean forwarded,
            BiFunction<ReadOnlyKeyValueStore<String, Object>, String, Object> lookup) {

        /** A query of a view stored under its key. */
        public Query(
                String store,
                String key,
                ToLongFunction<Object> versionOf,
                long minVersion,
                Duration maxWait,
                String pathAndQuery,
                boolean forwarded) {
            this(store, key, versionOf, minVersion, maxWait, pathAndQuery, forwarded, ReadOnlyKeyValueStore::get);
        }
    }

    /** The copy here lacks the view but is still being restored: the view may exist. */
    static final class RestoringAbsenceException extends ViewUnavailableException {
        RestoringAbsenceException(String key) {
            super("the copy of " + key + " here is still being restored");
        }
    }

    /** Thrown when the view did not reach the asked version in time. */
    public static final class BehindException extends ViewUnavailableException {
        BehindException(String key, long version, long minVersion) {
            super("the view of " + key + " is at version " + version + ", not yet " + minVersion, 1);
        }
    }

    /**
     * How long a read keeps looking for a copy while partitions move (a rebalance takes a moment):
     * a short wait instead of an error.
     */
    static final Duration MOVING_PARTITIONS_GRACE = Duration.ofSeconds(3);

    /** The view, or empty if there is none (and none appeared while waiting). */
    public Optional<ViewAnswer> find(Query query) {
        if (runtime.unavailable()) {
            throw new ViewUnavailableException("the views are being rebuilt", 5);
        }
        // A forwarded query gives up sooner: the instance that forwarded it waits for its answer.
        Duration grace = query.forwarded() ? MOVING_PARTITIONS_GRACE.dividedBy(3) : MOVING_PARTITIONS_GRACE;
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            try {
                return findOnce(query);
            } catch (ViewUnavailableException e) {
                boolean givingUp = System.nanoTime() > deadline;
                if (e instanceof RestoringAbsenceException) {
                    if (givingUp) {
                        // The only copy is still being restored and lacks the view: after the grace, say
                        // what it holds rather than fail.
                        return Optional.empty();
                    }
                } else if (e instanceof BehindException || query.forwarded() || givingUp) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ViewUnavailableException("interrupted");
        }
    }

    private Optional<ViewAnswer> findOnce(Query query) {
        ProjectionVersion serving =
                runtime.serving().orElseThrow(() -> new ViewUnavailableException("the views are not running here yet"));
        KafkaStreams streams = serving.streams();
        if (!streams.state().isRunningOrRebalancing()) {
            throw new ViewUnavailableException("the views are " + streams.state() + " here");
        }
        KeyQueryMetadata owner = owners.locate(streams, query.store(), query.key());
        boolean active = self.equals(owner.activeHost());
        boolean standby = owner.standbyHosts().contains(self);
        if (active || (query.forwarded() && standby)) {
            return readHere(query, owner.partition());
        }
        if (query.forwarded()) {
            throw new MisdirectedQueryException("this instance holds no copy of the partition of " + query.key());
        }
        try {
            if (owner.activeHost().equals(KeyOwners.UNKNOWN)) {
                throw new PeerClient.PeerDownException(
                        KeyOwners.UNKNOWN, new IllegalStateException("no active copy known"));
            }
            return ask(owner.activeHost(), query);
        } catch (PeerClient.PeerDownException down) {
            if (standby || owners.heldHere(streams, query.store(), owner.partition())) {
                return readHere(query, owner.partition());
            }
            for (HostInfo other : owner.standbyHosts()) {
                try {
                    return ask(other, query);
                } catch (PeerClient.PeerDownException alsoDown) {
                    // try the next copy
                }
            }
            throw new ViewUnavailableException(down.getMessage());
        }
    }

    private Optional<ViewAnswer> ask(HostInfo peer, Query query) throws PeerClient.PeerDownException {
        PeerClient.Answer answer =
                peers.get(peer, query.pathAndQuery(), query.maxWait().plusSeconds(3));
        return switch (answer.status()) {
            case 200 ->
                Optional.of(new ViewAnswer(
                        answer.body(),
                        answer.etag().orElse(0),
                        answer.lag().isPresent() ? answer.lag().getAsLong() : null));
            case 404 -> Optional.empty();
            case 421 -> throw new PeerClient.PeerDownException(peer, new IllegalStateException("misdirected"));
            default ->
                throw new ViewUnavailableException(
                        "the instance holding " + query.key() + " answered " + answer.status() + ": "
                                + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8),
                        parseRetryAfter(answer.retryAfter()));
        };
    }

    private Optional<ViewAnswer> readHere(Query query, int partition) {
        long deadline = System.nanoTime() + query.maxWait().toNanos();
        while (true) {
            Optional<Local> found = readLocal(query, partition);
            long version = found.map(Local::version).orElse(0L);
            if (query.minVersion() <= 0 || version >= query.minVersion()) {
                return found.map(local -> new ViewAnswer(json(local.view()), local.version(), local.lag()));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new BehindException(query.key(), version, query.minVersion());
            }
            try {
                changes.await(Duration.ofNanos(left).toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ViewUnavailableException("interrupted");
            }
        }
    }

    private record Local(Object view, long version, Long lag) {}

    /** The furthest copy held here: the serving version's, or for a moment after a switch the old one's. */
    private Optional<Local> readLocal(Query query, int partition) {
        Local best = null;
        boolean anyStore = false;
        for (ProjectionVersion version : runtime.readable()) {
            try {
                Object view = query.lookup().apply(store(version.streams(), query.store(), partition), query.key());
                anyStore = true;
                if (view != null) {
                    long at = query.versionOf().applyAsLong(view);
                    if (best == null || at > best.version()) {
                        best = new Local(view, at, lagOf(version, query.store(), query.key(), partition));
                    }
                }
            } catch (InvalidStateStoreException e) {
                // this version does not hold the partition here (yet)
            }
        }
        if (!anyStore) {
            throw new ViewUnavailableException("the partition of " + query.key() + " is being restored here");
        }
        if (best == null && !runtime.readable().isEmpty()) {
            ProjectionVersion serving = runtime.readable().getFirst();
            Long lag = lagOf(serving, query.store(), query.key(), partition);
            if (lag != null && lag > 0) {
                // A copy still being restored may lack a view that exists: not a 404, look elsewhere.
                throw new RestoringAbsenceException(query.key());
            }
        }
        return Optional.ofNullable(best);
    }

    private static ReadOnlyKeyValueStore<String, Object> store(KafkaStreams streams, String store, int partition) {
        return streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore())
                        .withPartition(partition)
                        .enableStaleStores());
    }

    /** Null for a running active copy; else how far behind Kafka Streams estimates it is. */
    private Long lagOf(ProjectionVersion version, String store, String key, int partition) {
        KafkaStreams streams = version.streams();
        KeyQueryMetadata owner = owners.locate(streams, store, key);
        if (self.equals(owner.activeHost()) && streams.state() == KafkaStreams.State.RUNNING) {
            return null;
        }
        Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of());
        LagInfo lag = lags.get(partition);
        return lag == null ? null : lag.offsetLag();
    }

    static byte[] json(Object view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a view", e);
        }
    }

    private static int parseRetryAfter(String value) {
        try {
            return Math.max(1, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
