package io.orderplatform.embedded;

/**
 * Where a service finds PostgreSQL and Kafka. Tests and dev mode get it from
 * {@link SharedInfrastructure}; production reads the same settings from its configuration.
 */
public interface Infrastructure {

    String kafkaBootstrapServers();

    /** JDBC URL of a service's own database, created if missing. */
    String jdbcUrl(String database);

    String databaseUsername();

    String databasePassword();
}
