package io.orderplatform.runtime.http;

import io.orderplatform.http.problem.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the refusals every command service shares as RFC 9457 problems: field errors, bodies over
 * the limit, a reused Idempotency-Key, an unknown aggregate, a concurrent change. Decides before the
 * framework's handlers (see {@code FrameworkProblemHandlers}), after a service's own.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class CommandProblemHandlers {

    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        ProblemDetail problem = Problems.problem(
                HttpStatus.BAD_REQUEST,
                "validation",
                "The request is invalid",
                "Some fields break the input rules; see errors.");
        problem.setProperty("errors", e.errors());
        return Problems.response(problem);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    public ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return Problems.response(Problems.problem(
                HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body is too large", e.getMessage()));
    }

    /** A body cut off by the size limit while being read reaches here wrapped: still a 413. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        return Problems.response(Problems.problem(
                HttpStatus.BAD_REQUEST, "malformed-request", "The request body is not readable", "Malformed JSON."));
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    public ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReusedException e) {
        return Problems.response(Problems.problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "idempotency-key-reused",
                "Idempotency-Key reused with a different request",
                e.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return Problems.response(Problems.problem(
                HttpStatus.NOT_FOUND,
                "not-found",
                "No such resource",
                "No resource with id " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return Problems.response(Problems.problem(
                HttpStatus.CONFLICT,
                "concurrent-modification",
                "Changed concurrently",
                "Another request changed the resource at the same time; retry."));
    }
}
