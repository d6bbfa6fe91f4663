package io.orderplatform.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict reading of a JSON request body, collecting every problem as a {@link FieldError}: a body
 * that is not JSON, duplicate keys, unknown fields and wrong types are refused, never coerced.
 */
public final class JsonBody {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final List<FieldError> errors = new ArrayList<>();

    /** Parses a body that must be a JSON object. */
    public static JsonNode parseObject(String body) {
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw malformed("the body must be a JSON object");
        }
        return node;
    }

    private static InvalidRequestException malformed(String detail) {
        return new InvalidRequestException(List.of(new FieldError("", "malformed JSON: " + detail)));
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Records every field of {@code object} not in {@code allowed} as unknown. */
    public void allowOnly(JsonNode object, String path, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                reject(path + name, "unknown field");
            }
        }
    }

    /** The text of a required string field, or null (with an error recorded) if absent or not a string. */
    public String requiredText(JsonNode object, String name, String field) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            reject(field, "is required");
            return null;
        }
        if (!value.isTextual()) {
            reject(field, "must be a string");
            return null;
        }
        return value.textValue();
    }

    /**
     * The value of a required whole-number field within {@code min..max}, or null (with an error
     * recorded) if absent, not a whole number or out of range.
     */
    public Integer requiredInt(JsonNode object, String name, String field, int min, int max) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            reject(field, "is required");
            return null;
        }
        if (!value.isIntegralNumber()) {
            reject(field, "must be a whole number");
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            reject(field, "must be between " + min + " and " + max);
            return null;
        }
        return value.intValue();
    }

    /** Throws if any problem was recorded. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
