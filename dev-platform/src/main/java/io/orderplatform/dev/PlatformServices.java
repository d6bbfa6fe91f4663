package io.orderplatform.dev;

import io.orderplatform.embedded.Infrastructure;
import io.orderplatform.inventory.InventoryCommandApplication;
import io.orderplatform.order.OrderCommandApplication;
import io.orderplatform.projection.ProjectionServiceApplication;
import io.orderplatform.saga.SagaOrchestratorApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform's services started in this JVM against one infrastructure, each with its own database
 * and settings as in production. Dev mode runs them; end-to-end tests run them too, and stop and start
 * one of them as an outage would. Closing stops them in reverse order.
 */
public final class PlatformServices implements AutoCloseable {

    /** The services, in start order. */
    public enum Service {
        ORDER_COMMAND,
        INVENTORY_COMMAND,
        SAGA_ORCHESTRATOR,
        PROJECTION_SERVICE
    }

    /** The ports the services listen on; 0 picks a free one. */
    public record Ports(int orderCommand, int inventoryCommand, int sagaOrchestrator, int projectionService) {}

    private final Map<Service, List<String>> settings = new EnumMap<>(Service.class);
    private final Map<Service, ConfigurableApplicationContext> running = new EnumMap<>(Service.class);
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);

    private PlatformServices(Infrastructure infrastructure, Ports ports, Path stateDir, String... extra) {
        settings.put(
                Service.ORDER_COMMAND, commandService(infrastructure, "order_command", ports.orderCommand(), extra));
        settings.put(
                Service.INVENTORY_COMMAND,
                commandService(infrastructure, "inventory_command", ports.inventoryCommand(), extra));
        List<String> saga = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--server.port=" + ports.sagaOrchestrator(),
                "--saga.state-dir=" + stateDir.resolve("saga-orchestrator"),
                "--spring.autoconfigure.exclude=" + String.join(",", CommandSideAutoConfigurations.names())));
        saga.addAll(List.of(extra));
        settings.put(Service.SAGA_ORCHESTRATOR, saga);
        List<String> projections = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                // Its own address is advertised to its peers for routing queries: a real port, never 0.
                "--server.port=" + (ports.projectionService() == 0 ? freePort() : ports.projectionService()),
                "--projection.state-dir=" + stateDir.resolve("projection-service"),
                "--spring.autoconfigure.exclude=" + String.join(",", CommandSideAutoConfigurations.names())));
        projections.addAll(List.of(extra));
        settings.put(Service.PROJECTION_SERVICE, projections);
    }

    /**
     * Starts every service.
     *
     * @param stateDir where the Kafka Streams services keep their local state (rebuilt from Kafka if lost)
     * @param extra further settings for every service, e.g. {@code --saga.step-timeout=PT1S}
     */
    public static PlatformServices start(Infrastructure infrastructure, Ports ports, Path stateDir, String... extra) {
        PlatformServices services = new PlatformServices(infrastructure, ports, stateDir, extra);
        try {
            for (Service service : Service.values()) {
                services.start(service);
            }
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** Starts a service that is not running, on the port it had before if it had one. */
    public void start(Service service) {
        List<String> args = new ArrayList<>(settings.get(service));
        if (ports.containsKey(service)) {
            args.removeIf(arg -> arg.startsWith("--server.port="));
            args.add("--server.port=" + ports.get(service));
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application(service))
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        running.put(service, context);
        ports.put(
                service, ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** Stops a service, as an operator (or an outage) would. */
    public void stop(Service service) {
        ConfigurableApplicationContext context = running.remove(service);
        if (context != null) {
            context.close();
        }
    }

    public int port(Service service) {
        return ports.get(service);
    }

    @Override
    public void close() {
        List<Service> order = new ArrayList<>(List.of(Service.values()));
        java.util.Collections.reverse(order);
        order.forEach(this::stop);
    }

    private static List<String> commandService(
            Infrastructure infrastructure, String database, int port, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + infrastructure.jdbcUrl(database),
                "--spring.datasource.username=" + infrastructure.databaseUsername(),
                "--spring.datasource.password=" + infrastructure.databasePassword(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--server.port=" + port));
        args.addAll(List.of(extra));
        return args;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Class<?> application(Service service) {
        return switch (service) {
            case ORDER_COMMAND -> OrderCommandApplication.class;
            case INVENTORY_COMMAND -> InventoryCommandApplication.class;
            case SAGA_ORCHESTRATOR -> SagaOrchestratorApplication.class;
            case PROJECTION_SERVICE -> ProjectionServiceApplication.class;
        };
    }
}
