package io.orderplatform.dev.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaNodeProcessTest {

    @Test
    void every_node_gets_the_cluster_id_the_first_one_created(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/kafka-cluster.id");
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (ExecutorService nodes = Executors.newFixedThreadPool(3)) {
            for (int node = 0; node < 3; node++) {
                nodes.execute(() -> {
                    try {
                        ids.add(KafkaNodeProcess.clusterId(file));
                    } catch (Exception e) {
                        ids.add("failed: " + e);
                    }
                });
            }
            nodes.shutdown();
            assertThat(nodes.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(ids).hasSize(1);
        assertThat(Files.readString(file).strip()).isEqualTo(ids.iterator().next());
        assertThat(KafkaNodeProcess.clusterId(file)).isEqualTo(ids.iterator().next());
    }
}
