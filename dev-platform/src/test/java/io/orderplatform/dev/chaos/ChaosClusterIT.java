package io.orderplatform.dev.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run on a real cluster mode ({@code ./cluster.sh}: three Kafka nodes, PostgreSQL, two
 * instances of every service, HAProxy): under a steady load through the front door it kills -9 the broker
 * leading most partitions, an order-command instance and a saga instance, starts each again, then checks
 * from the event topics that every acknowledged order was placed once and ended once with the outcome
 * its stock called for, and that every SKU's stock adds up. Needs {@code haproxy} (./test.sh installs
 * it where it can).
 */
class ChaosClusterIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = REPOSITORY.resolve("cluster.sh");
    private static final Path DATA = Path.of("target", "chaos-cluster").toAbsolutePath();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster(Duration.ofMinutes(10), "--fresh");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster(Duration.ofMinutes(2), "stop");
    }

    @Test
    void brokers_and_instances_killed_under_load_lose_nothing_and_apply_nothing_twice() throws Exception {
        ChaosRun.Settings settings =
                new ChaosRun.Settings("short", 10, Duration.ofSeconds(5), Duration.ofSeconds(10), SCRIPT, DATA);

        ChaosRun.Result result = ChaosRun.run(settings);

        System.out.println(ChaosRun.report(settings, result));
        assertThat(result.audit().acknowledged()).as("orders acknowledged").isGreaterThan(100);
        assertThat(result.faults()).hasSize(3);
        assertThat(result.violations()).as("what the topics show").isEmpty();
        assertThat(result.abandoned()).as("keyed orders the client gave up on").isZero();
        assertThat(result.refused()).as("orders refused with a 4xx").isZero();
    }

    private static void cluster(Duration timeout, String... arguments) throws IOException, InterruptedException {
        Files.createDirectories(DATA);
        Path log = DATA.resolveSibling("chaos-cluster-" + arguments[0].replace("-", "") + ".log");
        ProcessBuilder builder = new ProcessBuilder(prepend(SCRIPT.toString(), arguments))
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CLUSTER_DATA_DIR", DATA.toString());
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("cluster.sh " + arguments[0] + " did not end within " + timeout);
        }
        assertThat(process.exitValue())
                .as("cluster.sh %s (its output: %s):%n%s", arguments[0], log, Files.readString(log))
                .isZero();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
