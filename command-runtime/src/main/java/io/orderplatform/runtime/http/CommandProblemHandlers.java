package io.orderplatform.runtime.http;

import io.orderplatform.http.problem.Problems;
import io.orderplatform.runtime.admission.AdmissionRefusedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the refusals every command service shares as RFC 9457 problems: field errors, bodies over
 * the limit, a reused Idempotency-Key, an unknown aggregate, a concurrent change, the database out of
 * reach, new work refused while the platform is behind. Decides before the framework's handlers (see {@code FrameworkProblemHandlers}), after a
 * service's own.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class CommandProblemHandlers {

    /** What a client is told to wait before trying again while the database cannot be reached. */
    static final String RETRY_AFTER_SECONDS = "1";

    /** How often, at most, the database being out of reach is logged (every request is answered 503). */
    static final Duration UNAVAILABLE_WARNING_EVERY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(CommandProblemHandlers.class);

    private final LongSupplier nanoTime;
    private final AtomicLong lastUnavailableWarning = new AtomicLong();
    private final AtomicLong unavailableSinceWarning = new AtomicLong();

    public CommandProblemHandlers() {
        this(System::nanoTime);
    }

    CommandProblemHandlers(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        lastUnavailableWarning.set(nanoTime.getAsLong() - UNAVAILABLE_WARNING_EVERY.toNanos() - 1);
    }

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

    /** A change that met newer versions on every attempt {@link IdempotentCommands} made. */
    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return Problems.response(Problems.problem(
                HttpStatus.CONFLICT,
                "concurrent-modification",
                "Changed concurrently",
                "Another request changed the resource at the same time; retry."));
    }

    /**
     * The database cannot be reached: a command translated by {@link IdempotentCommands}, or any other
     * request that needed a connection (these types are matched anywhere in the cause chain). Answered
     * within the pool's connection timeout, not logged per request: a warning at most every {@link
     * #UNAVAILABLE_WARNING_EVERY}, saying how many were answered so.
     */
    @ExceptionHandler({
        DatabaseUnavailableException.class,
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        SQLTransientConnectionException.class,
        SQLNonTransientConnectionException.class
    })
    public ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        warnUnavailable(e);
        ProblemDetail problem = Problems.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "database-unavailable",
                "The database cannot be reached",
                "The service cannot reach its database right now. Retry shortly: a command repeated with its"
                        + " Idempotency-Key takes effect at most once.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(AdmissionRefusedException.class)
    public ResponseEntity<ProblemDetail> admissionRefused(AdmissionRefusedException e) {
        ProblemDetail problem = Problems.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "overloaded",
                "The platform is behind",
                "New orders are refused until the platform has caught up with the ones it accepted. Retry after"
                        + " the time given: nothing was stored, and a command repeated with its Idempotency-Key"
                        + " takes effect at most once.");
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private void warnUnavailable(Exception e) {
        long answered = unavailableSinceWarning.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastUnavailableWarning.get();
        if (now - last > UNAVAILABLE_WARNING_EVERY.toNanos() && lastUnavailableWarning.compareAndSet(last, now)) {
            unavailableSinceWarning.addAndGet(-answered);
            log.warn(
                    "the database cannot be reached: {} request(s) answered 503 since the last warning (at most one"
                            + " every {} s); {}",
                    answered,
                    UNAVAILABLE_WARNING_EVERY.toSeconds(),
                    innermost(e));
        }
    }

    private static String innermost(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }
}
