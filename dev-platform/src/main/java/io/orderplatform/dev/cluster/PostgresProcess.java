package io.orderplatform.dev.cluster;

import io.orderplatform.dev.PlatformServices.Service;
import io.orderplatform.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode's PostgreSQL as a process of its own: starts the server (durable commits, as dev mode),
 * creates every service's database, then watches it. SIGTERM stops the server (fast shutdown: sessions
 * are disconnected, data flushed). If the server itself dies (killed), this process ends too, so that
 * it shows as down and can be started again.
 */
public final class PostgresProcess {

    private static final Logger log = LoggerFactory.getLogger(PostgresProcess.class);

    static final String USAGE = "postgres --port <port> --data-dir <dir>";

    private PostgresProcess() {}

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args, USAGE);
        Path dataDir = Path.of(options.required("data-dir")).toAbsolutePath();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, options.number("port"), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "postgres-shutdown"));
        for (Service service : Service.values()) {
            service.database().ifPresent(server::createDatabaseIfMissing);
        }
        log.info("PostgreSQL ready on localhost:{}: databases created", server.port());
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        if (postmaster.isEmpty()) {
            log.error("no running postmaster found in {}", dataDir);
            System.exit(1);
        }
        postmaster.get().onExit().join();
        log.error("PostgreSQL (pid {}) has exited", postmaster.get().pid());
        System.exit(1);
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    private static void stop(EmbeddedPostgresServer server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // Already gone (the postmaster was killed): nothing left to stop.
            log.warn("stopping PostgreSQL: {}", e.toString());
        }
    }
}
