package io.orderplatform.streams.versions;

import io.orderplatform.streams.query.QueryUnavailableException;
import io.orderplatform.streams.query.ServingStreams;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs on this instance the versions of a Streams application that its control log asks for, and lets
 * it be rebuilt from history, side by side or in place, while it serves reads.
 *
 * <p>Every instance follows the control log and reconciles what runs here with the latest state, on a
 * scheduler of its own (never on the log's consumer thread, never under a lock that a request waits
 * for), and says which version it serves. One instance, elected through Kafka ({@link
 * CoordinatorElection}), takes the steps ({@link ReplaySteps}): each is a proposal conditional on the
 * revision it was computed from, so a step decided on a state that has moved on is rejected instead of
 * undoing the newer one. A retired version is stopped only once every live instance says it serves the
 * new one.
 */
public final class VersionedApplication implements SmartLifecycle, ServingStreams {

    private static final Logger log = LoggerFactory.getLogger(VersionedApplication.class);

    /** How often each instance looks at the control state even when nothing told it to. */
    static final Duration TICK = Duration.ofMillis(250);

    private static final int PROPOSAL_ATTEMPTS = 5;

    private final String service;
    private final String instanceId;
    private final Supplier<Topology> topology;
    private final Function<String, Properties> settings;
    private final Function<Runnable, ControlLog> logs;
    private final Supplier<CoordinatorElection> elections;
    private final GroupAdmin groups;
    private final ReplayProgress progress;
    private final Clock clock;
    private final Map<Integer, StreamsVersion> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile ControlLog controlLog;
    private volatile CoordinatorElection election;
    private volatile ControlState state = ControlState.initial();
    private volatile boolean started;
    private long appliedRebuildEpoch = -1;
    private int announced = -1;

