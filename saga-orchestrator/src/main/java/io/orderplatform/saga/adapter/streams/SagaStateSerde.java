package io.orderplatform.saga.adapter.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A saga's state as JSON in its store and changelog, written with the contracts' mapping. */
final class SagaStateSerde implements Serde<SagaState> {

    private final ObjectMapper json = ContractJson.mapper();

    @Override
    public Serializer<SagaState> serializer() {
        return (topic, state) -> {
            try {
                return state == null ? null : json.writeValueAsBytes(state);
            } catch (IOException e) {
                throw new SerializationException("cannot write saga " + state.orderId(), e);
            }
        };
    }

    @Override
    public Deserializer<SagaState> deserializer() {
        return (topic, bytes) -> {
            try {
                return bytes == null ? null : json.readValue(bytes, SagaState.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read a saga from " + topic, e);
            }
        };
    }
}
