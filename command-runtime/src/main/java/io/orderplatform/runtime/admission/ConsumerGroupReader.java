package io.orderplatform.runtime.admission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the watched groups' committed offsets and the ends of their partitions: two admin requests
 * per reading, whatever the number of partitions.
 */
class ConsumerGroupReader implements AdmissionControl.Readings {

    /** How long one reading may take before it is given up (the brokers out of reach). */
    static final long TIMEOUT_MS = 3_000;

    private final Admin admin;
    private final Map<String, Set<String>> watch;

    /** Takes over the admin client: closing the reader closes it. */
    ConsumerGroupReader(Admin admin, Map<String, List<String>> watch) {
        this.admin = admin;
        Map<String, Set<String>> topics = new HashMap<>();
        watch.forEach((group, names) -> topics.put(group, Set.copyOf(names)));
        this.watch = Map.copyOf(topics);
    }

    /** Where every watched group stands now. */
    @Override
    public List<GroupProgress> read() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        watch.keySet().forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                admin.listConsumerGroupOffsets(specs).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        committed.forEach((group, offsets) -> offsets.keySet().stream()
                .filter(partition -> watch.get(group).contains(partition.topic()))
                .forEach(partition -> ends.put(partition, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> endOffsets = ends.isEmpty()
                ? Map.of()
                : admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all()
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

        List<GroupProgress> progress = new ArrayList<>();
        for (String group : watch.keySet()) {
            Map<String, GroupProgress.Position> partitions = new HashMap<>();
            committed.getOrDefault(group, Map.of()).forEach((partition, offset) -> {
                ListOffsetsResultInfo end = endOffsets.get(partition);
                if (end != null && offset != null) {
                    partitions.put(
                            partition.toString(),
                            new GroupProgress.Position(offset.offset(), Math.max(0, end.offset() - offset.offset())));
                }
            });
            progress.add(new GroupProgress(group, partitions));
        }
        progress.sort(Comparator.comparing(GroupProgress::group));
        return progress;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
