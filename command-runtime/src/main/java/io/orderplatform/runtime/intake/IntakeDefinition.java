package io.orderplatform.runtime.intake;

import io.orderplatform.schemas.catalog.Topic;
import io.orderplatform.schemas.json.ContractSerde;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a command service accepts from Kafka: declaring this bean turns the intake on.
 *
 * @param topic the command topic to consume
 * @param serde reads the topic's command types by {@code ce_type}
 * @param orderIdOf the order a command belongs to; replies are keyed by it
 * @param isRefusal which exceptions of command handling are business refusals, answered with a
 *     FAILED reply; any other exception is retried, then dead-lettered
 * @param <C> the command supertype
 */
public record IntakeDefinition<C>(
        Topic<String, C> topic,
        ContractSerde<C> serde,
        Function<C, String> orderIdOf,
        Predicate<Throwable> isRefusal) {}
