package io.orderplatform.dev.cluster;

import io.orderplatform.embedded.EmbeddedKafkaBroker;
import io.orderplatform.embedded.EmbeddedKafkaBroker.ClusterNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of cluster mode's Kafka cluster, as a process of its own, so that it can be killed and
 * started again alone. It runs until SIGTERM, then shuts down in a controlled way (its partitions'
 * leadership moves to the other nodes first).
 *
 * <p>Every node must be formatted with the same cluster id, or it refuses to join: the first node to
 * start creates it in the cluster-id file, under a file lock, and the others read it from there.
 */
public final class KafkaNodeProcess {

    private static final Logger log = LoggerFactory.getLogger(KafkaNodeProcess.class);

    static final String USAGE = "kafka-node <node id> --port <client port> --controller-port <port>"
            + " --voters 1@localhost:<port>,2@localhost:<port>,3@localhost:<port> --data-dir <dir>"
            + " --cluster-id-file <file>";

    private KafkaNodeProcess() {}

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args, USAGE);
        ClusterNode node = new ClusterNode(
                options.number("node id", options.positional(0, "node id")),
                options.number("port"),
                options.number("controller-port"),
                options.required("voters"));
        String clusterId = clusterId(Path.of(options.required("cluster-id-file")));
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.startClusterNode(Path.of(options.required("data-dir")), node, clusterId);
        } catch (IOException | RuntimeException e) {
            // Threads the node had started would keep a failed process alive, looking like a node.
            log.error("Kafka node {} failed to start", node.nodeId(), e);
            System.exit(1);
            return;
        }
        // The node's own threads keep the JVM running; SIGTERM runs this.
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-node-shutdown"));
    }

    /**
     * The cluster's id: read from {@code file}, or created there by the first node to start. The file lock
     * keeps node processes apart; {@code synchronized}, threads of one JVM (a file lock is held per JVM).
     */
    static synchronized String clusterId(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            String clusterId = Uuid.randomUuid().toString();
            Files.writeString(file, clusterId + "\n");
            return clusterId;
        }
    }
}
