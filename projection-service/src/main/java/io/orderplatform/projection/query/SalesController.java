package io.orderplatform.projection.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderplatform.projection.streams.ProjectionStores;
import io.orderplatform.projection.view.SalesBucket;
import io.orderplatform.streams.query.ScanQuery;
import io.orderplatform.streams.query.StoreRouter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Confirmed units and revenue per SKU per hour. Every partition of the orders holds the sales of its
 * orders, so the hours are gathered from all of them and added up.
 */
@RestController
public class SalesController {

    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final Duration MAX_RANGE = Duration.ofDays(366);
    private static final int MAX_BUCKETS = 100_000;

    private final StoreRouter router;
    private final Clock clock;

    public SalesController(StoreRouter router, Clock clock) {
        this.router = router;
        this.clock = clock;
    }

    /** The hours that start in [{@code from} truncated to its hour, {@code to}); the last 24 hours by default. */
    @GetMapping(path = "/sales", produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<byte[]>> sales(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant until = QueryParameters.instant("to", to, clock.instant());
        Instant since = QueryParameters.instant("from", from, until.minus(DEFAULT_RANGE));
        if (!since.isBefore(until)) {
            throw new BadQueryException("from", "from must be before to");
        }
        if (Duration.between(since, until).compareTo(MAX_RANGE) > 0) {
            throw new BadQueryException("to", "at most " + MAX_RANGE.toDays() + " days at a time");
        }
        Instant firstHour = SalesBucket.hourOf(since);
        Instant lastHour = SalesBucket.hourOf(until.minusNanos(1));
        ScanQuery<SalesBucket> scan = Scans.of(
                ProjectionStores.SALES,
                firstHour.toString(),
                lastHour + "|\uffff",
                MAX_BUCKETS,
                Map.of(),
                bucket -> true,
                SalesController::add);
        return router.scan(scan).thenApply(found -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", firstHour);
            body.put("to", until);
            List<JsonNode> hours =
                    found.views().stream().map(Map.Entry::getValue).toList();
            body.put("sales", hours);
            return ViewResponses.json(body, found.lag());
        });
    }

    /** One hour's sales of a SKU from two partitions, added up. */
    static JsonNode add(JsonNode first, JsonNode second) {
        ObjectNode sum = first.deepCopy();
        sum.put("units", first.get("units").asLong() + second.get("units").asLong());
        sum.put(
                "revenue",
                new BigDecimal(first.get("revenue").asText())
                        .add(new BigDecimal(second.get("revenue").asText()))
                        .toPlainString());
        return sum;
    }
}
