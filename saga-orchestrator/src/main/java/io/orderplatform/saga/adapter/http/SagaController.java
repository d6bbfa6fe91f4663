package io.orderplatform.saga.adapter.http;

import io.orderplatform.saga.adapter.streams.SagaStores;
import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.streams.query.KeyQuery;
import io.orderplatform.streams.query.QueryHeaders;
import io.orderplatform.streams.query.StoreRouter;
import io.orderplatform.streams.web.QueryResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /sagas/{orderId}}: where an order's fulfillment is, step by step, read wherever the
 * order's partition lives (the platform's one query router: active copy, owner, standby, 503).
 */
@RestController
public class SagaController {

    private final StoreRouter router;

    public SagaController(StoreRouter router) {
        this.router = router;
    }

    @GetMapping(path = "/sagas/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<?>> saga(
            @PathVariable String orderId,
            @RequestHeader(name = QueryHeaders.FORWARDED, required = false) String forwarded,
            HttpServletRequest request) {
        String pathAndQuery = request.getQueryString() == null
                ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
        KeyQuery<String, SagaState, SagaState> query = KeyQuery.of(
                        SagaStores.SAGAS, orderId, pathAndQuery, forwarded != null)
                .rendered(SagaView::of);
        return QueryResponses.viewOrNotFound(router.get(query), false, () -> "No saga for order " + orderId);
    }
}
