package io.orderplatform.dev.cluster;

import io.orderplatform.embedded.Infrastructure;

/**
 * Where a cluster-mode service finds the Kafka cluster and PostgreSQL, which run in processes of their
 * own. The databases exist already: {@link PostgresProcess} creates them.
 *
 * @param kafkaBootstrapServers some or all of the cluster's nodes, {@code host:port} separated by commas
 * @param postgres {@code host:port} of the PostgreSQL server
 */
record ClusterInfrastructure(String kafkaBootstrapServers, String postgres) implements Infrastructure {

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres + "/" + database;
    }

    @Override
    public String databaseUsername() {
        return "postgres";
    }

    @Override
    public String databasePassword() {
        return "postgres";
    }
}
