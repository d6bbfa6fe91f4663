package io.orderplatform.saga.adapter.http;

import io.orderplatform.http.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sagas/{orderId}}: where an order's fulfillment is, step by step. */
@RestController
public class SagaController {

    private final SagaQueries sagas;

    public SagaController(SagaQueries sagas) {
        this.sagas = sagas;
    }

    @GetMapping(path = "/sagas/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> saga(
            @PathVariable String orderId,
            @RequestHeader(name = SagaQueries.FORWARDED, required = false) String forwarded) {
        return sagas.find(orderId, forwarded != null)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "not-found", "No saga for order " + orderId));
    }

    @ExceptionHandler(SagaQueries.NotReady.class)
    ResponseEntity<ProblemDetail> notReady(SagaQueries.NotReady e) {
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, "not-ready", e.getMessage());
        return ResponseEntity.status(answer.getStatusCode())
                .header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(answer.getBody());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String detail) {
        return Problems.response(Problems.problem(status, slug, status.getReasonPhrase(), detail));
    }
}
