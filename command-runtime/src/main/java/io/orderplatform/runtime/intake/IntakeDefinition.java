package io.orderplatform.runtime.intake;

import io.orderplatform.schemas.catalog.Topic;
import io.orderplatform.schemas.json.ContractSerde;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a command service accepts from Kafka: declaring this bean turns the intake on.
 *
 * @param topic the command topic to consume; its contract serde reads the commands by {@code ce_type}
 * @param orderIdOf the order a command belongs to; replies are keyed by it
 * @param isRefusal which exceptions of command handling are business refusals, answered with a
 *     FAILED reply; any other exception is retried, then dead-lettered
 * @param <C> the command supertype
 */
public record IntakeDefinition<C>(
        Topic<String, C> topic, Function<C, String> orderIdOf, Predicate<Throwable> isRefusal) {

    public IntakeDefinition {
        if (!(topic.valueSerde() instanceof ContractSerde<?>)) {
            throw new IllegalArgumentException(topic.name() + " does not carry contract records");
        }
    }

    /** How the topic's commands are read. */
    public ContractSerde<C> serde() {
        return (ContractSerde<C>) topic.valueSerde();
    }
}
