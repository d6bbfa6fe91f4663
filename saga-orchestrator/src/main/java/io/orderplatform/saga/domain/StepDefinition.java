package io.orderplatform.saga.domain;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One step of a saga as declared: the commands it sends (one per target, all at once) and where they
 * go, the step that undoes it, and how long it waits for replies.
 *
 * @param name the step's name, e.g. {@code reserve-stock}; what its runs are recorded under
 * @param targets what the step sends a command for: each line's SKU, or just the order
 * @param destination where its commands go
 * @param command the participant command for one target
 * @param compensation the step that undoes a success (or a possible success: a timeout) of this one, or
 *     null if nothing undoes it
 * @param retry how long to wait for each reply and how often to resend
 * @param <C> the commands of its destination
 */
public record StepDefinition<C>(
        String name,
        Function<SagaState, List<String>> targets,
        Destination<C> destination,
        BiFunction<SagaState, String, ? extends C> command,
        StepDefinition<?> compensation,
        RetryPolicy retry) {

    /** A step that nothing undoes; see {@link #compensatedBy}. */
    public static <C> StepDefinition<C> step(
            String name,
            Function<SagaState, List<String>> targets,
            Destination<C> destination,
            BiFunction<SagaState, String, ? extends C> command,
            RetryPolicy retry) {
        return new StepDefinition<>(name, targets, destination, command, null, retry);
    }

    /** This step, undone by {@code undo} wherever it succeeded or may have. */
    public StepDefinition<C> compensatedBy(StepDefinition<?> undo) {
        return new StepDefinition<>(name, targets, destination, command, undo, retry);
    }

    /** The command of this step for {@code target}, as the saga stands. */
    SagaCommand<C> commandFor(SagaState saga, String target, String commandId, String causationId) {
        return new SagaCommand<>(commandId, causationId, destination, command.apply(saga, target));
    }
}
