package io.orderplatform.projection.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.embedded.EmbeddedKafkaBroker;
import io.orderplatform.projection.ProjectionServiceApplication;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Kafka broker in this JVM and instances of the projection service on it, each with its own
 * port, instance id and state directory, as separate processes would have.
 */
final class ProjectionCluster implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final EmbeddedKafkaBroker broker;
    private final Path stateDir;
    private final Map<String, ConfigurableApplicationContext> instances = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    ProjectionCluster() throws IOException {
        Path kafkaDir = Files.createTempDirectory("projection-kafka");
        broker = EmbeddedKafkaBroker.start(kafkaDir, freePort(), freePort());
        stateDir = Files.createTempDirectory("projection-state");
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Starts an instance (again, on the same port, if it ran before). */
    void start(String instanceId) {
        int port = ports.computeIfAbsent(instanceId, id -> freePort());
        instances.put(
                instanceId,
                new SpringApplicationBuilder(ProjectionServiceApplication.class)
                        .run(
                                "--server.port=" + port,
                                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                                "--platform.instance-id=" + instanceId,
                                "--projection.state-dir=" + stateDir,
                                "--spring.main.banner-mode=off"));
    }

    void stop(String instanceId) {
        instances.remove(instanceId).close();
    }

    /** The instances running now. */
    java.util.List<String> running() {
        return java.util.List.copyOf(instances.keySet());
    }

    int port(String instanceId) {
        return ports.get(instanceId);
    }

    HttpResponse<String> get(String instanceId, String path) {
        return send(HttpRequest.newBuilder(uri(instanceId, path))
                .timeout(Duration.ofSeconds(40))
                .GET()
                .build());
    }

    HttpResponse<String> post(String instanceId, String path) {
        return send(HttpRequest.newBuilder(uri(instanceId, path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private URI uri(String instanceId, String path) {
        return URI.create("http://localhost:" + ports.get(instanceId) + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        instances.values().forEach(ConfigurableApplicationContext::close);
        instances.clear();
        broker.close();
    }
}
