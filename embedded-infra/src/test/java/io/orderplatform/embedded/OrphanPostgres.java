package io.orderplatform.embedded;

import java.nio.file.Path;

/** Starts PostgreSQL on a data directory, then dies as under kill -9: nothing stops the server. */
public final class OrphanPostgres {

    private OrphanPostgres() {}

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer.start(Path.of(args[0]), 0, false);
        Runtime.getRuntime().halt(0);
    }
}
