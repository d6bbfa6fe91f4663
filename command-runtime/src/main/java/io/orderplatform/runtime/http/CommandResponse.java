package io.orderplatform.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.schemas.json.ContractJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answer to a command, in the form it is stored for idempotent replay: status, the headers
 * that matter to a client ({@code Location}, {@code ETag}) and the JSON body.
 */
public record CommandResponse(int status, Map<String, String> headers, String jsonBody) {

    /** Response header that marks an answer replayed for a repeated Idempotency-Key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Response header naming the command the answer is about: the events it caused name it as their cause. */
    public static final String COMMAND_ID_HEADER = "Command-Id";

    private static final ObjectMapper JSON = ContractJson.mapper();

    public CommandResponse {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    /**
     * The answer to a command that took effect: where to read the resource, its new version as the
     * ETag, and which command it was.
     *
     * @param body serialized as JSON
     */
    public static CommandResponse of(
            HttpStatus status, String location, long version, CommandOrigin command, Object body) {
        try {
            return new CommandResponse(
                    status.value(),
                    Map.of(
                            HttpHeaders.LOCATION,
                            location,
                            HttpHeaders.ETAG,
                            "\"" + version + "\"",
                            COMMAND_ID_HEADER,
                            command.commandId()),
                    JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer " + body, e);
        }
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
