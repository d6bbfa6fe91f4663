package io.orderplatform.streams.versions;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the replay needs from the cluster about one version's application id: how far its group is
 * behind the input topics, whether it has members, and deleting its offsets and internal topics (the
 * two things Kafka's application reset tool does besides wiping local state).
 */
public final class GroupAdmin implements AutoCloseable {

    private final Admin admin;
    private final Set<String> inputTopics;

    public GroupAdmin(String bootstrapServers, Collection<String> inputTopics) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        this.inputTopics = Set.copyOf(inputTopics);
    }

    /**
     * @param consumed records behind the group's committed offsets (its position in history)
     * @param lag records not yet consumed, net of the allowed transaction markers
     * @param everCommitted whether the group has committed any offset
     * @param unreadRecords offsets not yet consumed, markers included
     */
    public record Progress(long consumed, long lag, boolean everCommitted, long unreadRecords) {}

    /**
     * Progress of a group through the input topics and its own repartition topics.
     *
     * @param slackPerPartition offsets per partition not counted as lag (transaction markers)
     */
    public Progress progress(String applicationId, long slackPerPartition) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        Set<TopicPartition> partitions =
                get(admin.describeTopics(inputsOf(applicationId)).allTopicNames()).values().stream()
                        .flatMap(topic ->
                                topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                        .collect(Collectors.toSet());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        long consumed = 0;
        long lag = 0;
        long unread = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            long position = at == null ? starts.get(partition) : at.offset();
            consumed += position - starts.get(partition);
            lag += Math.max(0, ends.get(partition) - position - slackPerPartition);
            unread += ends.get(partition) - position;
        }
        return new Progress(consumed, lag, !committed.isEmpty(), unread);
    }

    private Set<String> inputsOf(String applicationId) {
        Set<String> topics = new java.util.HashSet<>(inputTopics);
        topics.addAll(internalTopics(applicationId).stream()
                .filter(topic -> topic.endsWith("-repartition"))
                .toList());
        return topics;
    }

    /**
     * The end of every partition of the input topics now, as {@code "<topic>:<partition>" -> offset}: what
     * a version rebuilt from here must have read before it answers again.
     */
    public Map<String, Long> inputEnds() {
        Set<TopicPartition> partitions = get(admin.describeTopics(inputTopics).allTopicNames()).values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toSet());
        Map<String, Long> ends = new java.util.TreeMap<>();
        offsets(partitions, OffsetSpec.latest())
                .forEach((partition, offset) -> ends.put(partition.topic() + ":" + partition.partition(), offset));
        return ends;
    }

    /**
     * Whether the group has consumed every partition up to the given offsets (as {@link #inputEnds()}
     * gives them), allowing {@code slackPerPartition} offsets that no consumer processes (the marker that
     * ends a transaction).
     */
    public boolean reached(String applicationId, Map<String, Long> ends, long slackPerPartition) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> targets = new HashMap<>();
        ends.forEach((name, offset) -> {
            int colon = name.lastIndexOf(':');
            targets.put(
                    new TopicPartition(name.substring(0, colon), Integer.parseInt(name.substring(colon + 1))), offset);
        });
        Map<TopicPartition, Long> starts = offsets(targets.keySet(), OffsetSpec.earliest());
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            long needed = target.getValue() - slackPerPartition;
            if (needed <= starts.getOrDefault(target.getKey(), 0L)) {
                continue;
            }
            OffsetAndMetadata at = committed.get(target.getKey());
            if (at == null || at.offset() < needed) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = get(admin.listOffsets(
                        request, new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Whether no instance is a member of the group any more (or the group does not exist). */
    public boolean hasNoMembers(String applicationId) {
        try {
            ConsumerGroupDescription group = get(admin.describeConsumerGroups(List.of(applicationId))
                    .describedGroups()
                    .get(applicationId));
            return group.members().isEmpty();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return true;
            }
            throw e;
        }
    }

    /** The client ids of the group's members: the instances taking part (empty if the group does not exist). */
    public java.util.Set<String> memberClientIds(String group) {
        try {
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group))
                    .describedGroups()
                    .get(group));
            return description.members().stream()
                    .map(org.apache.kafka.clients.admin.MemberDescription::clientId)
                    .collect(Collectors.toSet());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Set.of();
            }
            throw e;
        }
    }

    /** The internal topics (changelogs, repartition topics) of an application id. */
    public List<String> internalTopics(String applicationId) {
        return get(admin.listTopics().names()).stream()
                .filter(topic -> topic.startsWith(applicationId + "-"))
                .filter(topic -> topic.endsWith("-changelog") || topic.endsWith("-repartition"))
                .sorted()
                .toList();
    }

    /**
     * Deletes the group's offsets and the version's internal topics, and waits until the topics are
     * gone, so that a restart from scratch recreates them empty. The group must have no members.
     */
    public void reset(String applicationId) throws InterruptedException {
        try {
            get(admin.deleteConsumerGroups(List.of(applicationId)).all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        List<String> topics = internalTopics(applicationId);
        if (!topics.isEmpty()) {
            try {
                get(admin.deleteTopics(topics).all());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!internalTopics(applicationId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the internal topics of " + applicationId + " are still there");
            }
            Thread.sleep(100);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster did not answer in time", e);
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
