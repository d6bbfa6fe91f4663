package io.orderplatform.schemas.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Untyped JSON values, for topics whose contract records are not published yet. */
final class JsonNodeSerde implements Serde<JsonNode> {

    private final ObjectMapper mapper = ContractJson.mapper();

    @Override
    public Serializer<JsonNode> serializer() {
        return (topic, data) -> {
            try {
                return data == null ? null : mapper.writeValueAsBytes(data);
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }

    @Override
    public Deserializer<JsonNode> deserializer() {
        return (topic, data) -> {
            try {
                return data == null ? null : mapper.readTree(data);
            } catch (IOException e) {
                throw new SerializationException("not JSON on " + topic, e);
            }
        };
    }
}
