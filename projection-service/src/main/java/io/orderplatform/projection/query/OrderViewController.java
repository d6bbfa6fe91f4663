package io.orderplatform.projection.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.projection.streams.ProjectionTopology;
import io.orderplatform.projection.view.HistoryEntry;
import io.orderplatform.projection.view.OrderHistory;
import io.orderplatform.projection.view.OrderView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final ViewReader reader;
    private final ViewScanner scanner;

    public OrderViewController(ViewReader reader, ViewScanner scanner) {
        this.reader = reader;
        this.scanner = scanner;
    }

    /**
     * An order. With {@code minVersion} (the version a command answered with), waits up to
     * {@code waitMs} for the view to reach it: read-your-writes.
     */
    @GetMapping(path = "/orders/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> order(
            @PathVariable String orderId,
            @RequestParam(required = false) String minVersion,
            @RequestParam(required = false) String waitMs,
            @RequestHeader(name = PeerClient.FORWARDED, required = false) String forwarded,
            HttpServletRequest request) {
        ViewReader.Query query = new ViewReader.Query(
                ProjectionTopology.ORDERS,
                orderId,
                view -> ((OrderView) view).version(),
                QueryParameters.minVersion(minVersion),
                QueryParameters.waitMs(waitMs),
                pathAndQuery(request),
                forwarded != null);
        return reader.find(query)
                .<ResponseEntity<?>>map(answer -> ViewResponses.view(answer, true))
                .orElseGet(() -> ViewResponses.notFound("No order " + orderId));
    }

    /** An order's audit log: its events and the saga's commands and replies, in time order. */
    @GetMapping(path = "/orders/{orderId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> history(
            @PathVariable String orderId,
            @RequestHeader(name = PeerClient.FORWARDED, required = false) String forwarded,
            HttpServletRequest request) {
        ViewReader.Query query = new ViewReader.Query(
                ProjectionTopology.ORDER_HISTORY,
                orderId,
                view -> ((OrderHistory) view).version(),
                0,
                QueryParameters.waitMs("0"),
                pathAndQuery(request),
                forwarded != null,
                OrderViewController::historyIn);
        return reader.find(query)
                .<ResponseEntity<?>>map(answer -> ViewResponses.view(answer, true))
                .orElseGet(() -> ViewResponses.notFound("No order " + orderId));
    }

    /** Orders in order id order, optionally of one customer and in one status, a page at a time. */
    @GetMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> orders(
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String pageToken) {
        Map<String, String> filters = ViewFilters.orders(customerId, status);
        int pageSize = QueryParameters.limit(limit);
        ScanRequest scan = new ScanRequest(
                ProjectionTopology.ORDERS,
                QueryParameters.pageAfter(pageToken),
                null,
                pageSize,
                filters,
                ViewFilters.of(ProjectionTopology.ORDERS, filters),
                ScanRequest.ONE_PER_KEY);
        return page(scanner.scan(scan), pageSize);
    }

    /** The audit log of an order from its entries in one partition's store; null if it has none. */
    static Object historyIn(ReadOnlyKeyValueStore<String, Object> store, String orderId) {
        List<HistoryEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, Object> range =
                store.range(OrderHistory.prefix(orderId), OrderHistory.lastKey(orderId))) {
            range.forEachRemaining(entry -> entries.add((HistoryEntry) entry.value));
        }
        return entries.isEmpty() ? null : new OrderHistory(orderId, entries);
    }

    /** A page of a scan: {@code {"items": [...], "nextPageToken": "..."|null}}. */
    static ResponseEntity<byte[]> page(ViewScanner.Found found, int pageSize) {
        List<JsonNode> items = new ArrayList<>();
        String lastKey = null;
        for (Map.Entry<String, JsonNode> view :
                found.views().subList(0, Math.min(pageSize, found.views().size()))) {
            items.add(view.getValue());
            lastKey = view.getKey();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextPageToken", found.views().size() > pageSize ? QueryParameters.pageToken(lastKey) : null);
        return ViewResponses.json(body, found.lag());
    }

    static String pathAndQuery(HttpServletRequest request) {
        return request.getQueryString() == null
                ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
    }
}
