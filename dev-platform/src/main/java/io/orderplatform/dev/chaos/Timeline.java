package io.orderplatform.dev.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request attempt the chaos run's clients made, with when it ended and whether it succeeded: the
 * raw material of the per-fault figures (failed requests, the longest window without a success, the
 * time until full rate).
 */
final class Timeline {

    enum Kind {
        COMMAND,
        READ
    }

    /** One attempt, ended at {@code endNanos} (System.nanoTime()). */
    record Attempt(Kind kind, long endNanos, boolean ok, boolean idempotent) {}

    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

    void record(Kind kind, long endNanos, boolean ok, boolean idempotent) {
        attempts.add(new Attempt(kind, endNanos, ok, idempotent));
    }

    /** The attempts of one kind that ended within [from, to), in the order they ended. */
    List<Attempt> between(Kind kind, long fromNanos, long toNanos) {
        List<Attempt> found = new ArrayList<>();
        for (Attempt attempt : attempts) {
            if (attempt.kind() == kind && attempt.endNanos() >= fromNanos && attempt.endNanos() < toNanos) {
                found.add(attempt);
            }
        }
        found.sort((a, b) -> Long.compare(a.endNanos(), b.endNanos()));
        return found;
    }
}
