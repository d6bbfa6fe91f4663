package io.orderplatform.saga.domain;

import io.orderplatform.schemas.catalog.ContractTopic;
import java.util.function.Function;

/**
 * Where a step's commands go: the participant's command topic from the contract catalog, and the key
 * each command is sent with (which decides the partition, so the order the participant sees them in).
 * Declared with the step, so sending a command needs no knowledge of what kind of command it is.
 *
 * @param topic the command topic, e.g. {@code Topics.INVENTORY_COMMANDS}
 * @param key the record key of a command, e.g. its SKU
 * @param <C> the commands the topic carries
 */
public record Destination<C>(ContractTopic<C> topic, Function<? super C, String> key) {

    /** The record key of {@code command}. */
    public String keyOf(C command) {
        return key.apply(command);
    }
}
