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
 * included.
 *
 * <p>It measures overload, not outages: a partition that is behind and has not moved for the whole
 * rate window (its consumer died and another has not taken it over yet, a broker failover) is left
 * out, and a group none of whose partitions moves is not measured at all. What waits on such a
 * partition is fulfilled once it moves again, and refusing orders for it would turn every failover
 * into an outage of the door; the saga times a step only by what it has read, so a reply delayed by
 * a failover does not time it out.
 *
 * <p>Not thread-safe: one monitor thread feeds it.
 */
final class BacklogEstimate {

    private record Reading(long nanos, long consumed) {}

    /** When a partition last moved (its offset changed, or it had nothing to read), and its offset then. */
    private record Moved(long nanos, long committed) {}

    private final AdmissionSettings settings;
    private final Map<String, Deque<Reading>> history = new HashMap<>();
    private final Map<String, Map<String, Moved>> moved = new HashMap<>();

    BacklogEstimate(AdmissionSettings settings) {
        this.settings = settings;
    }

    /** Takes a reading of every watched group and returns the conclusion. */
    AdmissionState update(long nanos, List<GroupProgress> groups) {
        List<AdmissionState.GroupWait> waits = new ArrayList<>();
        boolean measured = !groups.isEmpty();
        double total = 0;
        for (GroupProgress group : groups) {
            Deque<Reading> readings = history.computeIfAbsent(group.group(), g -> new ArrayDeque<>());
            remember(readings, new Reading(nanos, group.consumed()));
            Map<String, Moved> partitionsMoved = moved.computeIfAbsent(group.group(), g -> new HashMap<>());
            long movingLag = 0;
            int standingStill = 0;
            for (Map.Entry<String, GroupProgress.Position> partition :
                    group.partitions().entrySet()) {
                GroupProgress.Position position = partition.getValue();
                Moved last = partitionsMoved.get(partition.getKey());
                if (last == null || last.committed() != position.committed() || position.lag() == 0) {
                    partitionsMoved.put(partition.getKey(), new Moved(nanos, position.committed()));
                    movingLag += position.lag();
                } else if (nanos - last.nanos() < settings.rateWindow().toNanos()) {
                    movingLag += position.lag();
                } else {
                    standingStill++;
                }
            }
            Reading oldest = readings.peekFirst();
            double span = (nanos - oldest.nanos()) / 1e9;
            if (span < settings.checkInterval().toNanos() / 1e9 / 2) {
                measured = false;
                continue;
            }
            double perSecond = (group.consumed() - oldest.consumed()) / span;
            if (perSecond <= 0) {
                // Nothing moved in the whole window: an outage, not an overload (see above).
                waits.add(new AdmissionState.GroupWait(group.group(), movingLag, 0, 0, standingStill));
                continue;
            }
            double wait = movingLag < settings.minBacklog() ? 0 : movingLag / perSecond;
            waits.add(new AdmissionState.GroupWait(group.group(), movingLag, perSecond, wait, standingStill));
            total += wait;
        }
        double maxWait = settings.maxWait().toNanos() / 1e9;
        if (!measured) {
            return new AdmissionState(false, false, 0, maxWait, List.copyOf(waits));
        }
        return new AdmissionState(true, total > maxWait, total, maxWait, List.copyOf(waits));
    }

    /** Forgets every reading: the next ones start a new measurement (after the groups could not be read). */
    void reset() {
        history.clear();
        moved.clear();
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
