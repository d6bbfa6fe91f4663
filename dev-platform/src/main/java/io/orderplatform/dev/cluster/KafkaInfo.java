package io.orderplatform.dev.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * What {@code cluster.sh} asks the Kafka cluster, with the Admin API:
 *
 * <ul>
 *   <li>{@code quorum}: waits until the controller quorum has a leader and the expected number of
 *       brokers are registered, so that the services start against a working cluster;
 *   <li>{@code brokers}: one line, the quorum's leader and the brokers registered, for {@code status};
 *   <li>{@code topics}: every topic (internal ones included) with its partitions, replication factor,
 *       {@code min.insync.replicas} and smallest in-sync set; it fails if a topic is not replicated as
 *       expected, which is how cluster mode's replication settings are checked;
 *   <li>{@code leave}: takes the static members of an instance scaled in out of every consumer group.
 * </ul>
 */
public final class KafkaInfo {

    static final String USAGE = "kafka-info quorum|brokers|topics|leave --bootstrap <host:port,...>"
            + " [--brokers <n>] [--broker <id>] [--wait-seconds <s>] [--replicas <n>] [--min-isr <n>] [--member <instance>]";

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private KafkaInfo() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, USAGE);
        String what = options.positional(0, "what to show");
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                options.required("bootstrap"),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis()))) {
            int exit = switch (what) {
                case "quorum" ->
                    awaitQuorum(
                            admin,
                            options.number("brokers", options.optional("brokers", "3")),
                            options.number("broker", options.optional("broker", "-1")),
                            Duration.ofSeconds(
                                    options.number("wait-seconds", options.optional("wait-seconds", "120"))));
                case "brokers" -> brokers(admin);
                case "topics" ->
                    topics(
                            admin,
                            options.number("replicas", options.optional("replicas", "3")),
                            options.number("min-isr", options.optional("min-isr", "2")));
                case "leave" -> leave(admin, options.required("member"));
                default -> throw options.misuse("unknown: " + what);
            };
            System.exit(exit);
        }
    }

    /**
     * Waits, in this one JVM, until the quorum has a leader and {@code brokers} brokers are registered
     * (with {@code broker} among them unless it is negative): a restarted node recovers its logs first,
     * for a minute or more under load, and a JVM started every second to ask would cost a core's worth.
     */
    private static int awaitQuorum(Admin admin, int brokers, int broker, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                QuorumInfo quorum = get(admin.describeMetadataQuorum().quorumInfo());
                Set<Integer> registered = registered(admin);
                last = describe(quorum, registered);
                if (quorum.leaderId() >= 0
                        && registered.size() >= brokers
                        && (broker < 0 || registered.contains(broker))) {
                    System.out.println(last);
                    return 0;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = "no answer: " + e.getMessage();
            }
            Thread.sleep(500);
        }
        System.out.println("the cluster was not ready within " + wait.toSeconds() + " s: " + last);
        return 1;
    }

    private static int brokers(Admin admin) throws InterruptedException {
        try {
            System.out.println(describe(get(admin.describeMetadataQuorum().quorumInfo()), registered(admin)));
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("no answer from the cluster: " + e.getMessage());
            return 1;
        }
    }

    private static int topics(Admin admin, int replicas, int minInSync)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> names = new TreeSet<>(
                get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names()));
        Map<String, TopicDescription> topics =
                new TreeMap<>(get(admin.describeTopics(names).allTopicNames()));
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs =
                get(admin.describeConfigs(resources).all());
        List<String> wrong = new ArrayList<>();
        System.out.printf("%-70s %10s %8s %8s %8s%n", "topic", "partitions", "replicas", "min.isr", "isr>=");
        for (TopicDescription topic : topics.values()) {
            List<TopicPartitionInfo> partitions = topic.partitions();
            int fewestReplicas =
                    partitions.stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            int mostReplicas =
                    partitions.stream().mapToInt(p -> p.replicas().size()).max().orElse(0);
            int fewestInSync =
                    partitions.stream().mapToInt(p -> p.isr().size()).min().orElse(0);
            String minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .get("min.insync.replicas")
                    .value();
            System.out.printf(
                    "%-70s %10d %8s %8s %8d%n",
                    topic.name(),
                    partitions.size(),
                    fewestReplicas == mostReplicas ? fewestReplicas : fewestReplicas + "-" + mostReplicas,
                    minIsr,
                    fewestInSync);
            if (fewestReplicas != replicas || mostReplicas != replicas || !minIsr.equals(String.valueOf(minInSync))) {
                wrong.add(topic.name());
            }
        }
        if (wrong.isEmpty()) {
            System.out.printf(
                    "%d topics, every one with %d replicas per partition and min.insync.replicas=%d%n",
                    topics.size(), replicas, minInSync);
            return 0;
        }
        System.out.printf(
                "%d of %d topics are not replicated %d times with min.insync.replicas=%d: %s%n",
                wrong.size(), topics.size(), replicas, minInSync, wrong);
        return 1;
    }

    /**
     * Takes a removed instance's static members out of every consumer group at once. A member with a
     * {@code group.instance.id} does not leave its group when it stops (so that a restart resumes at
     * once): scaled in for good, its partitions would wait a whole session timeout for nobody. Its ids
     * are the instance's ({@code <service>-<n>}) or start with it (a Streams thread's {@code -<i>}).
     */
    private static int leave(Admin admin, String instance)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> groups = get(
                        admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())
                .stream()
                .map(GroupListing::groupId)
                .toList();
        Map<String, ConsumerGroupDescription> described = groups.isEmpty()
                ? Map.of()
                : get(admin.describeConsumerGroups(groups).all());
        int removed = 0;
        for (ConsumerGroupDescription group : described.values()) {
            List<MemberToRemove> leaving = group.members().stream()
                    .map(MemberDescription::groupInstanceId)
                    .flatMap(Optional::stream)
                    .filter(id -> id.equals(instance) || id.startsWith(instance + "-"))
                    .map(MemberToRemove::new)
                    .toList();
            if (!leaving.isEmpty()) {
                get(admin.removeMembersFromConsumerGroup(
                                group.groupId(), new RemoveMembersFromConsumerGroupOptions(leaving))
                        .all());
                removed += leaving.size();
                System.out.printf("%s: %d member(s) of %s removed%n", group.groupId(), leaving.size(), instance);
            }
        }
        if (removed == 0) {
            System.out.printf("no group has a member of %s%n", instance);
        }
        return 0;
    }

    private static Set<Integer> registered(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        Collection<Node> nodes = get(admin.describeCluster().nodes());
        return nodes.stream().map(Node::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(QuorumInfo quorum, Set<Integer> registered) {
        return "quorum-leader=" + quorum.leaderId() + " voters="
                + quorum.voters().stream()
                        .map(voter -> String.valueOf(voter.replicaId()))
                        .sorted()
                        .collect(Collectors.joining(","))
                + " brokers="
                + registered.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(CALL_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    }
}
