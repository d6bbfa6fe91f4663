package io.orderplatform.saga.domain;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One step of a saga as declared: the commands it sends (one per target, all at once), the step that
 * undoes it, and how long it waits for replies.
 *
 * @param name the step's name, e.g. {@code reserve-stock}
 * @param targets what the step sends a command for: each line's SKU, or just the order
 * @param command the participant command for one target
 * @param compensation the name of the step that undoes a success (or a possible success: a timeout)
 *     of this one, or null if nothing undoes it
 * @param retry how long to wait for each reply and how often to resend
 */
public record StepDefinition(
        String name,
        Function<SagaState, List<String>> targets,
        BiFunction<SagaState, String, Object> command,
        String compensation,
        RetryPolicy retry) {}
