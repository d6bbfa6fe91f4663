package io.orderplatform.projection.query;

import io.orderplatform.projection.streams.ProjectionStores;
import io.orderplatform.projection.view.HistoryEntry;
import io.orderplatform.projection.view.OrderHistory;
import io.orderplatform.projection.view.OrderView;
import io.orderplatform.streams.query.KeyQuery;
import io.orderplatform.streams.query.QueryHeaders;
import io.orderplatform.streams.query.ScanQuery;
import io.orderplatform.streams.query.StoreRouter;
import io.orderplatform.streams.web.QueryResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The order views: one order, its audit log, and lists by customer and status. */
@RestController
public class OrderViewController {

    private final StoreRouter router;

    public OrderViewController(StoreRouter router) {
        this.router = router;
    }

    /**
     * An order. With {@code minVersion} (the version a command answered with), waits up to
     * {@code waitMs} for the view to reach it: read-your-writes.
     */
    @GetMapping(path = "/orders/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<?>> order(
            @PathVariable String orderId,
            @RequestParam(required = false) String minVersion,
            @RequestParam(required = false) String waitMs,
            @RequestHeader(name = QueryHeaders.FORWARDED, required = false) String forwarded,
            HttpServletRequest request) {
        KeyQuery<String, OrderView, OrderView> query = KeyQuery.of(
                        ProjectionStores.ORDERS, orderId, pathAndQuery(request), forwarded != null)
                .versioned(OrderView::version)
                .atLeast(QueryParameters.minVersion(minVersion), QueryParameters.waitMs(waitMs));
        return QueryResponses.viewOrNotFound(router.get(query), true, () -> "No order " + orderId);
    }

    /** An order's audit log: its events and the saga's commands and replies, in time order. */
    @GetMapping(path = "/orders/{orderId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<?>> history(
            @PathVariable String orderId,
            @RequestHeader(name = QueryHeaders.FORWARDED, required = false) String forwarded,
            HttpServletRequest request) {
        KeyQuery<String, HistoryEntry, OrderHistory> query = KeyQuery.of(
                        ProjectionStores.ORDER_HISTORY, orderId, pathAndQuery(request), forwarded != null)
                .lookingUp(OrderViewController::historyIn, OrderHistory::version);
        return QueryResponses.viewOrNotFound(router.get(query), true, () -> "No order " + orderId);
    }

    /** Orders in order id order, optionally of one customer and in one status, a page at a time. */
    @GetMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<byte[]>> orders(
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String pageToken) {
        Map<String, String> filters = ViewFilters.orders(customerId, status);
        int pageSize = QueryParameters.limit(limit);
        ScanQuery<OrderView> scan = Scans.of(
                ProjectionStores.ORDERS,
                QueryParameters.pageAfter(pageToken),
                null,
                pageSize,
                filters,
                ViewFilters.of(ProjectionStores.ORDERS.name(), filters),
                ScanQuery.ONE_PER_KEY);
        return router.scan(scan).thenApply(found -> ViewResponses.page(found, pageSize));
    }

    /** The audit log of an order from its entries in one partition's store; null if it has none. */
    static OrderHistory historyIn(ReadOnlyKeyValueStore<String, HistoryEntry> store, String orderId) {
        List<HistoryEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, HistoryEntry> range =
                store.range(OrderHistory.prefix(orderId), OrderHistory.lastKey(orderId))) {
            range.forEachRemaining(entry -> entries.add(entry.value));
        }
        return entries.isEmpty() ? null : new OrderHistory(orderId, entries);
    }

    static String pathAndQuery(HttpServletRequest request) {
        return request.getQueryString() == null
                ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
    }
}
