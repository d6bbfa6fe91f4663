package io.orderplatform.saga.domain;

import java.util.function.Function;

/**
 * What an event of the saga's subject means to the saga, as its definition declares it: the engine
 * knows no event types, only these reactions.
 */
public sealed interface EventReaction {

    /** The event starts the saga; an event of this kind for a saga already started changes nothing. */
    static EventReaction starts(Function<SagaInput.Event<?>, SagaState> state) {
        return new Starts(state);
    }

    /** The event answers the waiting commands of {@code answered} and, if the saga still runs, completes it. */
    static EventReaction completes(StepDefinition<?> answered, String why) {
        return new Completes(answered, why);
    }

    /**
     * The subject ended without the saga (e.g. cancelled): the saga undoes what it did and runs no
     * failure step.
     */
    static EventReaction endsElsewhere(String why) {
        return new EndsElsewhere(why, null, null);
    }

    /** As {@link #endsElsewhere(String)}, and the event answers the waiting commands of {@code answered}. */
    static EventReaction endsElsewhere(String why, StepDefinition<?> answered, String answer) {
        return new EndsElsewhere(why, answered, answer);
    }

    /** @param state the new saga, from the event that starts it */
    record Starts(Function<SagaInput.Event<?>, SagaState> state) implements EventReaction {}

    /**
     * @param answered the step the event answers
     * @param why what the history says, for the answered commands and for the completion
     */
    record Completes(StepDefinition<?> answered, String why) implements EventReaction {}

    /**
     * @param why what the history says for the change to compensating
     * @param answered the step the event answers; null if none
     * @param answer what the history says for the answered commands; null if none
     */
    record EndsElsewhere(String why, StepDefinition<?> answered, String answer) implements EventReaction {}
}
