package io.orderplatform.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers queries of Kafka Streams stores from whichever instance holds them, the one way both Streams
 * services route reads:
 *
 * <ol>
 *   <li>the active copy here, if this instance holds the key's partition as active;
 *   <li>else the instance holding the active copy, asked once (marked {@value QueryHeaders#FORWARDED}: one
 *       hop at most);
 *   <li>if that instance does not answer (stopped, killed, rebalancing), a standby copy, here or on
 *       another instance, with a {@value QueryHeaders#VIEW_LAG} header saying how far behind it may be
 *       (KIP-535);
 *   <li>while partitions move, the query is tried again for up to the rebalance grace, then answered
 *       {@code 503} with {@code Retry-After}.
 * </ol>
 *
 * <p>Nothing here blocks a request thread: every wait (a retry, a version not yet reached, a peer's
 * answer) is a future completed later, bounded in time. A {@code KafkaStreams} that is stopping or
 * rebalancing under a read makes the copy "not readable now", never a {@code 500}. A peer's unreadable
 * answer is logged and counted ({@code streams_query_peer_errors_total}), then another copy is tried.
 */
public final class StoreRouter implements AutoCloseable {

    /** How long a query keeps looking for a copy while partitions move (a rebalance takes a moment). */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

    static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    /** How much longer than its own wait a peer may take to answer. */
    static final Duration PEER_ALLOWANCE = Duration.ofSeconds(3);

    /** How often, at most, the errors of one peer are logged (they are all counted). */
    static final Duration PEER_WARNING_EVERY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(StoreRouter.class);
    private static final ObjectMapper JSON = ContractJson.mapper();

    private final ServingStreams streams;
    private final HostInfo self;
    private final PeerClient peers;
    private final ChangeSignal changes;
    private final Duration grace;
    private final MeterRegistry meters;
    private final Placements placements = new Placements();
    private final Map<HostInfo, Long> lastPeerWarning = new java.util.concurrent.ConcurrentHashMap<>();
    private final LocalCopies local = new LocalCopies();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("store-router-timer").daemon().factory());
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public StoreRouter(
            ServingStreams streams,
            HostInfo self,
            PeerClient peers,
            ChangeSignal changes,
            Duration grace,
            MeterRegistry meters) {
        this.streams = streams;
        this.self = self;
        this.peers = peers;
        this.changes = changes;
        this.grace = grace;
        this.meters = meters;
    }

    /**
     * The view, or empty if there is none (and none appeared within the query's wait). A copy still being
     * restored that lacks the view cannot tell that there is none: after the grace that is a {@code 503}
     * with Retry-After, not a {@code 404} for a view that may exist (a standby restoring after a scale-down
     * answered so).
     */
    public <K, V, R> CompletableFuture<Optional<ViewAnswer>> get(KeyQuery<K, V, R> query) {
        return begin(query.forwarded(), () -> findOnce(query), last -> {
            throw last;
        });
    }

    /** The views of a store in key order across all instances, at most {@code limit + 1} of them. */
    public <V> CompletableFuture<ScanResult> scan(ScanQuery<V> query) {
        return begin(false, () -> scanOnce(query), last -> {
            throw last;
        });
    }

    /**
     * The views of some partitions held here (active or standby), for another instance gathering a scan.
     *
     * @throws MisdirectedQueryException if a partition has no copy here
     */
    public <V> ScanResult scanHere(List<Integer> partitions, ScanQuery<V> query) {
        streams.unavailable().ifPresent(problem -> {
            throw problem;
        });
        return local.scan(serving(), partitions, query);
    }

    private <T> CompletableFuture<T> begin(
            boolean forwarded, Supplier<CompletableFuture<T>> attempt, Function<QueryUnavailableException, T> atEnd) {
        Optional<QueryUnavailableException> unavailable = streams.unavailable();
        if (unavailable.isPresent()) {
            return CompletableFuture.failedFuture(unavailable.get());
        }
        // A forwarded query gives up sooner: the instance that forwarded it waits for its answer.
        long deadline = System.nanoTime() + (forwarded ? grace.dividedBy(3) : grace).toNanos();
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(deadline, attempt, atEnd, result);
        return result;
    }

    private <T> void attempt(
            long deadline,
            Supplier<CompletableFuture<T>> attempt,
            Function<QueryUnavailableException, T> atEnd,
            CompletableFuture<T> result) {
        CompletableFuture<T> once;
        try {
            once = attempt.get();
        } catch (RuntimeException e) {
            once = CompletableFuture.failedFuture(e);
        }
        once.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable cause = unwrap(failure);
            boolean retryable =
                    cause instanceof QueryUnavailableException && !(cause instanceof QueryUnavailableException.Behind);
            if (retryable && System.nanoTime() < deadline) {
                timer.schedule(
                        () -> readers.execute(() -> attempt(deadline, attempt, atEnd, result)),
                        RETRY_PAUSE.toMillis(),
                        TimeUnit.MILLISECONDS);
            } else if (retryable) {
                try {
                    result.complete(atEnd.apply((QueryUnavailableException) cause));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    private <K, V, R> CompletableFuture<Optional<ViewAnswer>> findOnce(KeyQuery<K, V, R> query) {
        Placement placement = placements.ofKey(serving(), query.store(), query.key());
        if (placement.activeOn(self) || (query.forwarded() && placement.standbyOn(self))) {
            return readHere(query, placement.partition());
        }
        if (query.forwarded()) {
            throw new MisdirectedQueryException("this instance holds no copy of the partition of " + query.key());
        }
        CompletableFuture<Optional<ViewAnswer>> fromOwner = placement.active() == null
                ? CompletableFuture.failedFuture(new QueryUnavailableException("no active copy is known"))
                : ask(placement.active(), query);
        return fromOwner.exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof QueryUnavailableException.Behind || !(cause instanceof RuntimeException)) {
                return CompletableFuture.failedFuture(cause);
            }
            return fromStandby(query, placement, (RuntimeException) cause);
        });
    }

    /** The active copy cannot answer: a standby copy here, else one elsewhere. */
    private <K, V, R> CompletableFuture<Optional<ViewAnswer>> fromStandby(
            KeyQuery<K, V, R> query, Placement placement, RuntimeException why) {
        if (placement.standbyOn(self) || local.holds(serving(), query.store(), placement.partition())) {
            return readHere(query, placement.partition());
        }
        return firstAnswer(placement.standbys().iterator(), query, why);
    }

    private <K, V, R> CompletableFuture<Optional<ViewAnswer>> firstAnswer(
            Iterator<HostInfo> candidates, KeyQuery<K, V, R> query, RuntimeException why) {
        if (!candidates.hasNext()) {
            return CompletableFuture.failedFuture(
                    why instanceof QueryUnavailableException ? why : new QueryUnavailableException(why.getMessage()));
        }
        HostInfo next = candidates.next();
        return ask(next, query).exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            return cause instanceof QueryUnavailableException.Behind
                    ? CompletableFuture.failedFuture(cause)
                    : firstAnswer(candidates, query, why);
        });
    }

    private <K, V, R> CompletableFuture<Optional<ViewAnswer>> readHere(KeyQuery<K, V, R> query, int partition) {
        long deadline = System.nanoTime() + query.maxWait().toNanos();
        return readUntil(query, partition, deadline);
    }

    private <K, V, R> CompletableFuture<Optional<ViewAnswer>> readUntil(
            KeyQuery<K, V, R> query, int partition, long deadline) {
        Optional<LocalCopies.Local<R>> found;
        try {
            found = local.read(streams.readable(), query, partition);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long version = found.map(LocalCopies.Local::version).orElse(0L);
        if (query.minVersion() <= 0 || version >= query.minVersion()) {
            found.ifPresent(view -> answered(view.lag() == null ? "active" : "standby"));
            return CompletableFuture.completedFuture(found.map(view -> answer(query, view)));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return CompletableFuture.failedFuture(
                    new QueryUnavailableException.Behind(query.key(), version, query.minVersion()));
        }
        return changes.next(Duration.ofNanos(left), timer)
                .thenComposeAsync(changed -> readUntil(query, partition, deadline), readers);
    }

    private <R> ViewAnswer answer(KeyQuery<?, ?, R> query, LocalCopies.Local<R> view) {
        return new ViewAnswer(json(query.rendering().apply(view.view())), view.version(), view.lag());
    }

    /** Asks another instance for the view, as the client asked this one. */
    private CompletableFuture<Optional<ViewAnswer>> ask(HostInfo peer, KeyQuery<?, ?, ?> query) {
        return peers.get(peer, query.pathAndQuery(), query.maxWait().plus(PEER_ALLOWANCE))
                .thenApply(answer -> switch (answer.status()) {
                    case 200 -> {
                        answered("peer");
                        yield Optional.of(new ViewAnswer(
                                answer.body(),
                                answer.etag().orElse(0),
                                answer.lag().isPresent() ? answer.lag().getAsLong() : null));
                    }
                    case 404 -> Optional.empty();
                    case 421 -> throw new QueryUnavailableException("instance " + peer + " holds no copy of it");
                    case 503 -> {
                        String detail = "the instance holding " + query.key() + " cannot answer yet: " + text(answer);
                        if (text(answer).contains("view-behind")) {
                            throw new QueryUnavailableException.Behind(query.key(), 0, query.minVersion());
                        }
                        throw new QueryUnavailableException(detail, answer.retryAfter());
                    }
                    default -> throw peerError(peer, "answered " + answer.status() + ": " + text(answer));
                });
    }

    private <V> CompletableFuture<ScanResult> scanOnce(ScanQuery<V> query) {
        Map<Integer, Placement> where = placements.ofStore(serving(), query.store());
        Map<HostInfo, List<Integer>> byActive = new LinkedHashMap<>();
        List<Integer> orphans = new ArrayList<>();
        where.values().forEach(placement -> {
            if (placement.active() == null) {
                orphans.add(placement.partition());
            } else {
                byActive.computeIfAbsent(placement.active(), host -> new ArrayList<>())
                        .add(placement.partition());
            }
        });
        List<CompletableFuture<ScanResult>> parts = new ArrayList<>();
        byActive.forEach((host, partitions) -> parts.add(scanOn(host, partitions, query)
                .thenCompose(part -> part.isPresent()
                        ? CompletableFuture.completedFuture(part.get())
                        : fromStandbys(partitions, where, query))));
        parts.add(fromStandbys(orphans, where, query));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            TreeMap<String, JsonNode> merged = new TreeMap<>();
            Long lag = null;
            for (CompletableFuture<ScanResult> part : parts) {
                ScanResult result = part.join();
                result.views().forEach(entry -> merged.merge(entry.getKey(), entry.getValue(), query.combine()));
                if (result.lag() != null) {
                    lag = lag == null ? result.lag() : Math.max(lag, result.lag());
                }
            }
            List<Map.Entry<String, JsonNode>> views = merged.entrySet().stream()
                    .limit(query.limit() + 1L)
                    .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                    .toList();
            return new ScanResult(views, lag);
        });
    }

    /** Partitions whose active copy does not answer: each from a copy here, else from a standby elsewhere. */
    private <V> CompletableFuture<ScanResult> fromStandbys(
            List<Integer> partitions, Map<Integer, Placement> where, ScanQuery<V> query) {
        List<CompletableFuture<ScanResult>> parts = new ArrayList<>();
        for (int partition : partitions) {
            List<HostInfo> candidates = new ArrayList<>();
            candidates.add(self);
            where.get(partition).standbys().stream()
                    .filter(host -> !host.equals(self))
                    .forEach(candidates::add);
            parts.add(firstScan(candidates.iterator(), partition, query));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Map.Entry<String, JsonNode>> views = new ArrayList<>();
            Long lag = null;
            for (CompletableFuture<ScanResult> part : parts) {
                ScanResult result = part.join();
                views.addAll(result.views());
                if (result.lag() != null) {
                    lag = lag == null ? result.lag() : Math.max(lag, result.lag());
                }
            }
            return new ScanResult(views, lag);
        });
    }

    private <V> CompletableFuture<ScanResult> firstScan(
            Iterator<HostInfo> candidates, int partition, ScanQuery<V> query) {
        if (!candidates.hasNext()) {
            return CompletableFuture.failedFuture(new QueryUnavailableException("no instance can read partition "
                    + partition + " of " + query.store().name()));
        }
        return scanOn(candidates.next(), List.of(partition), query)
                .thenCompose(part -> part.isPresent()
                        ? CompletableFuture.completedFuture(part.get())
                        : firstScan(candidates, partition, query));
    }

    /** Some partitions' views on one instance; empty if it cannot answer for them. */
    private <V> CompletableFuture<Optional<ScanResult>> scanOn(
            HostInfo host, List<Integer> partitions, ScanQuery<V> query) {
        if (host.equals(self)) {
            try {
                return CompletableFuture.completedFuture(Optional.of(local.scan(serving(), partitions, query)));
            } catch (QueryUnavailableException | MisdirectedQueryException e) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
        }
        return peers.get(host, query.peerPath().apply(partitions), PEER_ALLOWANCE.plusSeconds(2))
                .thenApply(answer -> {
                    if (answer.status() == 421 || answer.status() == 503) {
                        return Optional.<ScanResult>empty();
                    }
                    if (answer.status() != 200) {
                        peerError(host, "answered " + answer.status() + ": " + text(answer));
                        return Optional.<ScanResult>empty();
                    }
                    try {
                        return Optional.of(ScanResult.fromJson(answer.body()));
                    } catch (IOException | RuntimeException e) {
                        peerError(host, "answered unreadably: " + e.getMessage());
                        return Optional.<ScanResult>empty();
                    }
                })
                .exceptionally(down -> Optional.empty());
    }

    /** The version serving reads here. */
    private KafkaStreams serving() {
        List<KafkaStreams> copies = streams.readable();
        if (copies.isEmpty()) {
            throw new QueryUnavailableException("the views are not running here yet");
        }
        KafkaStreams serving = copies.getFirst();
        KafkaStreams.State state = serving.state();
        if (!state.isRunningOrRebalancing()) {
            throw new QueryUnavailableException("the views are " + state + " here");
        }
        return serving;
    }

    private QueryUnavailableException peerError(HostInfo peer, String what) {
        // Every error is counted; a peer failing every retry of every query is logged once a while.
        long now = System.nanoTime();
        Long last = lastPeerWarning.get(peer);
        if (last == null || now - last > PEER_WARNING_EVERY.toNanos()) {
            lastPeerWarning.put(peer, now);
            log.warn("instance {}:{} {}", peer.host(), peer.port(), what);
        }
        Counter.builder("streams.query.peer.errors")
                .description("Answers of other instances that could not be used (neither a view nor a known refusal)")
                .tag("peer", peer.host() + ":" + peer.port())
                .register(meters)
                .increment();
        return new QueryUnavailableException("instance " + peer.host() + ":" + peer.port() + " " + what);
    }

    private void answered(String copy) {
        Counter.builder("streams.query.answers")
                .description("Key queries answered, by the copy that answered: active, standby or peer")
                .tag("copy", copy)
                .register(meters)
                .increment();
    }

    private static String text(PeerClient.Answer answer) {
        String body = answer.body() == null ? "" : new String(answer.body(), StandardCharsets.UTF_8);
        return body.length() > 300 ? body.substring(0, 300) : body;
    }

    static byte[] json(Object view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a view", e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        readers.shutdownNow();
    }
}
