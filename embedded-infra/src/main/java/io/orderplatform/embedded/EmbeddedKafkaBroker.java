package io.orderplatform.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka node in KRaft mode (combined broker and controller) running in this JVM: either the
 * single node of dev mode and the tests ({@link #start(Path, int, int)}), or one node of a replicated
 * cluster whose other nodes run in processes of their own ({@link #startClusterNode(Path, ClusterNode,
 * String)}). Its log directory is formatted once and then reused, so topics and records survive
 * restarts.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Replicas of every topic in a cluster: one node may be lost without losing a write or a leader. */
    private static final int CLUSTER_REPLICAS = 3;

    /** Writes a cluster acknowledges ({@code acks=all}) are on at least this many nodes. */
    private static final int CLUSTER_MIN_IN_SYNC = 2;

    private final KafkaRaftServer server;
    private final int port;

    /**
     * One node of a static KRaft quorum.
     *
     * @param nodeId this node's id, one of the ids in {@code quorumVoters}
     * @param port the client port, bound and advertised on localhost
     * @param controllerPort the KRaft controller port, bound on localhost
     * @param quorumVoters every controller of the cluster, {@code id@host:port} separated by commas, e.g.
     *     {@code 1@localhost:19093,2@localhost:29093,3@localhost:39093}: the same on every node
     */
    public record ClusterNode(int nodeId, int port, int controllerPort, String quorumVoters) {

        public ClusterNode {
            if (!quorumVoters.matches("(\\d+@[^,@]+:\\d+)(,\\d+@[^,@]+:\\d+)*")) {
                throw new IllegalArgumentException("quorum voters must be id@host:port,...: " + quorumVoters);
            }
            if (!(',' + quorumVoters).contains("," + nodeId + "@")) {
                throw new IllegalArgumentException("node " + nodeId + " is not one of the voters " + quorumVoters);
            }
            if (quorumVoters.split(",").length < CLUSTER_REPLICAS) {
                throw new IllegalArgumentException(
                        "a replicated cluster needs at least " + CLUSTER_REPLICAS + " voters: " + quorumVoters);
            }
        }
    }

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats the log directory if it is new and starts a single-node broker: every topic has one
     * replica.
     *
     * @param logDir where the broker keeps its data; reused if already formatted
     * @param port the client port, bound on localhost
     * @param controllerPort the KRaft controller port, bound on localhost
     * @return the running broker
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port, int controllerPort) throws IOException {
        Properties config = config(logDir, 1, port, controllerPort, "1@localhost:" + controllerPort);
        replicateInternalTopics(config, 1, 1);
        return start(logDir, config, Uuid.randomUuid().toString(), port);
    }

    /**
     * Formats the log directory if it is new and starts one node of a replicated cluster: every topic,
     * the internal ones (consumer offsets, transactions, share groups) included, has three replicas and
     * accepts a write acknowledged by all of them only while two are in sync. The node takes part in
     * the static controller quorum as well.
     *
     * @param logDir where the node keeps its data; reused if already formatted
     * @param node this node and the quorum it belongs to
     * @param clusterId the cluster's id, the same for every node (a node formatted with another one
     *     refuses to join); see {@link Uuid#randomUuid()}
     * @return the running node; it serves clients once a majority of the voters is up
     */
    public static EmbeddedKafkaBroker startClusterNode(Path logDir, ClusterNode node, String clusterId)
            throws IOException {
        Properties config = config(logDir, node.nodeId(), node.port(), node.controllerPort(), node.quorumVoters());
        replicateInternalTopics(config, CLUSTER_REPLICAS, CLUSTER_MIN_IN_SYNC);
        config.put("default.replication.factor", String.valueOf(CLUSTER_REPLICAS));
        config.put("min.insync.replicas", String.valueOf(CLUSTER_MIN_IN_SYNC));
        // A node that dies is fenced, and its partitions led by another, after 3 s without a heartbeat instead
        // of 9: the time producers and consumers of those partitions wait.
        config.put("broker.session.timeout.ms", "3000");
        config.put("broker.heartbeat.interval.ms", "500");
        // Several nodes share a small machine with the services: fewer request and background threads.
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        config.put("background.threads", "4");
        return start(logDir, config, clusterId, node.port());
    }

    private static EmbeddedKafkaBroker start(Path logDir, Properties config, String clusterId, int port)
            throws IOException {
        Files.createDirectories(logDir);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(logDir, config, clusterId);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        log.info("Kafka node {} listening on localhost:{} (data in {})", config.getProperty("node.id"), port, logDir);
        return new EmbeddedKafkaBroker(server, port);
    }

    private static Properties config(Path logDir, int nodeId, int port, int controllerPort, String quorumVoters) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(nodeId));
        config.put("controller.quorum.voters", quorumVoters);
        config.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir.toAbsolutePath().toString());
        config.put("num.partitions", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "false");
        return config;
    }

    /** The topics Kafka creates for itself: consumer offsets, transaction state, share-group state. */
    private static void replicateInternalTopics(Properties config, int replicas, int minInSync) {
        config.put("offsets.topic.replication.factor", String.valueOf(replicas));
        config.put("transaction.state.log.replication.factor", String.valueOf(replicas));
        config.put("transaction.state.log.min.isr", String.valueOf(minInSync));
        config.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicas));
        config.put("share.coordinator.state.topic.min.isr", String.valueOf(minInSync));
    }

    private static void format(Path logDir, Properties config, String clusterId) throws IOException {
        Path configFile = logDir.resolveSibling(logDir.getFileName() + ".format.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "embedded Kafka broker, used once to format the log directory");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", configFile.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        Files.deleteIfExists(configFile);
        if (exit != 0) {
            throw new IllegalStateException(
                    "formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker on localhost:{} stopped", port);
    }
}
