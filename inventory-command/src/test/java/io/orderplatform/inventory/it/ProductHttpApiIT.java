package io.orderplatform.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.runtime.test.ServiceHttp;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The product HTTP contract: registration, restocking, conflicts, preconditions and bad input. */
@ServiceIntegrationTest
class ProductHttpApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void registering_a_product_answers_201_with_location_etag_and_version_1() {
        String sku = newSku();

        HttpResponse<String> response = new ServiceHttp(port).postJson("/products", registration(sku, 10));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/products/" + sku);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(response.headers().firstValue("Command-Id")).isPresent();
        JsonNode body = ServiceHttp.json(response);
        assertThat(body.get("sku").asText()).isEqualTo(sku);
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(events(sku)).isEqualTo(1);
    }

    @Test
    void registering_an_existing_sku_is_409_and_writes_nothing() {
        String sku = newSku();
        ServiceHttp http = new ServiceHttp(port);
        http.postJson("/products", registration(sku, 10));

        HttpResponse<String> again = http.postJson("/products", registration(sku, 99));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(events(sku)).isEqualTo(1);
    }

    @Test
    void every_broken_field_is_reported_and_nothing_is_written() {
        HttpResponse<String> response = new ServiceHttp(port)
                .postJson("/products", "{\"sku\": \"bad sku\", \"name\": \"\", \"initialQuantity\": -1, \"price\": 3}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ServiceHttp.json(response).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("sku", "name", "initialQuantity", "price");
        assertThat(events("bad sku")).isZero();
        assertThat(new ServiceHttp(port)
                        .postJson(
                                "/products",
                                "{\"sku\": \"A\", \"name\": \"" + "n".repeat(201) + "\", \"initialQuantity\": 1}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void restocking_answers_202_with_the_new_version_and_honours_if_match() {
        String sku = newSku();
        ServiceHttp http = new ServiceHttp(port);
        http.postJson("/products", registration(sku, 10));

        HttpResponse<String> restocked =
                http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}", "If-Match", "\"1\"");
        HttpResponse<String> stale =
                http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}", "If-Match", "\"1\"");

        assertThat(restocked.statusCode()).isEqualTo(202);
        assertThat(ServiceHttp.json(restocked).get("version").asLong()).isEqualTo(2);
        assertThat(restocked.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(events(sku)).isEqualTo(2);
    }

    /**
     * Another instance restocked the product after this one cached it: this instance's copy is a
     * version behind, its append fails on the sequence number, and the command runs again on the
     * product as stored, instead of answering the client 409.
     */
    @Test
    void a_restock_after_another_instance_changed_the_product_applies_to_the_product_as_stored() {
        String sku = newSku();
        ServiceHttp http = new ServiceHttp(port);
        http.postJson("/products", registration(sku, 10));
        http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}");
        changedByAnotherInstance(sku);

        HttpResponse<String> restocked = http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}");

        assertThat(restocked.statusCode()).as(restocked.body()).isEqualTo(202);
        assertThat(restocked.headers().firstValue("ETag")).hasValue("\"4\"");
        assertThat(events(sku)).isEqualTo(4);
    }

    /**
     * The client read version 3, made on another instance, while this one still holds version 2: its
     * If-Match is checked again on the product as stored, not refused as stale; one that is really
     * stale still is.
     */
    @Test
    void an_if_match_of_a_version_made_on_another_instance_is_checked_on_the_product_as_stored() {
        String sku = newSku();
        ServiceHttp http = new ServiceHttp(port);
        http.postJson("/products", registration(sku, 10));
        http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}");
        changedByAnotherInstance(sku);

        HttpResponse<String> restocked =
                http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}", "If-Match", "\"3\"");
        HttpResponse<String> stale =
                http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}", "If-Match", "\"3\"");

        assertThat(restocked.statusCode()).as(restocked.body()).isEqualTo(202);
        assertThat(restocked.headers().firstValue("ETag")).hasValue("\"4\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(events(sku)).isEqualTo(4);
    }

    @Test
    void restocking_an_unknown_product_is_404_and_a_zero_quantity_400() {
        ServiceHttp http = new ServiceHttp(port);

        assertThat(http.postJson("/products/" + newSku() + "/restock", "{\"quantity\": 5}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.postJson("/products/" + newSku() + "/restock", "{\"quantity\": 0}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void a_repeated_idempotency_key_replays_the_answer_and_restocks_once() {
        String sku = newSku();
        ServiceHttp http = new ServiceHttp(port);
        http.postJson("/products", registration(sku, 10));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first =
                http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}", "Idempotency-Key", key);
        HttpResponse<String> repeat =
                http.postJson("/products/" + sku + "/restock", "{\"quantity\": 5}", "Idempotency-Key", key);
        HttpResponse<String> other =
                http.postJson("/products/" + sku + "/restock", "{\"quantity\": 6}", "Idempotency-Key", key);

        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(events(sku)).isEqualTo(2);
    }

    @Test
    void openapi_describes_the_product_commands() {
        assertThat(new ServiceHttp(port).get("/v3/api-docs").body())
                .contains("/products/{sku}/restock")
                .contains("/products");
    }

    static String registration(String sku, int quantity) {
        return "{\"sku\": \"" + sku + "\", \"name\": \"Blue mug\", \"initialQuantity\": " + quantity + "}";
    }

    static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 18);
    }

    /**
     * Appends a copy of the product's last event as its next one, straight into the store: what another
     * instance's restock leaves behind, unseen by this instance's cache.
     */
    private void changedByAnotherInstance(String sku) {
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " SELECT ?, aggregate_identifier, sequence_number + 1, type, time_stamp, payload_type,"
                        + " payload_revision, payload, meta_data FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1",
                UUID.randomUUID().toString(),
                sku);
    }

    private long events(String sku) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, sku);
    }
}
