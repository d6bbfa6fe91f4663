package io.orderplatform.kafka.deadletter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.orderplatform.kafka.deadletter.admin.DeadLetterAdminException.BadRequest;
import io.orderplatform.kafka.deadletter.admin.Selection;

/**
 * The body of a redrive or discard: which dead letters, and whether only to see what it would do.
 * Exactly one of {@code {"partition": p, "offset": o}}, {@code {"filter": {...}}} (the list's
 * filters) or {@code {"all": true}}; {@code "dryRun": true} with any. Read strictly: unknown fields,
 * duplicate keys and values of the wrong type are refused, never coerced.
 */
record SelectionBody(Integer partition, Long offset, FilterBody filter, Boolean all, Boolean dryRun) {

    /** The list's filters, as in its query parameters. */
    record FilterBody(String key, String errorClass, String contains, Boolean redriven, Boolean discarded) {}

    private static final String USAGE =
            "say which dead letters: {\"partition\": p, \"offset\": o}, {\"filter\": {...}} or {\"all\": true}";

    private static final JsonMapper STRICT = strictMapper();

    /** What a body asks for. */
    record Request(Selection selection, boolean dryRun) {}

    /** Reads a body; a missing, malformed or ambiguous one is a {@link BadRequest}. */
    static Request parse(String json) {
        if (json == null || json.isBlank()) {
            throw new BadRequest("body", "the body is empty: " + USAGE);
        }
        SelectionBody body;
        try {
            body = STRICT.readValue(json, SelectionBody.class);
        } catch (JsonProcessingException e) {
            throw new BadRequest("body", "the body is not a selection (" + e.getOriginalMessage() + "): " + USAGE);
        }
        if (body == null) {
            throw new BadRequest("body", USAGE);
        }
        return new Request(body.selection(), Boolean.TRUE.equals(body.dryRun()));
    }

    private Selection selection() {
        boolean one = partition != null || offset != null;
        int kinds = (one ? 1 : 0) + (filter != null ? 1 : 0) + (all != null ? 1 : 0);
        if (kinds != 1) {
            throw new BadRequest("body", USAGE);
        }
        if (one) {
            if (partition == null || offset == null || partition < 0 || offset < 0) {
                throw new BadRequest("body", "one dead letter needs its partition and offset, both 0 or more");
            }
            return new Selection.One(partition, offset);
        }
        if (filter != null) {
            return new Selection.Matching(DeadLetterQuery.filter(
                    filter.key(), filter.errorClass(), filter.contains(), filter.redriven(), filter.discarded()));
        }
        if (!all) {
            throw new BadRequest("all", "\"all\" selects every dead letter when true; " + USAGE);
        }
        return new Selection.All();
    }

    private static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }
}
