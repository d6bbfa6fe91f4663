package io.orderplatform.saga.adapter.streams;

import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.saga.domain.StepRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The deadlines of every command waiting for a reply, in a store keyed so that keys sort by time
 * ({@code <epoch millis, 13 digits>|<order id>|<command id>}): finding the due ones is one range scan
 * from the start, never a scan of all sagas.
 */
final class DeadlineIndex {

    /** A deadline of one command of one saga. */
    record Due(String orderId, String commandId) {}

    private final KeyValueStore<String, String> store;

    DeadlineIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** Brings the index in line with a saga's change: its old deadlines out, its new ones in. */
    void update(SagaState before, SagaState after) {
        Set<String> old = keys(before);
        Set<String> current = keys(after);
        old.stream().filter(key -> !current.contains(key)).forEach(store::delete);
        current.stream().filter(key -> !old.contains(key)).forEach(key -> store.put(key, ""));
    }

    /** Whether no command waits for a reply. */
    boolean isEmpty() {
        try (KeyValueIterator<String, String> entries = store.all()) {
            return !entries.hasNext();
        }
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
        try (KeyValueIterator<String, String> entries =
                store.range(key(0, "", ""), key(now.toEpochMilli(), "~", "~"))) {
            while (entries.hasNext() && due.size() < limit) {
                KeyValue<String, String> entry = entries.next();
                String[] parts = entry.key.split("\\|", 3);
                due.add(new Due(parts[1], parts[2]));
            }
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
