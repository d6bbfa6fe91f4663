package io.orderplatform.projection.query;

import io.orderplatform.streams.query.ScanQuery;
import io.orderplatform.streams.store.ViewStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Scans of the views, written so that another instance asked for some partitions of the same scan
 * ({@code GET /internal/views/{store}}) applies exactly the same bounds and filters.
 */
final class Scans {

    private Scans() {}

    /**
     * @param filters the query's filters by parameter name, forwarded as they are
     * @param filter the same filters as a test of a view
     */
    static <V> ScanQuery<V> of(
            ViewStore<String, V> store,
            String after,
            String until,
            int limit,
            Map<String, String> filters,
            Predicate<Object> filter,
            BinaryOperator<com.fasterxml.jackson.databind.JsonNode> combine) {
        return new ScanQuery<>(store, after, until, limit, filter::test, combine, partitions -> {
            StringBuilder path = new StringBuilder("/internal/views/")
                    .append(store.name())
                    .append("?partitions=")
                    .append(partitions.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .append("&limit=")
                    .append(limit);
            append(path, "after", after);
            append(path, "until", until);
            filters.forEach((name, value) -> append(path, name, value));
            return path.toString();
        });
    }

    private static void append(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
