package io.orderplatform.streams.query;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the queries waiting for a view to reach a version ({@code ?minVersion=}) when any view changes
 * on this instance; they then look again. Costs nothing while nobody waits. A waiting query also looks
 * again after {@link #RECHECK} on its own: a standby copy changes without telling.
 */
public final class ChangeSignal {

    static final Duration RECHECK = Duration.ofMillis(20);

    private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();

    /** Some view changed here. */
    public void changed() {
        CompletableFuture<Void> next;
        while ((next = waiting.poll()) != null) {
            next.complete(null);
        }
    }

    /** Completes at the next change, or after at most {@code max} (and {@link #RECHECK}). */
    CompletableFuture<Void> next(Duration max, ScheduledExecutorService timer) {
        CompletableFuture<Void> next = new CompletableFuture<>();
        waiting.add(next);
        long millis = Math.max(1, Math.min(max.toMillis(), RECHECK.toMillis()));
        timer.schedule(
                () -> {
                    waiting.remove(next);
                    next.complete(null);
                },
                millis,
                TimeUnit.MILLISECONDS);
        return next;
    }
}
