package io.orderplatform.kafka.deadletter.admin;

import java.util.List;

/**
 * What a redrive or discard did, or would do in a dry run.
 *
 * @param action {@code redrive} or {@code discard}
 * @param count the dead letters redriven or discarded (in a dry run: that would be)
 * @param positions where those dead letters sit, by partition then offset
 * @param skipped selected dead letters left alone because they were redriven or discarded before
 */
public record DeadLetterChange(
        String sourceTopic, String action, boolean dryRun, int count, List<Position> positions, int skipped) {

    public DeadLetterChange {
        positions = List.copyOf(positions);
    }

    /** A dead letter's place in its dead-letter topic. */
    public record Position(int partition, long offset) {}
}
