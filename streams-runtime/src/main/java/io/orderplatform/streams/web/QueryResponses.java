package io.orderplatform.streams.web;

import io.orderplatform.http.problem.Problems;
import io.orderplatform.streams.query.MisdirectedQueryException;
import io.orderplatform.streams.query.QueryHeaders;
import io.orderplatform.streams.query.QueryUnavailableException;
import io.orderplatform.streams.query.ViewAnswer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How a Streams service answers queries over HTTP: a view as JSON with its version ({@code ETag}) and
 * staleness ({@value QueryHeaders#VIEW_LAG}); a query no copy can answer now as {@code 503} with {@code
 * Retry-After}; a misdirected forwarded query as {@code 421}. Registered by each Streams service.
 */
@RestControllerAdvice
public class QueryResponses {

    /** A found view, or a {@code 404} problem saying {@code missing}. */
    public static CompletableFuture<ResponseEntity<?>> viewOrNotFound(
            CompletableFuture<Optional<ViewAnswer>> answer, boolean withETag, Supplier<String> missing) {
        return answer.thenApply(found ->
                found.<ResponseEntity<?>>map(view -> view(view, withETag)).orElseGet(() -> notFound(missing.get())));
    }

    public static ResponseEntity<byte[]> view(ViewAnswer answer, boolean withETag) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (withETag) {
            response.eTag("\"" + answer.version() + "\"");
        }
        if (answer.lag() != null) {
            response.header(QueryHeaders.VIEW_LAG, String.valueOf(answer.lag()));
        }
        return response.body(answer.json());
    }

    /** A JSON body gathered from copies of which the stalest may be {@code lag} records behind. */
    public static ResponseEntity<byte[]> json(byte[] body, Long lag) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (lag != null) {
            response.header(QueryHeaders.VIEW_LAG, String.valueOf(lag));
        }
        return response.body(body);
    }

    public static ResponseEntity<ProblemDetail> notFound(String what) {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", what));
    }

    @ExceptionHandler(QueryUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(QueryUnavailableException e) {
        return unavailable(
                e instanceof QueryUnavailableException.Behind ? "view-behind" : "view-unavailable",
                e.getMessage(),
                e.retryAfterSeconds());
    }

    /**
     * Kafka Streams changed state under a query (a rebalance, a stop, a rebuild starting): the query
     * may be asked again in a moment.
     */
    @ExceptionHandler({StreamsException.class, InvalidStateStoreException.class})
    ResponseEntity<ProblemDetail> streamsMoved(RuntimeException e) {
        return unavailable("view-unavailable", "the views are moving: " + e.getMessage(), 1);
    }

    @ExceptionHandler(MisdirectedQueryException.class)
    ResponseEntity<ProblemDetail> misdirected(MisdirectedQueryException e) {
        return Problems.response(
                Problems.problem(HttpStatus.MISDIRECTED_REQUEST, "misdirected", "Misdirected Request", e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> unavailable(String slug, String detail, int retryAfterSeconds) {
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, slug, "Service Unavailable", detail);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
