package io.orderplatform.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.schemas.json.ContractJson;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code idempotency_key} table: one row per key, holding the first answer given for it. */
public class IdempotencyStore {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json = ContractJson.mapper();

    public IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored answer and the hash of the request that produced it. */
    public record Stored(String requestHash, CommandResponse response) {}

    /**
     * Claims a key for this request. Waits if another transaction holds an uncommitted claim.
     *
     * @return true if the key was new and is now held by this transaction
     */
    boolean claim(String key, String requestHash) {
        return jdbc.sql("INSERT INTO idempotency_key (idempotency_key, request_hash) VALUES (?, ?)"
                                + " ON CONFLICT (idempotency_key) DO NOTHING")
                        .params(key, requestHash)
                        .update()
                == 1;
    }

    void complete(String key, CommandResponse response) {
        jdbc.sql("UPDATE idempotency_key SET response_status = ?, response_headers = ?, response_body = ?"
                        + " WHERE idempotency_key = ?")
                .params(response.status(), write(response.headers()), response.jsonBody(), key)
                .update();
    }

    Optional<Stored> find(String key) {
        return jdbc.sql("SELECT request_hash, response_status, response_headers, response_body"
                        + " FROM idempotency_key WHERE idempotency_key = ?")
                .param(key)
                .query((row, n) -> new Stored(
                        row.getString("request_hash"),
                        new CommandResponse(
                                row.getInt("response_status"),
                                read(row.getString("response_headers")),
                                row.getString("response_body"))))
                .optional();
    }

    /** Forgets keys older than the retention; a retry after that is treated as a new request. */
    public int deleteOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)")
                .param((double) retention.toSeconds())
                .update();
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String headers) {
        try {
            return json.readValue(headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
