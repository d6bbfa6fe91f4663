package io.orderplatform.runtime.admission;

/**
 * Where one consumer group stands on its watched topics at one moment.
 *
 * @param group the consumer group
 * @param consumed the sum of its committed offsets over the watched partitions: grows by what it read
 * @param lag the sum, over the same partitions, of how many records lie between its committed offset
 *     and the end of the partition
 */
public record GroupProgress(String group, long consumed, long lag) {}
