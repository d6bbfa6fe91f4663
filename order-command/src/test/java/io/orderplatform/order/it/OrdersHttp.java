package io.orderplatform.order.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.runtime.test.ServiceHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The order-command API in the words of its tests, over a plain HTTP client. */
final class OrdersHttp {

    static final String VALID_ORDER = """
            {"customerId": "c-1", "currency": "EUR", "lines": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.99"}]}""";

    private final ServiceHttp http;

    OrdersHttp(int port) {
        this.http = new ServiceHttp(port);
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return http.post(path, contentType, body, headers);
    }

    HttpResponse<String> get(String path) {
        return http.get(path);
    }

    HttpResponse<String> placeOrder(String body, String... headers) {
        return post("/orders", "application/json", body, headers);
    }

    /** Sends the body chunked, without a Content-Length, as a streaming client would. */
    HttpResponse<String> placeOrderChunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(http.uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build());
    }

    /** Places a valid order and returns its id. */
    String placeValidOrder() {
        return placeValidOrderWith(VALID_ORDER);
    }

    /** Places an order that must be accepted and returns its id. */
    String placeValidOrderWith(String order) {
        HttpResponse<String> response = placeOrder(order);
        if (response.statusCode() != 202) {
            throw new IllegalStateException(
                    "placing an order failed: " + response.statusCode() + " " + response.body());
        }
        return body(response).get("orderId").asText();
    }

    HttpResponse<String> cancel(String orderId, String body, String... headers) {
        return post("/orders/" + orderId + "/cancel", body == null ? null : "application/json", body, headers);
    }

    JsonNode body(HttpResponse<String> response) {
        return ServiceHttp.json(response);
    }
}
