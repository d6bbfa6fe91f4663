package io.orderplatform.runtime.http;

import io.orderplatform.runtime.axon.DatabaseUnavailable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an HTTP command at most once per {@code Idempotency-Key}.
 *
 * <p>The key is claimed, the command executed and its answer stored in one database transaction,
 * the same one in which the command's events are appended. So either all of it is committed or none
 * of it: a client retrying after any crash, of either side, gets the first answer or a fresh
 * execution, never a second effect. A concurrent request with the same key waits on the key's row
 * until the first commits, then replays its answer. Refused commands (any exception) store nothing.
 *
 * <p>A command whose events could not be appended because the store already holds their sequence
 * numbers (Axon's {@link ConcurrencyException}, or {@link AggregateStreamCreationException} for a new
 * aggregate) loaded a copy of its aggregate that another transaction, here or on another instance,
 * had moved past meanwhile: a cached copy, or one loaded before a concurrent command committed. The
 * client did nothing wrong, so the whole transaction (key claim and command) runs again, up to
 * {@value #ATTEMPTS} times in all; the failed unit of work dropped the cached copy, so the next attempt
 * loads the aggregate from the store and decides on what it holds now. A conflict with the version a
 * client named ({@link ConflictingModificationException}, or the service's own refusal of a stale
 * {@code If-Match}) is the client's and is answered at once.
 *
 * <p>A failure because the database cannot be reached ({@link DatabaseUnavailable}) becomes a {@link
 * DatabaseUnavailableException}, answered 503 with {@code Retry-After}.
 */
public class IdempotentCommands {

    public static final String KEY_HEADER = "Idempotency-Key";

    /** Executions of a command that met a newer version of its aggregate than it had loaded: the first and two more. */
    static final int ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(IdempotentCommands.class);

    private final TransactionTemplate transaction;
    private final IdempotencyStore store;

    public IdempotentCommands(TransactionTemplate transaction, IdempotencyStore store) {
        this.transaction = transaction;
        this.store = store;
    }

    /**
     * Executes a command, or replays the answer stored for its key.
     *
     * @param key the request's Idempotency-Key header, or null for a plain (non-idempotent) request
     * @param method the HTTP method, part of what must match on a repeat
     * @param path the request path, part of what must match on a repeat
     * @param body the raw request body, part of what must match on a repeat
     * @param command executes the command and returns its answer; runs inside the transaction, once per attempt
     * @throws IdempotencyKeyReusedException if the key was used for a different request
     * @throws DatabaseUnavailableException if the database cannot be reached
     */
    public ResponseEntity<String> execute(
            String key, String method, String path, String body, Supplier<CommandResponse> command) {
        return execute(key, method, path, body, command, failure -> false);
    }

    /**
     * Executes a command, or replays the answer stored for its key, also running it again after a
     * refusal of the service's own that a stale copy of the aggregate can cause.
     *
     * @param staleCopy recognises such a refusal (anywhere in the failure's cause chain), e.g. an {@code
     *     If-Match} naming a later version than the loaded copy's: retried like a stale write
     * @see #execute(String, String, String, String, Supplier)
     */
    public ResponseEntity<String> execute(
            String key,
            String method,
            String path,
            String body,
            Supplier<CommandResponse> command,
            Predicate<Throwable> staleCopy) {
        if (key != null) {
            validate(key);
        }
        String requestHash = key == null ? null : requestHash(method, path, body);
        for (int attempt = 1; ; attempt++) {
            try {
                return key == null
                        ? transaction.execute(status -> command.get()).toResponseEntity(false)
                        : transaction.execute(status -> once(key, requestHash, command));
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS && (isStaleWrite(e) || anyCause(e, staleCopy))) {
                    log.debug(
                            "{} {}: attempt {} met a newer version of its aggregate, running it again",
                            method,
                            path,
                            attempt,
                            e);
                    continue;
                }
                if (DatabaseUnavailable.isCause(e)) {
                    throw new DatabaseUnavailableException(e);
                }
                throw e;
            }
        }
    }

    /**
     * The answer stored for a request's key, without executing anything: what a repeat gets while new
     * commands are refused (see {@link io.orderplatform.runtime.admission.AdmissionControl}), since
     * the command it repeats was accepted before.
     *
     * @return the stored answer, or empty when the request has no key or its key was not used yet
     * @throws IdempotencyKeyReusedException if the key was used for a different request
     * @throws DatabaseUnavailableException if the database cannot be reached
     */
    public Optional<ResponseEntity<String>> replay(String key, String method, String path, String body) {
        if (key == null) {
            return Optional.empty();
        }
        validate(key);
        String requestHash = requestHash(method, path, body);
        Optional<IdempotencyStore.Stored> stored;
        try {
            stored = store.find(key);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCause(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw e;
        }
        return stored.map(answer -> {
            if (!answer.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException();
            }
            return answer.response().toResponseEntity(true);
        });
    }

    private ResponseEntity<String> once(String key, String requestHash, Supplier<CommandResponse> command) {
        if (store.claim(key, requestHash)) {
            CommandResponse response = command.get();
            store.complete(key, response);
            return response.toResponseEntity(false);
        }
        IdempotencyStore.Stored stored = store.find(key).orElseThrow();
        if (!stored.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException();
        }
        return stored.response().toResponseEntity(true);
    }

    /**
     * Whether the failure is an append that found its sequence numbers taken, and not a client's
     * version conflict.
     */
    static boolean isStaleWrite(Throwable failure) {
        if (anyCause(failure, ConflictingModificationException.class::isInstance)) {
            return false;
        }
        return anyCause(
                failure,
                cause -> cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException);
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void validate(String key) {
        if (!PrintableId.isValid(key)) {
            throw new InvalidRequestException(
                    List.of(new FieldError(KEY_HEADER, "must be 1 to 255 printable ASCII characters")));
        }
    }

    private static String requestHash(String method, String path, String body) {
        return sha256(method + " " + path + "\n" + (body == null ? "" : body));
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
