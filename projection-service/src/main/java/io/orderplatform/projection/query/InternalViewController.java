package io.orderplatform.projection.query;

import io.orderplatform.projection.streams.ProjectionStores;
import io.orderplatform.streams.query.ScanQuery;
import io.orderplatform.streams.query.StoreRouter;
import io.orderplatform.streams.store.ViewStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What one instance answers another gathering a list: the views of some partitions held here,
 * active or standby, with how far behind a standby copy may be.
 */
@RestController
public class InternalViewController {

    private static final Map<String, ViewStore<String, ?>> SCANNABLE = Map.of(
            ProjectionStores.ORDERS.name(), ProjectionStores.ORDERS,
            ProjectionStores.INVENTORY.name(), ProjectionStores.INVENTORY,
            ProjectionStores.SALES.name(), ProjectionStores.SALES);

    private final StoreRouter router;

    public InternalViewController(StoreRouter router) {
        this.router = router;
    }

    @GetMapping(path = "/internal/views/{store}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> scan(
            @PathVariable String store,
            @RequestParam String partitions,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String until,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) String status) {
        ViewStore<String, ?> scanned = SCANNABLE.get(store);
        if (scanned == null) {
            throw new BadQueryException("store", "no view " + store);
        }
        List<Integer> wanted;
        try {
            wanted = Arrays.stream(partitions.split(",")).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new BadQueryException("partitions", "partitions must be numbers separated by commas");
        }
        if (wanted.stream().anyMatch(partition -> partition < 0 || partition >= scanned.partitions())) {
            throw new BadQueryException("partitions", "partitions must be between 0 and " + (scanned.partitions() - 1));
        }
        Map<String, String> filters =
                scanned == ProjectionStores.ORDERS ? ViewFilters.orders(customerId, status) : new LinkedHashMap<>();
        int pageSize = limit == null ? 100_000 : (int) Math.min(100_000, Math.max(1, parse(limit)));
        ScanQuery<?> scan = Scans.of(
                scanned, after, until, pageSize, filters, ViewFilters.of(store, filters), ScanQuery.ONE_PER_KEY);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(router.scanHere(wanted, scan).toJson());
    }

    private static long parse(String limit) {
        try {
            return Long.parseLong(limit);
        } catch (NumberFormatException e) {
            throw new BadQueryException("limit", "limit must be a whole number");
        }
    }
}
