package io.orderplatform.dev;

import io.orderplatform.embedded.Infrastructure;
import io.orderplatform.inventory.InventoryCommandApplication;
import io.orderplatform.order.OrderCommandApplication;
import io.orderplatform.projection.ProjectionServiceApplication;
import io.orderplatform.saga.SagaOrchestratorApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform's services started in this JVM against one infrastructure, each with its own database
 * and settings as in production. Dev mode runs them; end-to-end tests run them too, and stop and start
 * one of them as an outage would. Closing stops them in reverse order.
 */
public final class PlatformServices implements AutoCloseable {

    /** The services, in start order, by the name they run under and the database they own, if any. */
    public enum Service {
        ORDER_COMMAND("order-command", "order_command"),
        INVENTORY_COMMAND("inventory-command", "inventory_command"),
        SAGA_ORCHESTRATOR("saga-orchestrator", null),
        PROJECTION_SERVICE("projection-service", null);

        private final String serviceName;
        private final String database;

        Service(String serviceName, String database) {
            this.serviceName = serviceName;
            this.database = database;
        }

        /** Its {@code spring.application.name}, e.g. {@code order-command}. */
        public String serviceName() {
            return serviceName;
        }

        /** The database it owns; empty for the Kafka Streams services, which keep their state in Kafka. */
        public Optional<String> database() {
            return Optional.ofNullable(database);
        }

        public static Service named(String serviceName) {
            return Arrays.stream(values())
                    .filter(service -> service.serviceName.equals(serviceName))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalArgumentException(
                                    "no service named " + serviceName
                                            + "; the services are order-command, inventory-command, saga-orchestrator, projection-service"));
        }
    }

    /** The ports the services listen on; 0 picks a free one. */
    public record Ports(int orderCommand, int inventoryCommand, int sagaOrchestrator, int projectionService) {}

    private final Map<Service, List<String>> settings = new EnumMap<>(Service.class);
    private final Map<Service, ConfigurableApplicationContext> running = new EnumMap<>(Service.class);
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);

    private PlatformServices(Infrastructure infrastructure, Ports ports, Path stateDir, String... extra) {
        for (Service service : Service.values()) {
            settings.put(
                    service,
                    settings(
                            service,
                            infrastructure,
                            port(service, ports),
                            stateDir.resolve(service.serviceName()),
                            List.of(extra)));
        }
    }

    /**
     * The settings one service runs with, as command-line arguments: its database (command services),
     * Kafka, its port and where it keeps its local state (Kafka Streams services). In a JVM shared with
     * the other services, the Streams services leave out the command side's auto-configurations.
     *
     * @param port 0 picks a free one
     * @param stateDir this service's own state directory
     * @param extra further settings, after these, so they win
     */
    public static List<String> settings(
            Service service, Infrastructure infrastructure, int port, Path stateDir, List<String> extra) {
        List<String> args = new ArrayList<>();
        switch (service) {
            case ORDER_COMMAND, INVENTORY_COMMAND -> {
                String database = service.database().orElseThrow();
                args.add("--spring.datasource.url=" + infrastructure.jdbcUrl(database));
                args.add("--spring.datasource.username=" + infrastructure.databaseUsername());
                args.add("--spring.datasource.password=" + infrastructure.databasePassword());
                args.add("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers());
                args.add("--server.port=" + port);
            }
            case SAGA_ORCHESTRATOR -> {
                args.add("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers());
                args.add("--server.port=" + port);
                args.add("--saga.state-dir=" + stateDir);
                args.add("--spring.autoconfigure.exclude=" + String.join(",", CommandSideAutoConfigurations.names()));
            }
            case PROJECTION_SERVICE -> {
                args.add("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers());
                // Its own address is advertised to its peers for routing queries: a real port, never 0.
                args.add("--server.port=" + (port == 0 ? freePort() : port));
                args.add("--projection.state-dir=" + stateDir);
                args.add("--spring.autoconfigure.exclude=" + String.join(",", CommandSideAutoConfigurations.names()));
            }
        }
        args.addAll(extra);
        return args;
    }

    private static int port(Service service, Ports ports) {
        return switch (service) {
            case ORDER_COMMAND -> ports.orderCommand();
            case INVENTORY_COMMAND -> ports.inventoryCommand();
            case SAGA_ORCHESTRATOR -> ports.sagaOrchestrator();
            case PROJECTION_SERVICE -> ports.projectionService();
        };
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

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Spring Boot application class of a service. */
    public static Class<?> application(Service service) {
        return switch (service) {
            case ORDER_COMMAND -> OrderCommandApplication.class;
            case INVENTORY_COMMAND -> InventoryCommandApplication.class;
            case SAGA_ORCHESTRATOR -> SagaOrchestratorApplication.class;
            case PROJECTION_SERVICE -> ProjectionServiceApplication.class;
        };
    }
}
