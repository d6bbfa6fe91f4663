package io.orderplatform.kafka.deadletter.admin;

import java.util.Map;

/**
 * One dead letter as an operator sees it: where it sits, who gave up on it, where it came from, why
 * and when, every header as text, the payload as text, and whether it was redriven or discarded.
 *
 * @param partition its partition in the dead-letter topic
 * @param offset its offset there; with the partition, what a redrive or discard of one names
 * @param sourcePartition null if not known
 * @param sourceOffset null if not known
 * @param type its {@code ce_type}, if it had one
 * @param headers every header, the last value of each name
 */
public record DeadLetter(
        int partition,
        long offset,
        String key,
        String consumer,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset,
        String errorClass,
        String errorMessage,
        String reason,
        String failedAt,
        String type,
        Map<String, String> headers,
        String payload,
        boolean redriven,
        boolean discarded) {}
