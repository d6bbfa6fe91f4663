package io.orderplatform.runtime.seats;

import io.orderplatform.runtime.relay.RelayBatchListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the relay after Kafka committed a batch and before its position is stored, for as long as a
 * test keeps it closed (30 s at most): a republish then stays under way for certain. Open unless a
 * test closes it.
 */
final class RelayGate implements RelayBatchListener {

    private volatile CountDownLatch closed;

    void close() {
        closed = new CountDownLatch(1);
    }

    void open() {
        CountDownLatch latch = closed;
        closed = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public void committedToKafka(int records) {
        CountDownLatch latch = closed;
        if (latch != null) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
