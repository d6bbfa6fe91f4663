package io.orderplatform.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The views a scan found, in key order, and the most records a stale copy that answered may be missing
 * (null if every copy that answered was a running active one). Between instances it travels as {@code
 * {"lag": n|null, "views": [{"key": k, "view": {...}}]}}.
 */
public record ScanResult(List<Map.Entry<String, JsonNode>> views, Long lag) {

    private static final ObjectMapper JSON = ContractJson.mapper();

    /** The body of an internal scan answer. */
    public byte[] toJson() {
        ObjectNode body = JSON.createObjectNode();
        if (lag == null) {
            body.putNull("lag");
        } else {
            body.put("lag", lag);
        }
        ArrayNode items = body.putArray("views");
        views.forEach(entry -> items.addObject().put("key", entry.getKey()).set("view", entry.getValue()));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a scan answer", e);
        }
    }

    /** Reads an internal scan answer. */
    static ScanResult fromJson(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode items = root == null ? null : root.get("views");
        if (items == null || !items.isArray()) {
            throw new IOException("no views in the answer");
        }
        List<Map.Entry<String, JsonNode>> views = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode key = item.get("key");
            JsonNode view = item.get("view");
            if (key == null || !key.isTextual() || view == null) {
                throw new IOException("a view without key or body in the answer");
            }
            views.add(Map.entry(key.asText(), view));
        }
        Long lag = root.path("lag").isNumber() ? root.get("lag").asLong() : null;
        return new ScanResult(views, lag);
    }
}
