package io.orderplatform.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL and Kafka in containers, from the same images as {@code docker-compose.yml}. Needs a
 * Docker engine; chosen with {@code -Dplatform.infrastructure=testcontainers} (Maven profile
 * {@code testcontainers}).
 */
final class TestcontainersInfrastructure implements Infrastructure, AutoCloseable {

    static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
    static final String POSTGRES_IMAGE = "postgres:17";

    private final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    private final PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);

    TestcontainersInfrastructure() {
        kafka.start();
        postgres.start();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        try (Connection connection =
                DriverManager.getConnection(postgres.getJdbcUrl(), databaseUsername(), databasePassword())) {
            Databases.createIfMissing(connection, database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getFirstMappedPort() + "/" + database;
    }

    @Override
    public String databaseUsername() {
        return postgres.getUsername();
    }

    @Override
    public String databasePassword() {
        return postgres.getPassword();
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
