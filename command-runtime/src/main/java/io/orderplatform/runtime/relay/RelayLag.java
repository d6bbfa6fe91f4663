package io.orderplatform.runtime.relay;

import java.util.function.Supplier;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * How far the relay is behind the event store: the store's newest global index minus the relay's
 * position. Gaps of transactions still in flight count as lag until they commit.
 */
public class RelayLag {

    private final EventStore eventStore;
    private final Supplier<StreamingEventProcessor> relay;

    RelayLag(EventStore eventStore, Supplier<StreamingEventProcessor> relay) {
        this.eventStore = eventStore;
        this.relay = relay;
    }

    /** Events not yet published; 0 when the relay has published everything committed. */
    public long events() {
        return Math.max(0, head() - position());
    }

    /** The global index of the store's newest event; -1 for an empty store. */
    public long head() {
        return position(eventStore.createHeadToken());
    }

    /**
     * The global index up to which the relay has published (the lowest of its segments); -1 before
     * its first event, and while no segment is being processed here (just started, or stopped).
     */
    public long position() {
        return relay.get().processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .mapToLong(RelayLag::position)
                .min()
                .orElse(-1);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
