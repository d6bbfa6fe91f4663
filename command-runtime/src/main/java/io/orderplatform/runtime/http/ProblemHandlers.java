package io.orderplatform.runtime.http;

import java.net.URI;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every refused request with {@code application/problem+json} (RFC 9457): the framework's
 * own refusals (malformed JSON, wrong media type, unknown path) and the platform's.
 */
@RestControllerAdvice
public class ProblemHandlers extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);

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

    /** A multipart body the container cannot parse (no boundary, truncated): the request is malformed. */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        return Problems.response(Problems.problem(
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "The request body is not readable",
                "Malformed multipart body; commands take application/json."));
    }

    /** Anything else is the service's fault, never the client's: logged, and answered without internals. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure while handling a request", e);
        return Problems.response(Problems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error", "The request could not be completed."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return new ResponseEntity<>(tooLarge(tooLarge).getBody(), HttpStatus.CONTENT_TOO_LARGE);
            }
        }
        ProblemDetail problem = Problems.problem(
                HttpStatus.BAD_REQUEST, "malformed-request", "The request body is not readable", "Malformed JSON.");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Gives the framework's own problems a platform type instead of {@code about:blank}, and always the
     * problem media type: a client whose Accept header names nothing the service speaks (or is
     * malformed) still learns why it was refused, instead of getting an empty body.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(Problems.TYPE_BASE + "http-" + status.value()));
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, body, problemHeaders, status, request);
    }
}
