package io.orderplatform.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
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
 */
public class IdempotentCommands {

    public static final String KEY_HEADER = "Idempotency-Key";

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
     * @param command executes the command and returns its answer; runs inside the transaction
     * @throws IdempotencyKeyReusedException if the key was used for a different request
     */
    public ResponseEntity<String> execute(
            String key, String method, String path, String body, Supplier<CommandResponse> command) {
        if (key == null) {
            return transaction.execute(status -> command.get()).toResponseEntity(false);
        }
        validate(key);
        String requestHash = sha256(method + " " + path + "\n" + (body == null ? "" : body));
        return transaction.execute(status -> {
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
        });
    }

    private static void validate(String key) {
        if (!PrintableId.isValid(key)) {
            throw new InvalidRequestException(
                    List.of(new FieldError(KEY_HEADER, "must be 1 to 255 printable ASCII characters")));
        }
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
