package io.orderplatform.kafka.deadletter;

/**
 * Where a record was first read: its source topic, partition and offset. For a retried record, where
 * its dead letter had been read from, not the retry topic.
 *
 * @param partition -1 when not known
 * @param offset -1 when not known
 */
public record RecordOrigin(String topic, int partition, long offset) {}
