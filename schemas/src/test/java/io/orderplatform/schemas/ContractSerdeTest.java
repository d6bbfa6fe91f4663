package io.orderplatform.schemas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.CloudEventHeaders;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderPlaced;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ContractSerdeTest {

    private final Serde<OrderEvent> serde = Topics.ORDERS_EVENTS.valueSerde();

    @Test
    void writes_the_type_headers_and_reads_the_event_back_by_them() {
        OrderPlaced placed = (OrderPlaced) Examples.BY_TYPE.get("orders.OrderPlaced.v1");
        RecordHeaders headers = new RecordHeaders();

        byte[] value = serde.serializer().serialize("orders.events", headers, placed);

        assertThat(new String(headers.lastHeader(CloudEventHeaders.TYPE).value(), UTF_8))
                .isEqualTo("orders.OrderPlaced.v1");
        assertThat(new String(headers.lastHeader(CloudEventHeaders.DATA_SCHEMA).value(), UTF_8))
                .isEqualTo("https://orderplatform.io/schemas/orders.OrderPlaced.v1.json");
        assertThat(serde.deserializer().deserialize("orders.events", headers, value))
                .isEqualTo(placed);
    }

    @Test
    void refuses_an_unknown_type() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TYPE, "orders.OrderShipped.v9".getBytes(UTF_8));

        assertThatThrownBy(() -> serde.deserializer().deserialize("orders.events", headers, "{}".getBytes(UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("orders.OrderShipped.v9");
    }

    @Test
    void event_topics_keep_their_history_forever() {
        assertThat(Topics.ORDERS_EVENTS.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.INVENTORY_EVENTS.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.all()).extracting(t -> t.name()).doesNotHaveDuplicates();
    }
}
