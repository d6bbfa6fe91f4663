package io.orderplatform.order.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.runtime.test.TopicReader;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.json.ContractJson;
import io.orderplatform.schemas.orders.OrderContracts;
import io.orderplatform.schemas.orders.OrderEvent;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a consumer of {@code orders.events} gets: CloudEvents headers, schema-valid JSON, order per key. */
@ServiceIntegrationTest
class OrderEventsTopicIT {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final ObjectMapper json = ContractJson.mapper();

    @Test
    void placed_and_cancelled_orders_arrive_as_cloud_events_in_sequence() throws Exception {
        OrdersHttp http = new OrdersHttp(port);
        String flow = "checkout-" + UUID.randomUUID();
        HttpResponse<String> place = http.placeOrder(OrdersHttp.VALID_ORDER, "X-Correlation-Id", flow);
        String orderId = http.body(place).get("orderId").asText();
        HttpResponse<String> cancel = http.cancel(
                orderId,
                "{\"reason\": \"changed my mind\"}",
                "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.ORDERS_EVENTS.name())) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> orderId.equals(r.key()), 2, Duration.ofSeconds(30));

            assertThat(records).hasSize(2);
            Envelope placed = Envelope.readFrom(records.get(0).headers());
            Envelope cancelled = Envelope.readFrom(records.get(1).headers());
            assertThat(placed.type()).isEqualTo("orders.OrderPlaced.v1");
            assertThat(cancelled.type()).isEqualTo("orders.OrderCancelled.v1");
            assertThat(placed.sequence()).isEqualTo(1);
            assertThat(cancelled.sequence()).isEqualTo(2);
            assertThat(placed.subject()).isEqualTo(orderId);
            assertThat(placed.source()).isEqualTo("order-command");
            assertThat(placed.dataSchema()).isEqualTo(OrderContracts.ORDER_PLACED.schemaUri());
            assertThat(placed.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(cancelled.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            assertThat(placed.causationId())
                    .as("caused by the place command")
                    .isEqualTo(place.headers().firstValue("Command-Id").orElseThrow());
            assertThat(placed.correlationId()).as("in the client's flow").isEqualTo(flow);
            String cancelCommand = cancel.headers().firstValue("Command-Id").orElseThrow();
            assertThat(cancelled.causationId()).isEqualTo(cancelCommand);
            assertThat(cancelled.correlationId())
                    .as("a command without a flow starts its own")
                    .isEqualTo(cancelCommand);
            assertThat(placed.id()).isNotEqualTo(cancelled.id()).isNotIn(placed.causationId(), cancelCommand);
            assertThat(Envelope.get(records.get(0).headers(), "content-type")).isEqualTo("application/json");
            assertThat(records.get(0).partition()).isEqualTo(records.get(1).partition());

            for (ConsumerRecord<String, byte[]> record : records) {
                String type = Envelope.readFrom(record.headers()).type();
                assertThat(schema(type).validate(json.readTree(record.value())))
                        .as(type + ": " + new String(record.value(), UTF_8))
                        .isEmpty();
                OrderEvent event = Topics.ORDERS_EVENTS
                        .valueSerde()
                        .deserializer()
                        .deserialize(record.topic(), record.headers(), record.value());
                assertThat(event.orderId()).isEqualTo(orderId);
            }
            JsonNode placedJson = json.readTree(records.get(0).value());
            assertThat(placedJson.get("total").asText()).isEqualTo("39.98");
        }
    }

    private JsonSchema schema(String type) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schemas/" + type + ".json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(json.readTree(in));
        }
    }
}
