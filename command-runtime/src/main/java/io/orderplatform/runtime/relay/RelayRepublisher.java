package io.orderplatform.runtime.relay;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Republishes the whole event store to the relay's topic: stops the relay, moves its position back to
 * the tail of the store and starts it again (Axon's token reset), so that it publishes every event
 * once more, in store order, then goes on with new events. For a topic that lost its records or a new
 * Kafka cluster.
 *
 * <p>Harmless to consumers, which deduplicate on ({@code ce_subject}, {@code ce_sequence}): each sees
 * every event it already has once more, in the same order per aggregate, and drops it. The same
 * guarantees hold as for any relay batch: nothing skipped, order per aggregate kept, a batch may be
 * sent twice after a crash. A republish survives a restart of the service: the reset position is
 * stored with the relay's token.
 *
 * <p>One at a time: a republish is under way until the relay's position has reached the store's
 * newest event at the moment it was asked; asking again meanwhile is refused.
 */
public class RelayRepublisher {

    private final Supplier<StreamingEventProcessor> relay;
    private final RelayLag lag;
    private final PublishRate rate;
    private final AtomicBoolean resetting = new AtomicBoolean();
    /** The store's newest global index when the running republish was asked for; -1 if none runs. */
    private final AtomicLong until = new AtomicLong(-1);

    RelayRepublisher(Supplier<StreamingEventProcessor> relay, RelayLag lag, PublishRate rate) {
        this.relay = relay;
        this.lag = lag;
        this.rate = rate;
    }

    /**
     * Starts a republish and returns the relay's status right after.
     *
     * @throws RepublishRefusedException if one is under way, or another instance holds the relay
     */
    public RelayStatus republish() {
        if (!resetting.compareAndSet(false, true)) {
            throw RepublishRefusedException.running("a republish is being started");
        }
        try {
            if (republishing()) {
                throw RepublishRefusedException.running(
                        "the relay has not yet republished up to global index " + until.get());
            }
            long head = lag.head();
            StreamingEventProcessor processor = relay.get();
            processor.shutDown();
            try {
                processor.resetTokens(StreamableMessageSource::createTailToken);
                until.set(head);
            } catch (UnableToClaimTokenException e) {
                throw RepublishRefusedException.elsewhere(e.getMessage());
            } finally {
                processor.start();
            }
            return status();
        } finally {
            resetting.set(false);
        }
    }

    public RelayStatus status() {
        boolean republishing = resetting.get() || republishing();
        return RelayStatus.of(lag.position(), lag.head(), republishing, rate.perSecond());
    }

    /**
     * Whether the relay has yet to pass the index it republishes up to. That index is read before the
     * position, so that a position read before a reset is never taken for one after it. After a
     * restart only the relay's token knows of the republish: Axon reports it replaying up to the
     * position it was reset from (and still replaying once there, until a newer event comes).
     */
    private boolean republishing() {
        long target = until.get();
        if (target >= 0 && lag.position() >= target) {
            until.compareAndSet(target, -1);
            target = -1;
        }
        return target >= 0 || relay.get().processingStatus().values().stream().anyMatch(RelayRepublisher::replayBehind);
    }

    private static boolean replayBehind(EventTrackerStatus segment) {
        return segment.isReplaying()
                && segment.getCurrentPosition().orElse(-1)
                        < segment.getResetPosition().orElse(-1);
    }
}
