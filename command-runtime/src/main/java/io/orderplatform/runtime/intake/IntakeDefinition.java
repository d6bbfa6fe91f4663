package io.orderplatform.runtime.intake;

import io.orderplatform.schemas.catalog.ContractTopic;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a command service accepts from Kafka: declaring this bean (named {@code intakeDefinition})
 * turns the intake on. Build one with {@link #of}.
 *
 * @param topic the command topic to consume, keyed by aggregate id; its message types read the commands
 * @param aggregateIdOf the aggregate a command is for; must equal the record key, so that one
 *     aggregate's commands stay in order on one partition
 * @param replyKeyOf what a command's reply is keyed and correlated by on {@code fulfillment.replies}:
 *     the flow the command serves, which need not be the aggregate (a stock command answers its order)
 * @param isRefusal which exceptions of command handling are business refusals, answered with a
 *     FAILED reply; any other exception is retried, then dead-lettered
 * @param refusalIn the refusal a handler reports in its result instead of an exception (because it
 *     records the refusal as an event), or null when the result is a success
 * @param unknownAggregate the answer to a command for an aggregate that does not exist: a refusal
 *     reason, or null to answer SUCCEEDED (e.g. releasing what a never-created aggregate holds)
 * @param <C> the command supertype
 */
public record IntakeDefinition<C>(
        ContractTopic<C> topic,
        Function<C, String> aggregateIdOf,
        Function<C, String> replyKeyOf,
        Predicate<Throwable> isRefusal,
        Function<Object, String> refusalIn,
        Function<C, String> unknownAggregate) {

    public IntakeDefinition {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(aggregateIdOf, "aggregateIdOf");
        Objects.requireNonNull(replyKeyOf, "replyKeyOf");
        Objects.requireNonNull(isRefusal, "isRefusal");
        Objects.requireNonNull(refusalIn, "refusalIn");
        Objects.requireNonNull(unknownAggregate, "unknownAggregate");
    }

    /**
     * An intake of {@code topic} whose commands are refused only by exceptions matching {@code isRefusal}
     * and answered FAILED when their aggregate does not exist.
     */
    public static <C> IntakeDefinition<C> of(
            ContractTopic<C> topic,
            Function<C, String> aggregateIdOf,
            Function<C, String> replyKeyOf,
            Predicate<Throwable> isRefusal) {
        return new IntakeDefinition<>(
                topic,
                aggregateIdOf,
                replyKeyOf,
                isRefusal,
                result -> null,
                command -> aggregateIdOf.apply(command) + " does not exist");
    }

    /** The same intake, reading refusals also from the handlers' results. */
    public IntakeDefinition<C> withRefusalsIn(Function<Object, String> refusalIn) {
        return new IntakeDefinition<>(topic, aggregateIdOf, replyKeyOf, isRefusal, refusalIn, unknownAggregate);
    }

    /** The same intake, answering commands for an aggregate that does not exist this way. */
    public IntakeDefinition<C> withUnknownAggregate(Function<C, String> unknownAggregate) {
        return new IntakeDefinition<>(topic, aggregateIdOf, replyKeyOf, isRefusal, refusalIn, unknownAggregate);
    }
}
