package io.orderplatform.dev.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Drives a running cluster mode the way an operator would: {@code ./cluster.sh kill NAME}, {@code start
 * NAME} and {@code scale SERVICE N}, and asks Kafka which broker leads most partitions and which one
 * coordinates the relays' transactions (the targets of the broker faults).
 */
final class ClusterControl implements AutoCloseable {

    static final String BOOTSTRAP = "localhost:19092,localhost:29092,localhost:39092";

    private final Path script;
    private final Path dataDir;
    private final Admin admin;

    ClusterControl(Path script, Path dataDir) {
        this.script = script;
        this.dataDir = dataDir;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    void kill(String name) {
        run("kill", name);
    }

    void start(String name) {
        run("start", name);
    }

    void scale(String service, int instances) {
        run("scale", service, String.valueOf(instances));
    }

    /** The broker that leads the most partitions of the platform's topics, as {@code kafka-N}. */
    String leaderOfMostPartitions() throws ExecutionException, InterruptedException {
        Collection<String> topics = admin.listTopics().names().get();
        Map<String, TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get();
        Map<Integer, Integer> led = new HashMap<>();
        for (TopicDescription topic : described.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() != null) {
                    led.merge(partition.leader().id(), 1, Integer::sum);
                }
            }
        }
        return "kafka-"
                + led.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
    }

    /** The broker coordinating the transactions of order-command's relays, as {@code kafka-N}. */
    String transactionCoordinator() throws ExecutionException, InterruptedException {
        List<String> relays = admin.listTransactions().all().get().stream()
                .map(TransactionListing::transactionalId)
                .filter(id -> id.startsWith("order-command"))
                .sorted()
                .toList();
        if (relays.isEmpty()) {
            throw new IllegalStateException("no transactional id of order-command is known to the cluster");
        }
        int coordinator = admin.describeTransactions(List.of(relays.getFirst()))
                .description(relays.getFirst())
                .get()
                .coordinatorId();
        return "kafka-" + coordinator;
    }

    private void run(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            if (dataDir != null) {
                builder.environment().put("CLUSTER_DATA_DIR", dataDir.toString());
            }
            Process process = builder.start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within 300 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: exit " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
