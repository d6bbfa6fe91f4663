package io.orderplatform.order.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.schemas.json.ContractJson;
import io.orderplatform.schemas.orders.OrderContracts;
import java.io.InputStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Proves which event store, transaction manager and serializer Axon really uses, and what it stores. */
@ServiceIntegrationTest
class EventStoreWiringIT {

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    EventStore eventStore;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    TransactionManager axonTransactionManager;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    Serializer serializer;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void axon_uses_the_jdbc_event_store_spring_transactions_and_the_contract_json() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class).isSameAs(serializer);
        assertThat(((JdbcEventStorageEngine) storageEngine).getEventSerializer())
                .isSameAs(serializer);
    }

    @Test
    void the_stored_event_is_exactly_the_golden_json() throws Exception {
        ObjectMapper json = ContractJson.mapper();
        ObjectNode golden;
        try (InputStream in = getClass().getResourceAsStream("/examples/orders.OrderPlaced.v1.json")) {
            golden = (ObjectNode) json.readTree(in);
        }
        ObjectNode request = golden.deepCopy();
        request.remove(java.util.List.of("orderId", "total", "placedAt"));
        String orderId = new OrdersHttp(port).placeValidOrderWith(json.writeValueAsString(request));

        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                byte[].class,
                orderId);
        String payloadType = jdbc.queryForObject(
                "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?", String.class, orderId);

        ObjectNode stored = (ObjectNode) json.readTree(payload);
        assertThat(stored.get("placedAt").isTextual())
                .as("placedAt is an ISO-8601 string")
                .isTrue();
        stored.put("orderId", golden.get("orderId").asText());
        stored.put("placedAt", golden.get("placedAt").asText());
        assertThat(new String(payload, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-1\"");
        assertThat(json.writeValueAsString(stored)).isEqualTo(json.writeValueAsString(golden));
        assertThat(payloadType).isEqualTo(OrderContracts.ORDER_PLACED.javaType().getName());
    }
}
