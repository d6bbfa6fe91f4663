package io.orderplatform.runtime.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answer to a command, in the form it is stored for idempotent replay: status, the headers
 * that matter to a client ({@code Location}, {@code ETag}) and the JSON body.
 */
public record CommandResponse(int status, Map<String, String> headers, String jsonBody) {

    /** Response header that marks an answer replayed for a repeated Idempotency-Key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public CommandResponse {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    public ResponseEntity<String> toResponseEntity(boolean replayed) {
        HttpHeaders httpHeaders = new HttpHeaders();
        headers.forEach(httpHeaders::set);
        httpHeaders.setContentType(MediaType.APPLICATION_JSON);
        if (replayed) {
            httpHeaders.set(REPLAYED_HEADER, "true");
        }
        return ResponseEntity.status(status).headers(httpHeaders).body(jsonBody);
    }
}
