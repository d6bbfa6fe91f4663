package io.orderplatform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The infrastructure shared by every integration test of one JVM: started on first use, stopped
 * when the JVM exits. The system property {@code platform.infrastructure} chooses {@code embedded}
 * (default, no Docker needed) or {@code testcontainers}.
 */
public final class SharedInfrastructure {

    private SharedInfrastructure() {}

    public static Infrastructure get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        private static final Infrastructure INSTANCE = start();

        private static Infrastructure start() {
            String kind = System.getProperty("platform.infrastructure", "embedded");
            try {
                AutoCloseable infrastructure = switch (kind) {
                    case "embedded" ->
                        EmbeddedInfrastructure.start(Files.createTempDirectory("order-platform-test"), 0, 0, false);
                    case "testcontainers" -> new TestcontainersInfrastructure();
                    default ->
                        throw new IllegalArgumentException(
                                "platform.infrastructure must be embedded or testcontainers, not " + kind);
                };
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(infrastructure)));
                return (Infrastructure) infrastructure;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void closeQuietly(AutoCloseable infrastructure) {
            try {
                infrastructure.close();
            } catch (Exception e) {
                System.err.println("stopping the test infrastructure failed: " + e);
            }
        }
    }
}
