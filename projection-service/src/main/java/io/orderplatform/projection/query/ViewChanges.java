package io.orderplatform.projection.query;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes readers waiting for a view to reach a version ({@code ?minVersion=}) when any view changes on
 * this instance; they then look again. Costs nothing while nobody waits.
 */
public final class ViewChanges {

    private final Object monitor = new Object();
    private final AtomicInteger waiting = new AtomicInteger();

    public void changed() {
        if (waiting.get() > 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /**
     * Waits until some view changes or {@code maxMillis} pass. A reader also looks again after a
     * short while on its own: a standby copy changes without telling.
     */
    void await(long maxMillis) throws InterruptedException {
        if (maxMillis <= 0) {
            return;
        }
        waiting.incrementAndGet();
        try {
            synchronized (monitor) {
                monitor.wait(Math.min(maxMillis, 20));
            }
        } finally {
            waiting.decrementAndGet();
        }
    }
}
