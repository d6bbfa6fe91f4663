package io.orderplatform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** PostgreSQL and a KRaft Kafka broker, both real and both in this JVM. */
public final class EmbeddedInfrastructure implements Infrastructure, AutoCloseable {

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;

    private EmbeddedInfrastructure(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * Starts both servers with their data under {@code dataDir} ({@code postgres/}, {@code kafka/}).
     *
     * @param dataDir kept between runs; existing data is reused
     * @param postgresPort 0 for any free port
     * @param kafkaPort 0 for any free port
     * @param durableCommits whether PostgreSQL commits wait for disk (see {@link EmbeddedPostgresServer})
     */
    public static EmbeddedInfrastructure start(Path dataDir, int postgresPort, int kafkaPort, boolean durableCommits)
            throws IOException {
        EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.start(dataDir.resolve("postgres"), postgresPort, durableCommits);
        try {
            int port = kafkaPort > 0 ? kafkaPort : freePort();
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port, freePort());
            return new EmbeddedInfrastructure(postgres, kafka);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        postgres.createDatabaseIfMissing(database);
        return postgres.jdbcUrl(database);
    }

    @Override
    public String databaseUsername() {
        return postgres.username();
    }

    @Override
    public String databasePassword() {
        return postgres.password();
    }

    @Override
    public void close() {
        kafka.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
