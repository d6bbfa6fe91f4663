package io.orderplatform.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.streams.store.ViewStore;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A scan of a store in key order, through every partition.
 *
 * @param store the store
 * @param after only keys after this one; null from the first
 * @param until only keys up to this one, inclusive; null to the last
 * @param limit at most this many views (the scan reads one more, to know whether there are more)
 * @param filter the views to keep
 * @param combine how two partitions' views under one key add up (views keyed by partition never meet)
 * @param peerPath the path and query asking another instance for the same scan of some partitions
 * @param <V> value type of the store
 */
public record ScanQuery<V>(
        ViewStore<String, V> store,
        String after,
        String until,
        int limit,
        Predicate<V> filter,
        BinaryOperator<JsonNode> combine,
        Function<List<Integer>, String> peerPath) {

    /** Keeps the first; for views that live in one partition only. */
    public static final BinaryOperator<JsonNode> ONE_PER_KEY = (first, second) -> first;
}