    /**
     * @param service the application's name: versions run as {@code <service>-v<N>}
     * @param instanceId this instance, as the coordinator sees it
     * @param settings the Kafka Streams settings of a version, by application id
     * @param logs opens the control log, calling the given action whenever it changes
     * @param elections joins the coordinator election
     */
    public VersionedApplication(
            String service,
            String instanceId,
            Supplier<Topology> topology,
            Function<String, Properties> settings,
            Function<Runnable, ControlLog> logs,
            Supplier<CoordinatorElection> elections,
            GroupAdmin groups,
            ReplayProgress progress,
            Clock clock) {
        this.service = service;
        this.instanceId = instanceId;
        this.topology = topology;
        this.settings = settings;
        this.logs = logs;
        this.elections = elections;
        this.groups = groups;
        this.progress = progress;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(service + "-versions").daemon().factory());
    }

    /** The control log topic of an application. */
    public static String controlTopic(String service) {
        return service + ".control-log";
    }

    /** The consumer group that elects an application's coordinator. */
    public static String electionGroup(String service) {
        return service + ".coordinator";
    }

    @Override
    public void start() {
        controlLog = logs.apply(this::wake);
        try {
            if (!controlLog.awaitCaughtUp(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the control log of " + service + " could not be read within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the control log of " + service, e);
        }
        election = elections.get();
        started = true;
        // The serving version starts before the application reports ready.
        awaitTick();
        scheduler.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitTick() {
        try {
            scheduler.submit(this::tick).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the first versions of " + service + " could not be started", e);
        }
    }

    private void wake() {
        if (started) {
            try {
                scheduler.execute(this::tick);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopping: nothing more to reconcile
            }
        }
    }

    /** One look at the control state: run here what it asks for, then, on the coordinator, take a step. */
    private void tick() {
        if (!started) {
            return;
        }
        try {
            ControlState wanted = controlLog.latest();
            state = wanted;
            reconcile(wanted);
            announce(wanted);
            if (election.coordinator()) {
                takeNextStep(wanted);
            }
        } catch (RuntimeException e) {
            log.warn("{}: replay step failed; it is tried again: {}", service, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reconcile(ControlState wanted) {
        if (appliedRebuildEpoch < 0) {
            // A restarted instance does not redo a rebuild that finished before it started.
            appliedRebuildEpoch = wanted.rebuiltEpoch();
        }
        if (wanted.rebuildingInPlace()) {
            StreamsVersion current = running.remove(wanted.version());
            if (current != null) {
                log.info(
                        "{}: rebuilding version {} in place: stopping it and wiping its local state",
                        service,
                        wanted.version());
                current.discard();
            }
        } else {
            boolean fresh = wanted.rebuiltEpoch() > appliedRebuildEpoch;
            if (fresh) {
                log.info(
                        "{}: version {} reset; rebuilding it from the beginning of the topics",
                        service,
                        wanted.version());
                appliedRebuildEpoch = wanted.rebuiltEpoch();
            }
            running.computeIfAbsent(wanted.version(), version -> start(version, fresh));
        }
        if (wanted.candidate() != null) {
            running.computeIfAbsent(wanted.candidate(), version -> start(version, true));
        }
        for (Integer version : List.copyOf(running.keySet())) {
            boolean keptForReads = version.equals(wanted.retiring()) && !wanted.retiringStopped();
            if (version != wanted.version() && !version.equals(wanted.candidate()) && !keptForReads) {
                log.info("{}: version {} retired: stopping it and deleting its local state", service, version);
                running.remove(version).discard();
            }
        }
    }

    private StreamsVersion start(int version, boolean fresh) {
        return StreamsVersion.start(service, version, topology.get(), settings, fresh);
    }

    /** Says which version serves reads here, once it runs, so that the coordinator may retire the old one. */
    private void announce(ControlState wanted) {
        StreamsVersion serving = running.get(wanted.version());
        if (wanted.readsPaused() || serving == null || !serving.running() || announced == wanted.version()) {
            return;
        }
        controlLog.announce(instanceId, wanted.version());
        announced = wanted.version();
    }

    private void takeNextStep(ControlState wanted) throws InterruptedException {
        Optional<ReplaySteps.Step> step = ReplaySteps.next(wanted, cluster(), clock.instant());
        if (step.isEmpty()) {
            return;
        }
        if (step.get().resetVersion() != null) {
            String applicationId = applicationId(step.get().resetVersion());
            groups.reset(applicationId);
            progress.forget(applicationId);
        }
        if (controlLog.propose(wanted, step.get().next()).isPresent()) {
            log.info("{}: {}", service, step.get().why());
        } else {
            log.info("{}: the control state moved on before this step was taken; deciding again", service);
        }
        wake();
    }

    private ReplaySteps.Cluster cluster() {
        return new ReplaySteps.Cluster() {
            @Override
            public ReplayProgress.Status progress(int version) {
                return progress.status(applicationId(version));
            }

            @Override
            public boolean reached(int version, Map<String, Long> ends) {
                return groups.reached(applicationId(version), ends, ReplayProgress.MARKERS_PER_PARTITION);
            }

            @Override
            public Map<String, Long> inputEnds() {
                return groups.inputEnds();
            }

            @Override
            public boolean runningHere(int version) {
                StreamsVersion here = running.get(version);
                return here != null && here.running();
            }

            @Override
            public boolean hasNoMembers(int version) {
                return groups.hasNoMembers(applicationId(version));
            }

            @Override
            public Set<String> liveInstances() {
                return groups.memberClientIds(electionGroup(service));
            }

            @Override
            public Map<String, Integer> serving() {
                return controlLog.serving();
            }
        };
    }

    /** Asks every instance to rebuild the serving version in place. */
    public ControlState rebuildInPlace() {
        return propose(now -> now.rebuildRequested(clock.instant()));
    }

    /** Asks every instance to build the next version side by side with the serving one. */
    public ControlState rebuildSideBySide() {
        return propose(now -> now.withCandidate(clock.instant()));
    }

    private ControlState propose(Function<ControlState, ControlState> change) {
        for (int attempt = 0; attempt < PROPOSAL_ATTEMPTS; attempt++) {
            ControlState now = controlLog.latest();
            if (now.busy()) {
                throw new RebuildInProgressException(now);
            }
            Optional<ControlState> accepted = controlLog.propose(now, change.apply(now));
            if (accepted.isPresent()) {
                wake();
                return accepted.get();
            }
        }
        throw new RebuildInProgressException(controlLog.latest());
    }

    /** Thrown when a rebuild is asked for while another is under way. */
    public static final class RebuildInProgressException extends RuntimeException {
        RebuildInProgressException(ControlState state) {
            super("a rebuild is under way: " + state);
        }
    }

    /** The application id of a version. */
    public String applicationId(int version) {
        return StreamsVersion.applicationId(service, version);
    }

    /** The control state this instance last acted on. */
    public ControlState state() {
        return state;
    }

    /** Whether reads must wait: the serving version is being rebuilt in place and has not caught up. */
    public boolean readsPaused() {
        return state.readsPaused();
    }

    /** Whether this instance is the coordinator now. */
    public boolean coordinator() {
        CoordinatorElection current = election;
        return current != null && current.coordinator();
    }

    /** The version each instance last said it serves, by instance id. */
    public Map<String, Integer> servingByInstance() {
        ControlLog current = controlLog;
        return current == null ? Map.of() : current.serving();
    }

    /** The version serving reads, if it runs here. */
    public Optional<StreamsVersion> serving() {
        return Optional.ofNullable(running.get(state.version()));
    }

    /**
     * The versions to read a key from: the serving one, and after a switch, until every instance serves
     * the new one, the previous one too (a reader then gets whichever copy is further on).
     */
    @Override
    public List<KafkaStreams> readable() {
        List<KafkaStreams> readable = new ArrayList<>();
        serving().ifPresent(version -> readable.add(version.streams()));
        Integer retiring = state.retiring();
        StreamsVersion previous = retiring == null ? null : running.get(retiring);
        if (previous != null) {
            readable.add(previous.streams());
        }
        return readable;
    }

    @Override
    public Optional<QueryUnavailableException> unavailable() {
        return readsPaused()
                ? Optional.of(new QueryUnavailableException("the views are being rebuilt", 5))
                : Optional.empty();
    }

    /** Every version running here, by version. */
    public Map<Integer, StreamsVersion> running() {
        return Map.copyOf(running);
    }

    public String service() {
        return service;
    }

    @Override
    public void stop() {
        started = false;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.values().forEach(version -> version.stop(false));
        running.clear();
        try {
            if (election != null) {
                election.close();
            }
            if (controlLog != null) {
                controlLog.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
