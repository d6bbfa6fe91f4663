package io.orderplatform.http.problem;

import java.net.URI;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
 * Answers Spring MVC's own refusals (malformed body, wrong media type or method, unknown path) and
 * anything a service did not handle itself with {@code application/problem+json}. Runs last: a
 * service's own handlers decide first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class FrameworkProblemHandlers extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameworkProblemHandlers.class);

    /** A multipart body the container cannot parse (no boundary, truncated): the request is malformed. */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        return Problems.response(Problems.problem(
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "The request body is not readable",
                "Malformed multipart body; the API takes application/json."));
    }

    /**
     * A query parameter Tomcat cannot decode (an escape that is not UTF-8, such as {@code %C0%AF}),
     * met when a handler first reads the parameters.
     */
    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException e) {
        return Problems.response(Problems.problem(
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "Bad Request",
                "A query parameter is not valid UTF-8 once decoded."));
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
