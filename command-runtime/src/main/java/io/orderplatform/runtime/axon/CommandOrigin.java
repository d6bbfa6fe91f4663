package io.orderplatform.runtime.axon;

import io.orderplatform.schemas.envelope.MessageOrigin;
import java.util.Objects;

/**
 * The identity of one command as it enters a service: its id (the {@code ce_id} of a Kafka command,
 * or the id given to an HTTP request's command) and its place in a flow. The events it causes name
 * the command id as {@code ce_causationid} and carry the flow's correlation id.
 *
 * @param commandId the command's id
 * @param origin the flow and trace the command belongs to; its causation id is what caused the command
 */
public record CommandOrigin(String commandId, MessageOrigin origin) {

    public CommandOrigin {
        Objects.requireNonNull(commandId, "commandId");
        origin = origin == null ? MessageOrigin.NONE : origin;
    }

    /** The flow the command belongs to: the one it was sent in, or, if it starts one, its own. */
    public String correlationId() {
        return origin.correlationId() != null ? origin.correlationId() : commandId;
    }
}
