package io.orderplatform.runtime.admission;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new work at the door while the platform is further behind than it can catch up with in
 * time (see {@link BacklogEstimate}), so that an order accepted with 202 is fulfilled on its merits
 * and not rejected because its reservation waited past the saga's window, and an overload sheds
 * requests instead of collapsing into late rejections.
 *
 * <p>A monitor thread reads the watched groups every check interval; a request only reads the last
 * conclusion. When the groups cannot be read, everything is admitted: the event store takes the
 * order and the relay publishes it once Kafka is back, which is what a broker failover needs.
 */
public class AdmissionControl implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdmissionControl.class);

    private final AdmissionSettings settings;
    private final Readings readings;
    private final LongSupplier nanoTime;
    private final BacklogEstimate estimate;
    private final AtomicLong refused = new AtomicLong();
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("admission-monitor").daemon().factory());
    private volatile AdmissionState state;
    private boolean unreadable;
    private long refusedWhenStarted;

    /** The watched groups' positions; fails while they cannot be read. */
    @FunctionalInterface
    interface Readings extends AutoCloseable {
        List<GroupProgress> read() throws Exception;

        @Override
        default void close() {}
    }

    AdmissionControl(AdmissionSettings settings, Readings readings, LongSupplier nanoTime) {
        this.settings = settings;
        this.readings = readings;
        this.nanoTime = nanoTime;
        this.estimate = new BacklogEstimate(settings);
        this.state = AdmissionState.unmeasured(settings.maxWait().toNanos() / 1e9);
    }

    /** Starts reading the groups every check interval; with nothing watched, admits everything without reading. */
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        long interval = settings.checkInterval().toMillis();
        monitor.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** Why a new command is refused now, or empty when it is admitted (which it always is before the first readings). */
    public Optional<AdmissionRefusedException> refusal() {
        AdmissionState now = state;
        if (!now.refusing()) {
            return Optional.empty();
        }
        refused.incrementAndGet();
        return Optional.of(new AdmissionRefusedException(now));
    }

    /** The last conclusion. */
    public AdmissionState state() {
        return state;
    }

    /** New commands refused since start. */
    public long refusedCount() {
        return refused.get();
    }

    /** Takes one reading and concludes; runs on the monitor thread. */
    void check() {
        List<GroupProgress> progress;
        try {
            progress = readings.read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            if (!unreadable) {
                unreadable = true;
                log.warn(
                        "cannot read the consumer groups' positions, admitting every command until they can: {}",
                        e.toString());
            }
            estimate.reset();
            conclude(AdmissionState.unmeasured(settings.maxWait().toNanos() / 1e9));
            return;
        }
        if (unreadable) {
            unreadable = false;
            log.info("the consumer groups' positions can be read again");
        }
        conclude(estimate.update(nanoTime.getAsLong(), progress));
    }

    private void conclude(AdmissionState next) {
        AdmissionState previous = state;
        state = next;
        if (next.refusing() && !previous.refusing()) {
            refusedWhenStarted = refused.get();
            log.info(
                    "refusing new commands: estimated wait {} s, more than {} s ({})",
                    seconds(next.waitSeconds()),
                    seconds(next.maxWaitSeconds()),
                    describe(next));
        } else if (!next.refusing() && previous.refusing()) {
            log.info(
                    "admitting new commands again: {} refused meanwhile; estimated wait {} s",
                    refused.get() - refusedWhenStarted,
                    seconds(next.waitSeconds()));
        }
    }

    private static String describe(AdmissionState state) {
        return state.groups().stream()
                .map(group -> String.format(
                        "%s: %d behind at %.0f/s, %d partition(s) standing still",
                        group.group(), group.lag(), group.perSecond(), group.partitionsStandingStill()))
                .collect(Collectors.joining(", "));
    }

    private static String seconds(double value) {
        return String.format("%.1f", value);
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        readings.close();
    }
}
