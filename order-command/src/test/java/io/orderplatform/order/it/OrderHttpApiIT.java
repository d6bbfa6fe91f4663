package io.orderplatform.order.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.runtime.test.hostile.HostileRequest;
import io.orderplatform.runtime.test.hostile.RawHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The HTTP contract of order-command, exercised as a black-box client would. */
@ServiceIntegrationTest
class OrderHttpApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    OrdersHttp http;

    @BeforeEach
    void setUp() {
        http = new OrdersHttp(port);
    }

    @Test
    void placing_an_order_answers_202_with_its_id_status_version_location_and_etag() {
        HttpResponse<String> response = http.placeOrder(OrdersHttp.VALID_ORDER);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = http.body(response);
        String orderId = body.get("orderId").asText();
        assertThat(body.get("status").asText()).isEqualTo("PENDING");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + orderId);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(response.headers().firstValue("Command-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }

    @Test
    void invalid_fields_are_all_reported_as_a_problem_and_nothing_is_written() {
        String customer = "c " + UUID.randomUUID();

        HttpResponse<String> response = http.placeOrder("""
                {"customerId": "%s", "currency": "eur", "lines": [
                  {"sku": "SKU-1", "quantity": 0, "unitPrice": "19.999"},
                  {"sku": "SKU-1", "quantity": 2.5, "unitPrice": 19.99}]}""".formatted(customer));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = http.body(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://orderplatform.io/problems/validation");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("errors").findValuesAsText("field"))
                .contains(
                        "customerId",
                        "currency",
                        "lines[0].quantity",
                        "lines[0].unitPrice",
                        "lines[1].quantity",
                        "lines[1].unitPrice");
        assertThat(eventsMentioning(customer)).isZero();
    }

    @Test
    void the_same_sku_twice_is_refused() {
        HttpResponse<String> response = http.placeOrder("""
                {"customerId": "c-1", "currency": "EUR", "lines": [
                  {"sku": "SKU-1", "quantity": 1, "unitPrice": "1.00"},
                  {"sku": "SKU-1", "quantity": 1, "unitPrice": "1.00"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.body(response).get("errors").findValuesAsText("field")).containsExactly("lines[1].sku");
    }

    @Test
    void malformed_json_unknown_fields_and_wrong_types_are_400() {
        assertThat(http.placeOrder("{\"customerId\": ").statusCode()).isEqualTo(400);
        assertThat(http.placeOrder(
                                OrdersHttp.VALID_ORDER.replace("{\"customerId\"", "{\"coupon\": \"X\", \"customerId\""))
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.placeOrder(OrdersHttp.VALID_ORDER.replace("\"lines\": [", "\"lines\": 7, \"x\": ["))
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.placeOrder("[]").statusCode()).isEqualTo(400);
    }

    @Test
    void another_content_type_is_415_and_a_body_over_64_KiB_is_413() {
        HttpResponse<String> wrongType = http.post("/orders", "text/plain", OrdersHttp.VALID_ORDER);
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        String customer = "c-" + UUID.randomUUID();
        String huge = OrdersHttp.VALID_ORDER.replace("\"c-1\"", "\"" + customer + "x".repeat(70 * 1024) + "\"");
        HttpResponse<String> tooLarge = http.placeOrder(huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(eventsMentioning(customer)).isZero();
    }

    @Test
    void a_wildcard_or_malformed_content_type_is_415_not_a_server_error() {
        assertThat(http.post("/orders", "*/*", OrdersHttp.VALID_ORDER).statusCode())
                .isEqualTo(415);
        assertThat(http.post("/orders/" + UUID.randomUUID() + "/cancel", "*/*", "")
                        .statusCode())
                .isEqualTo(415);
        HttpResponse<String> malformed = http.post("/orders", "application/json;;=", OrdersHttp.VALID_ORDER);
        assertThat(malformed.statusCode()).isEqualTo(415);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
    }

    @Test
    void a_path_spring_cannot_parse_is_400_not_a_server_error() throws Exception {
        RawHttp.Answer answer = RawHttp.send(
                port,
                new HostileRequest(
                        "POST",
                        "/products/;%/restock",
                        List.of(Map.entry("Content-Type", "application/json")),
                        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        false));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void a_chunked_body_without_content_length_over_64_KiB_is_413_and_writes_nothing() {
        String customer = "c-" + UUID.randomUUID();
        String huge = OrdersHttp.VALID_ORDER.replace("\"c-1\"", "\"" + customer + "x".repeat(70 * 1024) + "\"");

        HttpResponse<String> tooLarge = http.placeOrderChunked(huge);

        assertThat(tooLarge.request().headers().firstValue("Content-Length")).isEmpty();
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(eventsMentioning(customer)).isZero();
    }

    @Test
    void a_repeat_with_the_same_idempotency_key_replays_the_first_answer_and_places_nothing_more() {
        String key = UUID.randomUUID().toString();
        String customer = "c-" + UUID.randomUUID();
        String order = OrdersHttp.VALID_ORDER.replace("\"c-1\"", "\"" + customer + "\"");
        HttpResponse<String> first = http.placeOrder(order, "Idempotency-Key", key);

        HttpResponse<String> repeat = http.placeOrder(order, "Idempotency-Key", key);

        assertThat(repeat.statusCode()).isEqualTo(first.statusCode()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(repeat.headers().firstValue("ETag"))
                .isEqualTo(first.headers().firstValue("ETag"));
        assertThat(repeat.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(repeat.headers().firstValue("Command-Id"))
                .as("the replayed answer names the command that took effect")
                .isEqualTo(first.headers().firstValue("Command-Id"));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(eventsMentioning(customer)).isEqualTo(1);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_422() {
        String key = UUID.randomUUID().toString();
        http.placeOrder(OrdersHttp.VALID_ORDER, "Idempotency-Key", key);

        HttpResponse<String> other =
                http.placeOrder(OrdersHttp.VALID_ORDER.replace("\"c-1\"", "\"c-2\""), "Idempotency-Key", key);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void concurrent_repeats_of_one_idempotency_key_place_one_order() throws Exception {
        String key = UUID.randomUUID().toString();
        var executor = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Callable<HttpResponse<String>>> requests =
                    java.util.Collections.nCopies(
                            8, () -> http.placeOrder(OrdersHttp.VALID_ORDER, "Idempotency-Key", key));
            var answers = executor.invokeAll(requests);
            java.util.Set<String> orderIds = new java.util.HashSet<>();
            for (var answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(202);
                orderIds.add(http.body(answer.get()).get("orderId").asText());
            }
            assertThat(orderIds).hasSize(1);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                            Long.class,
                            orderIds.iterator().next()))
                    .isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void an_order_is_cancelled_with_202_and_its_new_version() {
        String orderId = http.placeValidOrder();

        HttpResponse<String> response = http.cancel(orderId, "{\"reason\": \"changed my mind\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = http.body(response);
        assertThat(body.get("orderId").asText()).isEqualTo(orderId);
        assertThat(body.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(body.get("version").asLong()).isEqualTo(2);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void cancelling_without_a_body_works() {
        String orderId = http.placeValidOrder();

        assertThat(http.cancel(orderId, null).statusCode()).isEqualTo(202);
    }

    @Test
    void cancelling_an_unknown_order_is_404() {
        HttpResponse<String> response = http.cancel(UUID.randomUUID().toString(), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void cancelling_a_cancelled_order_is_409() {
        String orderId = http.placeValidOrder();
        http.cancel(orderId, null);

        HttpResponse<String> again = http.cancel(orderId, null);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(http.body(again).get("type").asText()).endsWith("/order-state-conflict");
    }

    @Test
    void if_match_with_the_current_version_cancels_and_a_stale_one_is_412() {
        String current = http.placeValidOrder();
        assertThat(http.cancel(current, null, "If-Match", "\"1\"").statusCode()).isEqualTo(202);

        String moved = http.placeValidOrder();
        HttpResponse<String> stale = http.cancel(moved, null, "If-Match", "\"2\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(http.cancel(moved, null, "If-Match", "\"1\"").statusCode()).isEqualTo(202);
        assertThat(http.cancel(moved, null, "If-Match", "\"1\"").statusCode()).isEqualTo(412);
    }

    @Test
    void openapi_health_probes_and_prometheus_metrics_are_served() {
        assertThat(http.get("/v3/api-docs").body()).contains("/orders/{orderId}/cancel");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").body()).contains("platform_relay_lag_events");
    }

    /** Events whose JSON contains the marker: the test's own, whatever other tests write meanwhile. */
    private long eventsMentioning(String marker) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE position(? in convert_from(payload, 'UTF8')) > 0",
                Long.class,
                marker);
    }
}
