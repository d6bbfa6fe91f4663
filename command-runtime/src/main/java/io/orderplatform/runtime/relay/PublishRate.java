package io.orderplatform.runtime.relay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Events the relay published per second over the last {@link #WINDOW}, counted from the batches Kafka
 * committed: what {@code GET /admin/relay} reports and estimates the end of a republish from. A
 * window of seconds rather than the last batch, whose rate jumps with its size and the commit's
 * latency.
 *
 * <p>When the relay has been publishing for less than the window (a republish just started), the
 * events are divided by the time since its first batch in the window, at least {@link #MIN_SPAN}, so
 * that the rate is right within a second instead of climbing for the whole window.
 */
final class PublishRate implements RelayBatchListener {

    static final Duration WINDOW = Duration.ofSeconds(5);
    static final Duration MIN_SPAN = Duration.ofSeconds(1);

    private final LongSupplier nanoTime;
    private final Deque<long[]> batches = new ArrayDeque<>();
    private long inWindow;

    PublishRate(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void committedToKafka(int records) {
        long now = nanoTime.getAsLong();
        batches.addLast(new long[] {now, records});
        inWindow += records;
        forgetBefore(now - WINDOW.toNanos());
    }

    /** Events per second published within the last {@link #WINDOW}. */
    synchronized double perSecond() {
        long now = nanoTime.getAsLong();
        forgetBefore(now - WINDOW.toNanos());
        if (batches.isEmpty()) {
            return 0;
        }
        long span = Math.max(MIN_SPAN.toNanos(), now - batches.peekFirst()[0]);
        return inWindow / (span / 1e9);
    }

    private void forgetBefore(long oldest) {
        while (!batches.isEmpty() && batches.peekFirst()[0] <= oldest) {
            inWindow -= batches.removeFirst()[1];
        }
    }
}
