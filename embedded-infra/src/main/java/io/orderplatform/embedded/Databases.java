package io.orderplatform.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Each service owns one database on the shared server; this creates it on first use. */
final class Databases {

    private Databases() {}

    /**
     * Creates a database unless it exists.
     *
     * @param admin a connection to any database of the server, with the right to create databases
     * @param database a plain lower-case name, e.g. {@code order_command}
     */
    static void createIfMissing(Connection admin, String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return;
            }
        }
        try (Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
    }
}
