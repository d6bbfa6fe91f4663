package io.orderplatform.schemas.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.schemas.envelope.CloudEventHeaders;
import io.orderplatform.schemas.envelope.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a topic's contract records in CloudEvents binary mode: the value is the record's
 * JSON and the {@code ce_type} header names its {@link MessageType}.
 *
 * <p>Serializing sets {@code ce_type}, {@code ce_dataschema} and {@code content-type}; the other
 * envelope attributes are the producer's to set (see {@link Envelope}). Deserializing requires
 * the headers: without {@code ce_type} a value cannot be told apart from another type's.
 *
 * @param <T> the topic's common record supertype
 */
public final class ContractSerde<T> implements Serde<T> {

    private final MessageTypes<T> types;
    private final ObjectMapper mapper = ContractJson.shared();

    public ContractSerde(MessageTypes<T> types) {
        this.types = types;
    }

    public MessageTypes<T> types() {
        return types;
    }

    /**
     * The JSON of a contract record, exactly as it is published.
     *
     * @throws IllegalArgumentException if the record is not one of this topic's types
     */
    public byte[] toJson(Object message) {
        types.typeOf(message);
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a contract record of the named type.
     *
     * @throws SerializationException if the type is unknown or the JSON does not match it
     */
    public T fromJson(String typeName, byte[] json) {
        MessageType<? extends T> type = types.byName(typeName)
                .orElseThrow(() -> new SerializationException(
                        "unknown " + types.baseType().getSimpleName() + " type '" + typeName + "'"));
        try {
            return mapper.readValue(json, type.javaType());
        } catch (IOException e) {
            throw new SerializationException("cannot read " + typeName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return data == null ? null : toJson(data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                if (data == null) {
                    return null;
                }
                MessageType<? extends T> type = types.typeOf(data);
                headers.remove(CloudEventHeaders.TYPE).add(CloudEventHeaders.TYPE, utf8(type.name()));
                headers.remove(CloudEventHeaders.DATA_SCHEMA)
                        .add(
                                CloudEventHeaders.DATA_SCHEMA,
                                utf8(type.schemaUri().toString()));
                headers.remove(CloudEventHeaders.CONTENT_TYPE)
                        .add(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.JSON));
                return toJson(data);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                throw new SerializationException("records on " + topic + " need their ce_type header to be read");
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                if (data == null) {
                    return null;
                }
                String typeName = Envelope.get(headers, CloudEventHeaders.TYPE);
                if (typeName == null) {
                    return deserialize(topic, data);
                }
                return fromJson(typeName, data);
            }
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
