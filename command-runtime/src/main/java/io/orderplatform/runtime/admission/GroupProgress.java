package io.orderplatform.runtime.admission;

import java.util.Map;

/**
 * Where one consumer group stands on its watched topics at one moment, partition by partition.
 *
 * @param group the consumer group
 * @param partitions by partition ({@code topic-n}): the group's committed offset and how many records
 *     lie between it and the end of the partition
 */
public record GroupProgress(String group, Map<String, Position> partitions) {

    public GroupProgress {
        partitions = Map.copyOf(partitions);
    }

    /** A group's committed offset on one partition and the records behind it. */
    public record Position(long committed, long lag) {}

    /** The sum of the committed offsets: grows by what the group read. */
    long consumed() {
        return partitions.values().stream().mapToLong(Position::committed).sum();
    }
}
