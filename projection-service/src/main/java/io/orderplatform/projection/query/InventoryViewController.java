package io.orderplatform.projection.query;

import io.orderplatform.projection.streams.ProjectionTopology;
import io.orderplatform.projection.view.InventoryView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
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

    private final ViewReader reader;
    private final ViewScanner scanner;

    public InventoryViewController(ViewReader reader, ViewScanner scanner) {
        this.reader = reader;
        this.scanner = scanner;
    }

    @GetMapping(path = "/inventory/{sku}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> product(
            @PathVariable String sku,
            @RequestParam(required = false) String minVersion,
            @RequestParam(required = false) String waitMs,
            @RequestHeader(name = PeerClient.FORWARDED, required = false) String forwarded,
            HttpServletRequest request) {
        ViewReader.Query query = new ViewReader.Query(
                ProjectionTopology.INVENTORY,
                sku,
                view -> ((InventoryView) view).version(),
                QueryParameters.minVersion(minVersion),
                QueryParameters.waitMs(waitMs),
                OrderViewController.pathAndQuery(request),
                forwarded != null);
        return reader.find(query)
                .<ResponseEntity<?>>map(answer -> ViewResponses.view(answer, true))
                .orElseGet(() -> ViewResponses.notFound("No product " + sku));
    }

    @GetMapping(path = "/inventory", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> products(
            @RequestParam(required = false) String limit, @RequestParam(required = false) String pageToken) {
        int pageSize = QueryParameters.limit(limit);
        ScanRequest scan = new ScanRequest(
                ProjectionTopology.INVENTORY,
                QueryParameters.pageAfter(pageToken),
                null,
                pageSize,
                Map.of(),
                view -> true,
                ScanRequest.ONE_PER_KEY);
        return OrderViewController.page(scanner.scan(scan), pageSize);
    }
}
