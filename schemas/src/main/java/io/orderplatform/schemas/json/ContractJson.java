package io.orderplatform.schemas.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of every contract record.
 *
 * <p>Events are stored, published and replayed as JSON; if two components mapped them differently
 * (an {@code Instant} as a number in one and as a string in the other) history would silently change
 * shape. Everything that writes or reads a contract — the event store's serializer, the relay, the
 * serdes and consumers — uses this mapper. Golden-file tests pin what it produces.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ContractJson() {}

    /**
     * Returns a new copy of the contract mapper, so that no caller can reconfigure the shared one.
     *
     * @return an {@link ObjectMapper} that reads and writes contract records in their wire format
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    static ObjectMapper shared() {
        return MAPPER;
    }
}
