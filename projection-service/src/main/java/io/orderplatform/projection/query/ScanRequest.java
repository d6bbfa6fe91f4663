package io.orderplatform.projection.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

/**
 * A scan of a store in key order, through every partition.
 *
 * @param store the store
 * @param after only keys after this one; null from the first
 * @param until only keys up to this one, inclusive; null to the last
 * @param limit at most this many views (the scan reads one more, to know whether there are more)
 * @param filters the query's filters, by parameter name, forwarded to the instances that scan
 * @param filter the same filters as a test of a view
 * @param combine how two partitions' views under one key add up (views keyed by partition never meet)
 */
public record ScanRequest(
        String store,
        String after,
        String until,
        int limit,
        Map<String, String> filters,
        Predicate<Object> filter,
        BinaryOperator<JsonNode> combine) {

    /** Keeps the first; for views that live in one partition only. */
    public static final BinaryOperator<JsonNode> ONE_PER_KEY = (first, second) -> first;
}
