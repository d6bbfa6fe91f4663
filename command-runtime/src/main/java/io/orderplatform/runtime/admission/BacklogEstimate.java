package io.orderplatform.runtime.admission;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates, from successive readings of the watched groups, how long a command accepted now would
 * wait in their queues: for each group, its backlog divided by the rate at which it has read over the
 * rate window, summed over the groups (a new order waits in each of them in turn).
 *
 * <p>The rate is what the group actually read, not what it was offered: while it keeps up, that is
 * the arrival rate and its backlog is near zero; once it falls behind, it is its capacity. So the
 * estimate needs no configured capacity and follows the machine it runs on, a slow start (cold JIT)
 * or a failover included.
 *
 * <p>A group that is behind and read nothing over the whole window has no rate to divide by; its wait
 * is then the time since it last moved, which is the least a command accepted now would wait. So a
 * consumer stopped for a failover refuses nothing until it has stood still for longer than the limit
 * (what it was given meanwhile waits in its topic, and the saga's window for a reservation only
 * starts once the saga has read the order), while one that stays stopped does.
 *
 * <p>Not thread-safe: one monitor thread feeds it.
 */
final class BacklogEstimate {

    private record Reading(long nanos, long consumed) {}

    private final AdmissionSettings settings;
    private final Map<String, Deque<Reading>> history = new HashMap<>();
    private final Map<String, Long> lastMoved = new HashMap<>();

    BacklogEstimate(AdmissionSettings settings) {
        this.settings = settings;
    }

    /** Takes a reading of every watched group and returns the conclusion. */
    AdmissionState update(long nanos, List<GroupProgress> groups) {
        List<AdmissionState.GroupWait> waits = new ArrayList<>();
        boolean measured = true;
        double total = 0;
        for (GroupProgress group : groups) {
            Deque<Reading> readings = history.computeIfAbsent(group.group(), g -> new ArrayDeque<>());
            Reading previous = readings.peekLast();
            if (previous == null || group.consumed() > previous.consumed() || group.lag() < settings.minBacklog()) {
                lastMoved.put(group.group(), nanos);
            }
            remember(readings, new Reading(nanos, group.consumed()));
            Reading oldest = readings.peekFirst();
            double span = (nanos - oldest.nanos()) / 1e9;
            if (span < settings.checkInterval().toNanos() / 1e9 / 2) {
                measured = false;
                continue;
            }
            double perSecond = (group.consumed() - oldest.consumed()) / span;
            double wait = group.lag() < settings.minBacklog()
                    ? 0
                    : perSecond > 0 ? group.lag() / perSecond : (nanos - lastMoved.get(group.group())) / 1e9;
            waits.add(new AdmissionState.GroupWait(group.group(), group.lag(), perSecond, wait));
            total += wait;
        }
        double maxWait = settings.maxWait().toNanos() / 1e9;
        if (!measured || groups.isEmpty()) {
            return new AdmissionState(false, false, 0, maxWait, List.copyOf(waits));
        }
        return new AdmissionState(true, total > maxWait, total, maxWait, List.copyOf(waits));
    }

    /** Forgets every reading: the next ones start a new measurement (after the groups could not be read). */
    void reset() {
        history.clear();
        lastMoved.clear();
    }

    private void remember(Deque<Reading> readings, Reading reading) {
        Reading last = readings.peekLast();
        if (last != null && reading.consumed() < last.consumed()) {
            // The group's offsets went back (reset, or a partition no longer committed): start over.
            readings.clear();
        }
        readings.addLast(reading);
        long windowStart = reading.nanos() - settings.rateWindow().toNanos();
        while (readings.size() > 1 && readings.peekFirst().nanos() < windowStart) {
            readings.removeFirst();
        }
    }
}
