package io.orderplatform.projection.replay;

import io.orderplatform.streams.query.QueryUnavailableException;
import io.orderplatform.streams.query.ServingStreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs on this instance the projection versions that the control topic asks for, and takes the replay's
 * next step when it sees it due: switching reads to a caught-up candidate, deleting a retired version,
 * resetting the group of a version rebuilt in place. Every step is idempotent, so any instance may take it
 * and a crash in the middle is resumed by whichever instance looks next.
 */
public final class ProjectionRuntime implements SmartLifecycle, ServingStreams {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRuntime.class);

    /** How long reads consult both versions after a switch, so that no view is seen going backwards. */
    static final Duration SWITCH_OVERLAP = Duration.ofSeconds(5);

    private final String service;
    private final Supplier<Topology> topology;
    private final Function<String, Properties> settings;
    private final Function<java.util.function.Consumer<ControlState>, ControlChannel> channelFactory;
    private final GroupAdmin groups;
    private final ReplayProgress progress;
    private final Clock clock;
    private final Map<Integer, ProjectionVersion> running = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> retiredAt = new ConcurrentHashMap<>();
    private volatile ControlChannel channel;
    private volatile ControlState state = ControlState.initial();
    private volatile long appliedRebuildEpoch = -1;
    private volatile boolean catchingUp;
    private volatile boolean started;

    public ProjectionRuntime(
            String service,
            Supplier<Topology> topology,
            Function<String, Properties> settings,
            Function<java.util.function.Consumer<ControlState>, ControlChannel> channelFactory,
            GroupAdmin groups,
            ReplayProgress progress,
            Clock clock) {
        this.service = service;
        this.topology = topology;
        this.settings = settings;
        this.channelFactory = channelFactory;
        this.groups = groups;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void start() {
        channel = channelFactory.apply(this::reconcile);
        try {
            if (!channel.awaitCaughtUp(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the projection control topic could not be read within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the projection control topic", e);
        }
        started = true;
        reconcile(channel.latest());
    }

    /** Brings this instance in line with {@code wanted}, then takes the next step if one is due. */
    synchronized void reconcile(ControlState wanted) {
        if (!started) {
            return;
        }
        state = wanted;
        if (appliedRebuildEpoch < 0) {
            // A restarted instance does not redo a rebuild that finished before it started.
            appliedRebuildEpoch = wanted.rebuiltEpoch();
        }
        try {
            if (wanted.rebuildingInPlace()) {
                stopForRebuild(wanted);
            } else {
                startServing(wanted);
            }
            stopRetired(wanted);
            takeNextStep(wanted);
        } catch (RuntimeException e) {
            log.warn("projection replay step failed; it is tried again: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopForRebuild(ControlState wanted) {
        ProjectionVersion current = running.remove(wanted.version());
        if (current != null) {
            log.info("rebuilding version {} in place: stopping it and wiping its local state", wanted.version());
            current.discard();
        }
        catchingUp = true;
    }

    private void startServing(ControlState wanted) {
        boolean fresh = wanted.rebuiltEpoch() > appliedRebuildEpoch;
        if (fresh) {
            log.info("version {} reset; rebuilding it from the beginning of the topics", wanted.version());
            appliedRebuildEpoch = wanted.rebuiltEpoch();
            catchingUp = true;
        }
        running.computeIfAbsent(
                wanted.version(),
                version -> ProjectionVersion.start(service, version, topology.get(), settings, fresh));
        if (wanted.candidate() != null) {
            running.computeIfAbsent(
                    wanted.candidate(),
                    version -> ProjectionVersion.start(service, version, topology.get(), settings, true));
        }
    }

    private void stopRetired(ControlState wanted) {
        for (Integer version : List.copyOf(running.keySet())) {
            boolean wantedHere = version == wanted.version() || version.equals(wanted.candidate());
            if (wantedHere) {
                continue;
            }
            Instant since = retiredAt.computeIfAbsent(version, v -> clock.instant());
            if (clock.instant().isAfter(since.plus(SWITCH_OVERLAP))) {
                log.info("version {} retired: stopping it and deleting its local state", version);
                running.remove(version).discard();
                retiredAt.remove(version);
            }
        }
    }

    private void takeNextStep(ControlState wanted) throws InterruptedException {
        Instant now = clock.instant();
        if (wanted.rebuildingInPlace()) {
            String applicationId = ProjectionVersion.applicationId(service, wanted.version());
            if (groups.hasNoMembers(applicationId)) {
                log.info("group {} is empty: deleting its offsets and internal topics", applicationId);
                groups.reset(applicationId);
                channel.write(wanted.reset(now));
            }
            return;
        }
        if (catchingUp && progress.caughtUp(ProjectionVersion.applicationId(service, wanted.version()), 0)) {
            log.info("version {} has caught up with the topics", wanted.version());
            catchingUp = false;
        }
        if (wanted.candidate() != null
                && running.containsKey(wanted.candidate())
                && running.get(wanted.candidate()).running()
                && progress.caughtUp(
                        ProjectionVersion.applicationId(service, wanted.candidate()),
                        progress.lag(ProjectionVersion.applicationId(service, wanted.version())))) {
            log.info("version {} has caught up: it now serves reads", wanted.candidate());
            channel.write(wanted.promoted(now));
            return;
        }
        if (wanted.retiring() != null && !running.containsKey(wanted.retiring())) {
            String applicationId = ProjectionVersion.applicationId(service, wanted.retiring());
            if (groups.hasNoMembers(applicationId)) {
                log.info("version {} stopped everywhere: deleting its group and internal topics", wanted.retiring());
                groups.reset(applicationId);
                progress.forget(applicationId);
                channel.write(wanted.retired(now));
            }
        }
    }

    /** Asks every instance to rebuild the serving version in place. */
    public synchronized ControlState rebuildInPlace() {
        ControlState now = requireIdle();
        ControlState next = now.rebuildRequested(clock.instant());
        channel.write(next);
        return next;
    }

    /** Asks every instance to build the next version side by side with the serving one. */
    public synchronized ControlState rebuildSideBySide() {
        ControlState now = requireIdle();
        ControlState next = now.withCandidate(clock.instant());
        channel.write(next);
        return next;
    }

    private ControlState requireIdle() {
        ControlState now = channel.latest();
        if (now.busy() || catchingUp) {
            throw new ReplayInProgressException(now);
        }
        return now;
    }

    /** Thrown when a rebuild is asked for while another is under way. */
    public static final class ReplayInProgressException extends RuntimeException {
        ReplayInProgressException(ControlState state) {
            super("a rebuild is under way: " + state);
        }
    }

    /** The control state this instance last acted on. */
    public ControlState state() {
        return state;
    }

    /** Whether reads must wait: the serving version is being rebuilt in place and has not caught up. */
    public boolean readsPaused() {
        return state.rebuildingInPlace() || catchingUp;
    }

    /** The version serving reads, if it runs here. */
    public Optional<ProjectionVersion> serving() {
        return Optional.ofNullable(running.get(state.version()));
    }

    /**
     * The versions to read a key from: the serving one, and for a short while after a switch the
     * previous one too (a reader then gets whichever copy is further on).
     */
    @Override
    public List<KafkaStreams> readable() {
        List<KafkaStreams> readable = new ArrayList<>();
        serving().ifPresent(version -> readable.add(version.streams()));
        Integer retiring = state.retiring();
        ProjectionVersion previous = retiring == null ? null : running.get(retiring);
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
    public Map<Integer, ProjectionVersion> running() {
        return Map.copyOf(running);
    }

    public String service() {
        return service;
    }

    @Override
    public synchronized void stop() {
        started = false;
        running.values().forEach(version -> version.stop(false));
        running.clear();
        try {
            if (channel != null) {
                channel.close();
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
