package io.orderplatform.runtime.intake;

import io.orderplatform.schemas.catalog.ContractTopic;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a command service accepts from Kafka: declaring this bean turns the intake on.
 *
 * @param topic the command topic to consume, keyed by aggregate id; its message types read the commands
 * @param aggregateIdOf the aggregate a command is for; must equal the record key, so that one
 *     aggregate's commands stay in order on one partition
 * @param replyKeyOf what a command's reply is keyed and correlated by on {@code fulfillment.replies}:
 *     the flow the command serves, which need not be the aggregate (a stock command answers its order)
 * @param isRefusal which exceptions of command handling are business refusals, answered with a
 *     FAILED reply; any other exception is retried, then dead-lettered
 * @param <C> the command supertype
 */
public record IntakeDefinition<C>(
        ContractTopic<C> topic,
        Function<C, String> aggregateIdOf,
        Function<C, String> replyKeyOf,
        Predicate<Throwable> isRefusal) {

    public IntakeDefinition {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(aggregateIdOf, "aggregateIdOf");
        Objects.requireNonNull(replyKeyOf, "replyKeyOf");
        Objects.requireNonNull(isRefusal, "isRefusal");
    }
}
