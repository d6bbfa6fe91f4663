package io.orderplatform.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.orderplatform.schemas.fulfillment.FulfillmentContracts;
import io.orderplatform.schemas.inventory.InventoryContracts;
import io.orderplatform.schemas.json.ContractJson;
import io.orderplatform.schemas.json.MessageType;
import io.orderplatform.schemas.orders.OrderContracts;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pins the exact JSON of every contract type and checks it against the published JSON Schema. */
class ContractGoldenFileTest {

    private final ObjectMapper mapper = ContractJson.mapper();

    static Stream<MessageType<?>> contractTypes() {
        return Stream.of(
                        OrderContracts.EVENTS.all(),
                        OrderContracts.COMMANDS.all(),
                        FulfillmentContracts.REPLIES.all(),
                        InventoryContracts.EVENTS.all(),
                        InventoryContracts.COMMANDS.all())
                .flatMap(types -> types.stream().map(type -> (MessageType<?>) type));
    }

    @ParameterizedTest(name = "{0} is written exactly as its golden file")
    @MethodSource("contractTypes")
    void writes_exactly_the_golden_json(MessageType<?> type) throws IOException {
        Object example = Examples.BY_TYPE.get(type.name());

        String written = mapper.writeValueAsString(example);

        assertThat(written).isEqualTo(compact(golden(type)));
    }

    @ParameterizedTest(name = "{0} golden file reads back into the same record")
    @MethodSource("contractTypes")
    void reads_the_golden_json_back(MessageType<?> type) throws IOException {
        Object read = mapper.readValue(golden(type), type.javaType());

        assertThat(read).isEqualTo(Examples.BY_TYPE.get(type.name()));
    }

    @ParameterizedTest(name = "{0} golden file is valid against its JSON Schema")
    @MethodSource("contractTypes")
    void golden_json_is_valid_against_the_schema(MessageType<?> type) throws IOException {
        JsonSchema schema = schema(type);

        assertThat(schema.getId()).isEqualTo(type.schemaUri().toString());
        assertThat(schema.validate(mapper.readTree(golden(type)))).isEmpty();
    }

    private byte[] golden(MessageType<?> type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/examples/" + type.name() + ".json")) {
            assertThat(in).as("example of " + type.name()).isNotNull();
            return in.readAllBytes();
        }
    }

    private String compact(byte[] json) throws IOException {
        return mapper.writeValueAsString(mapper.readTree(json));
    }

    static JsonSchema schema(MessageType<?> type) throws IOException {
        try (InputStream in = ContractGoldenFileTest.class.getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema of " + type.name()).isNotNull();
            JsonNode node = ContractJson.mapper().readTree(in);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(node, config);
        }
    }
}
