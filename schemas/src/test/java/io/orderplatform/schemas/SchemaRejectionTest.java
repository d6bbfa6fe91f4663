package io.orderplatform.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderplatform.schemas.json.ContractJson;
import io.orderplatform.schemas.orders.OrderContracts;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The schemas refuse the shapes that would break consumers, so that they are worth validating against. */
class SchemaRejectionTest {

    private JsonNode placed() {
        return ContractJson.mapper().valueToTree(Examples.BY_TYPE.get("orders.OrderPlaced.v1"));
    }

    @Test
    void refuses_money_as_a_json_number() throws IOException {
        ObjectNode event = (ObjectNode) placed();
        event.put("total", 40.28);

        assertThat(ContractGoldenFileTest.schema(OrderContracts.ORDER_PLACED).validate(event))
                .isNotEmpty();
    }

    @Test
    void refuses_an_instant_written_as_epoch_number() throws IOException {
        ObjectNode event = (ObjectNode) placed();
        event.put("placedAt", 1_795_000_000L);

        assertThat(ContractGoldenFileTest.schema(OrderContracts.ORDER_PLACED).validate(event))
                .isNotEmpty();
    }

    @Test
    void refuses_unknown_fields() throws IOException {
        ObjectNode event = (ObjectNode) placed();
        event.put("discount", "1.00");

        assertThat(ContractGoldenFileTest.schema(OrderContracts.ORDER_PLACED).validate(event))
                .isNotEmpty();
    }
}
