package io.orderplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.embedded.EmbeddedKafkaBroker.ClusterNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster mode's three nodes, here in one JVM: what the platform relies on when it runs on them. */
class EmbeddedKafkaClusterTest {

    private final List<EmbeddedKafkaBroker> nodes = new ArrayList<>();

    /**
     * All at once: a node stopped last, alone, would wait minutes for a quorum to approve its controlled
     * shutdown (cluster.sh stops the nodes together for the same reason).
     */
    @AfterEach
    void stop() throws InterruptedException {
        List<Thread> stopping = nodes.stream()
                .map(node -> Thread.ofPlatform().start(node::close))
                .toList();
        for (Thread thread : stopping) {
            thread.join();
        }
    }

    @Test
    void replicates_a_topic_created_with_the_broker_default_three_times_and_writes_on_with_a_node_down(
            @TempDir Path dataDir) throws Exception {
        int[] ports = {freePort(), freePort(), freePort()};
        int[] controllerPorts = {freePort(), freePort(), freePort()};
        String voters = "1@localhost:" + controllerPorts[0] + ",2@localhost:" + controllerPorts[1] + ",3@localhost:"
                + controllerPorts[2];
        String clusterId = Uuid.randomUuid().toString();
        // A node waits in its start for a quorum: the three start together.
        List<CompletableFuture<EmbeddedKafkaBroker>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClusterNode node = new ClusterNode(i + 1, ports[i], controllerPorts[i], voters);
            Path logDir = dataDir.resolve("kafka-" + (i + 1));
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return EmbeddedKafkaBroker.startClusterNode(logDir, node, clusterId);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<EmbeddedKafkaBroker> node : starting) {
            nodes.add(node.get(90, TimeUnit.SECONDS));
        }
        String bootstrap = "localhost:" + ports[0] + ",localhost:" + ports[1] + ",localhost:" + ports[2];

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("replicated", Optional.of(3), Optional.empty())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            TopicDescription topic = awaitVisible(admin, "replicated");
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "replicated")))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next();

            assertThat(topic.partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
        }

        nodes.removeLast().close();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "localhost:" + ports[0],
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        60_000),
                new StringSerializer(),
                new StringSerializer())) {
            for (int partition = 0; partition < 3; partition++) {
                producer.send(new ProducerRecord<>("replicated", partition, "k", "v"))
                        .get(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A created topic reaches each node's metadata a moment after the controller answers: a node asked
     * before that says it does not host the topic, so the test asks until the node it reaches knows it.
     */
    private static TopicDescription awaitVisible(Admin admin, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
