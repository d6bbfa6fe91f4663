package io.orderplatform.projection.query;

import io.orderplatform.http.problem.Problems;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How the query API answers: views as JSON with their version and staleness, errors as problems. */
@RestControllerAdvice(basePackages = "io.orderplatform.projection")
public class ViewResponses {

    static ResponseEntity<byte[]> view(ViewAnswer answer, boolean withETag) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (withETag) {
            response.eTag("\"" + answer.version() + "\"");
        }
        if (answer.lag() != null) {
            response.header(ViewHeaders.VIEW_LAG, String.valueOf(answer.lag()));
        }
        return response.body(answer.json());
    }

    static ResponseEntity<byte[]> json(Object body, Long lag) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (lag != null) {
            response.header(ViewHeaders.VIEW_LAG, String.valueOf(lag));
        }
        return response.body(ViewReader.json(body));
    }

    static ResponseEntity<ProblemDetail> notFound(String what) {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", what));
    }

    @ExceptionHandler(ViewUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ViewUnavailableException e) {
        return unavailable(
                e instanceof ViewReader.BehindException ? "view-behind" : "view-unavailable",
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

    private static ResponseEntity<ProblemDetail> unavailable(String slug, String detail, int retryAfterSeconds) {
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, slug, "Service Unavailable", detail);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(MisdirectedQueryException.class)
    ResponseEntity<ProblemDetail> misdirected(MisdirectedQueryException e) {
        return Problems.response(
                Problems.problem(HttpStatus.MISDIRECTED_REQUEST, "misdirected", "Misdirected Request", e.getMessage()));
    }

    @ExceptionHandler(BadQueryException.class)
    ResponseEntity<ProblemDetail> badQuery(BadQueryException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "message", e.getMessage())));
        return Problems.response(problem);
    }
}
