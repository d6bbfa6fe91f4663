package io.orderplatform.saga.adapter.streams;

import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.saga.domain.StepRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The deadlines of every command waiting for a reply of one task, keyed so that keys sort by time
 * ({@code <epoch millis, 13 digits>|<order id>|<command id>}).
 *
 * <p>The store is the durable copy (changelogged, restored after a failover); the checks read a copy
 * of its keys kept in memory, loaded once when the task starts. Reading the store itself was the
 * saga's bottleneck: a deadline is deleted as soon as its reply comes, so the front of the key range
 * is a long run of deletion markers until RocksDB compacts them, and every check, five times a second,
 * had to step over all of them to find the first live key (at 80 orders/s the saga spent most of its
 * time there and fell minutes behind). Only the waiting commands are in memory, a few per running
 * saga.
 */
final class DeadlineIndex {

    /** A deadline of one command of one saga. */
    record Due(String orderId, String commandId) {}

    private final KeyValueStore<String, String> store;
    private final NavigableSet<String> keys = new TreeSet<>();

    /** Loads the keys of the task's store (restored by then): the one scan of the store. */
    DeadlineIndex(KeyValueStore<String, String> store) {
        this.store = store;
        try (KeyValueIterator<String, String> entries = store.all()) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
    }

    /** Brings the index in line with a saga's change: its old deadlines out, its new ones in. */
    void update(SagaState before, SagaState after) {
        Set<String> old = keys(before);
        Set<String> current = keys(after);
        for (String key : old) {
            if (!current.contains(key)) {
                store.delete(key);
                keys.remove(key);
            }
        }
        for (String key : current) {
            if (!old.contains(key)) {
                store.put(key, "");
                keys.add(key);
            }
        }
    }

    /** Whether no command waits for a reply. */
    boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * The earliest {@code limit} deadlines at or before {@code now}, earliest first; none before the
     * epoch (a task that has processed nothing yet has no stream time).
     */
    List<Due> dueAt(Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        if (now.toEpochMilli() < 0) {
            return due;
        }
        for (String key : keys.headSet(key(now.toEpochMilli(), "~", "~"), true)) {
            if (due.size() == limit) {
                break;
            }
            String[] parts = key.split("\\|", 3);
            due.add(new Due(parts[1], parts[2]));
        }
        return due;
    }

    private static Set<String> keys(SagaState saga) {
        Set<String> keys = new HashSet<>();
        if (saga != null) {
            for (StepRun run : saga.waiting()) {
                keys.add(key(run.deadline().toEpochMilli(), saga.orderId(), run.commandId()));
            }
        }
        return keys;
    }

    private static String key(long epochMillis, String orderId, String commandId) {
        return String.format("%013d|%s|%s", epochMillis, orderId, commandId);
    }
}
