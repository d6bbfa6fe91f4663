package io.orderplatform.projection.query;

import io.orderplatform.projection.streams.ProjectionStores;
import io.orderplatform.projection.view.InventoryView;
import io.orderplatform.streams.query.KeyQuery;
import io.orderplatform.streams.query.QueryHeaders;
import io.orderplatform.streams.query.ScanQuery;
import io.orderplatform.streams.query.StoreRouter;
import io.orderplatform.streams.web.QueryResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The stock views: one product, and all of them a page at a time. */
@RestController
public class InventoryViewController {

    private final StoreRouter router;

    public InventoryViewController(StoreRouter router) {
        this.router = router;
    }

    @GetMapping(path = "/inventory/{sku}", produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<?>> product(
            @PathVariable String sku,
            @RequestParam(required = false) String minVersion,
            @RequestParam(required = false) String waitMs,
            @RequestHeader(name = QueryHeaders.FORWARDED, required = false) String forwarded,
            HttpServletRequest request) {
        KeyQuery<String, InventoryView, InventoryView> query = KeyQuery.of(
                        ProjectionStores.INVENTORY, sku, OrderViewController.pathAndQuery(request), forwarded != null)
                .versioned(InventoryView::version)
                .atLeast(QueryParameters.minVersion(minVersion), QueryParameters.waitMs(waitMs));
        return QueryResponses.viewOrNotFound(router.get(query), true, () -> "No product " + sku);
    }

    @GetMapping(path = "/inventory", produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<byte[]>> products(
            @RequestParam(required = false) String limit, @RequestParam(required = false) String pageToken) {
        int pageSize = QueryParameters.limit(limit);
        ScanQuery<InventoryView> scan = Scans.of(
                ProjectionStores.INVENTORY,
                QueryParameters.pageAfter(pageToken),
                null,
                pageSize,
                Map.of(),
                view -> true,
                ScanQuery.ONE_PER_KEY);
        return router.scan(scan).thenApply(found -> ViewResponses.page(found, pageSize));
    }
}
