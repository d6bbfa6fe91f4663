package io.orderplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL left running on a data directory (its JVM was killed) is stopped before a new start. */
class LeftoverPostgresTest {

    @Test
    void a_server_left_running_on_the_data_directory_is_stopped_and_a_new_one_starts_on_the_same_data(
            @TempDir Path dataDir) throws Exception {
        Process owner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        OrphanPostgres.class.getName(),
                        dataDir.toString())
                .inheritIO()
                .start();
        assertThat(owner.waitFor())
                .as("the JVM that started PostgreSQL died without stopping it")
                .isZero();
        long orphanPid = Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
        assertThat(ProcessHandle.of(orphanPid))
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(dataDir, 0, false)) {
            assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive))
                    .isEmpty();
            try (Connection connection =
                            DriverManager.getConnection(next.jdbcUrl("postgres"), next.username(), next.password());
                    ResultSet one = connection.createStatement().executeQuery("SELECT 1")) {
                assertThat(one.next()).isTrue();
            }
        }
    }
}
