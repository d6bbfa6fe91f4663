package io.orderplatform.dev;

import io.orderplatform.dev.chaos.ChaosRun;
import io.orderplatform.dev.cluster.KafkaInfo;
import io.orderplatform.dev.cluster.KafkaNodeProcess;
import io.orderplatform.dev.cluster.PostgresProcess;
import io.orderplatform.dev.cluster.ServiceProcess;
import io.orderplatform.embedded.EmbeddedInfrastructure;
import io.orderplatform.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Dev mode: a real PostgreSQL and a real Kafka broker, embedded, and the platform's services, all
 * in one process. Data is kept between runs under {@code .dev-data/} unless started with
 * {@code --fresh}. Ctrl-C stops the services first, then the infrastructure.
 *
 * <p>Settings (environment): {@code KAFKA_PORT} (9092), {@code POSTGRES_PORT} (15432),
 * {@code ORDER_COMMAND_PORT} (8081), {@code INVENTORY_COMMAND_PORT} (8082), {@code SAGA_ORCHESTRATOR_PORT}
 * (8083), {@code PROJECTION_SERVICE_PORT} (8084), {@code DEV_DATA_DIR} (.dev-data).
 *
 * <p>The same jar runs the benchmarks and each process of cluster mode (see {@code cluster.sh}), named by
 * the first argument.
 */
public final class DevPlatform {

    private DevPlatform() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && runSubcommand(args[0], Arrays.copyOfRange(args, 1, args.length))) {
            return;
        }
        Path dataDir = Path.of(env("DEV_DATA_DIR", ".dev-data")).toAbsolutePath();
        EmbeddedPostgresServer.stopLeftover(dataDir.resolve("postgres"));
        if (Stream.of(args).anyMatch("--fresh"::equals)) {
            deleteRecursively(dataDir);
        }
        int kafkaPort = Integer.parseInt(env("KAFKA_PORT", "9092"));
        int postgresPort = Integer.parseInt(env("POSTGRES_PORT", "15432"));
        PlatformServices.Ports ports = new PlatformServices.Ports(
                Integer.parseInt(env("ORDER_COMMAND_PORT", "8081")),
                Integer.parseInt(env("INVENTORY_COMMAND_PORT", "8082")),
                Integer.parseInt(env("SAGA_ORCHESTRATOR_PORT", "8083")),
                Integer.parseInt(env("PROJECTION_SERVICE_PORT", "8084")));

        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(dataDir, postgresPort, kafkaPort, true);
        PlatformServices services;
        try {
            services = PlatformServices.start(infrastructure, ports, dataDir.resolve("state"));
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the platform...");
            services.close();
            infrastructure.close();
        }));

        System.out.printf(
                """

                Order platform is running (data in %s)
                  order-command      http://localhost:%d  (OpenAPI: /v3/api-docs, health: /actuator/health)
                  inventory-command  http://localhost:%d  (OpenAPI: /v3/api-docs, health: /actuator/health)
                  saga-orchestrator  http://localhost:%d  (GET /sagas/{orderId})
                  projection-service http://localhost:%d  (GET /orders/{id}, /orders, /inventory, /sales, /admin/projections)
                  each service's dead letters: GET /admin/dead-letters
                  Kafka bootstrap    %s
                  PostgreSQL         %s (user %s)
                Press Ctrl-C to stop.
                %n""",
                dataDir,
                ports.orderCommand(),
                ports.inventoryCommand(),
                ports.sagaOrchestrator(),
                ports.projectionService(),
                infrastructure.kafkaBootstrapServers(),
                infrastructure.jdbcUrl("order_command"),
                infrastructure.databaseUsername());
    }

    /**
     * Runs what the first argument names, if it names something other than dev mode: a benchmark of
     * {@code bench.sh}, or one process of cluster mode ({@code cluster.sh}).
     */
    private static boolean runSubcommand(String name, String[] args) throws Exception {
        switch (name) {
            case "fulfillment-bench" -> FulfillmentBenchmark.main(args);
            case "visible-bench" -> VisibilityBenchmark.main(args);
            case "rebuild-bench" -> RebuildBenchmark.main(args);
            case "bench" -> OrderLoadBenchmark.main(args);
            case "chaos" -> ChaosRun.main(args);
            case "kafka-node" -> KafkaNodeProcess.main(args);
            case "postgres" -> PostgresProcess.main(args);
            case "service" -> ServiceProcess.main(args);
            case "kafka-info" -> KafkaInfo.main(args);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
