package io.orderplatform.streams.query;

import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Calls into a {@code KafkaStreams} that may be stopping or rebalancing under the caller: what it
 * throws then ({@link InvalidStateStoreException}, or {@link IllegalStateException} "KafkaStreams is not
 * running") means "this copy cannot be read now", which a query retries or answers with a {@code 503},
 * never with a {@code 500}.
 */
final class StreamsCalls {

    private StreamsCalls() {}

    static <T> T guarded(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new QueryUnavailableException(what + ": " + e.getMessage());
        }
    }
}
