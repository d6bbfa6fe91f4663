package io.orderplatform.saga.domain;

import java.util.List;

/**
 * What a saga does with one input: its state after it, and the commands to send. Both leave in one
 * Kafka transaction, so a crash never separates them.
 *
 * @param state the saga after the input; null if there is no saga (the input was not for one)
 * @param commands the commands to send, in order
 * @param ignored why the input changed nothing (a duplicate, a late reply); null if it was applied
 */
public record SagaChange(SagaState state, List<SagaCommand<?>> commands, String ignored) {

    public SagaChange {
        commands = List.copyOf(commands);
    }

    static SagaChange ignored(SagaState state, String why) {
        return new SagaChange(state, List.of(), why);
    }
}
