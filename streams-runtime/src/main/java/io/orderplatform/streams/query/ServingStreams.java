package io.orderplatform.streams.query;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** The Kafka Streams instances of this process that queries may read. */
public interface ServingStreams {

    /**
     * The instances to read from, the one serving reads first; for a moment after a version switch the
     * previous one too (a reader then gets whichever copy is further on). Empty while none runs here.
     */
    List<KafkaStreams> readable();

    /**
     * Why no query may be answered now (e.g. the views are being rebuilt in place), as a problem the
     * caller gets with its {@code Retry-After}; empty while queries may be answered.
     */
    default Optional<QueryUnavailableException> unavailable() {
        return Optional.empty();
    }

    /** One instance, serving as soon as it is started. */
    static ServingStreams of(java.util.function.Supplier<KafkaStreams> streams) {
        return () -> {
            KafkaStreams current = streams.get();
            return current == null ? List.of() : List.of(current);
        };
    }
}
