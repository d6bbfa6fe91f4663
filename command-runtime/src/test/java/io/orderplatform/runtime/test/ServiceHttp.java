package io.orderplatform.runtime.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to a service under test, as any client makes them. */
public final class ServiceHttp {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public ServiceHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** POSTs a JSON body (none if null) with extra headers given as name, value, name, value... */
    public HttpResponse<String> postJson(String path, String body, String... headers) {
        return post(path, "application/json", body, headers);
    }

    /** POSTs a body (none if null) with this Content-Type (none if null) and extra headers. */
    public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest request) {
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
