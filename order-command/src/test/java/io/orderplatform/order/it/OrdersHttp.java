package io.orderplatform.order.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client for the order-command API, as any client would use it. */
final class OrdersHttp {

    static final String VALID_ORDER = """
            {"customerId": "c-1", "currency": "EUR", "lines": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.99"}]}""";

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = ContractJson.mapper();
    private final String base;

    OrdersHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    HttpResponse<String> placeOrder(String body, String... headers) {
        return post("/orders", "application/json", body, headers);
    }

    /** Sends the body chunked, without a Content-Length, as a streaming client would. */
    HttpResponse<String> placeOrderChunked(String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
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
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
