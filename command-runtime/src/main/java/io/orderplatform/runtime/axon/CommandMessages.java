package io.orderplatform.runtime.axon;

import io.orderplatform.schemas.envelope.CloudEventHeaders;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;

/**
 * Axon command messages that keep the platform's ids. The message id is the command id, and the flow
 * id travels as Axon's {@code traceId}: Axon's {@code MessageOriginProvider} then stamps every event
 * the command causes with {@code correlationId} = the command id and {@code traceId} = the flow id,
 * which the relay publishes as {@code ce_causationid} and {@code ce_correlationid}.
 */
public final class CommandMessages {

    /** Axon's metadata key for the id of a flow, set by its {@code MessageOriginProvider}. */
    static final String FLOW_ID = "traceId";

    private CommandMessages() {}

    public static <C> CommandMessage<C> of(C command, CommandOrigin origin) {
        return of(command, origin, Map.of());
    }

    /** @param extraMetaData further metadata for the aggregate, e.g. an expected version */
    public static <C> CommandMessage<C> of(C command, CommandOrigin origin, Map<String, ?> extraMetaData) {
        Map<String, Object> metaData = new HashMap<>(extraMetaData);
        metaData.put(FLOW_ID, origin.correlationId());
        if (origin.origin().traceparent() != null) {
            metaData.put(CloudEventHeaders.TRACEPARENT, origin.origin().traceparent());
        }
        return new GenericCommandMessage<>(
                new GenericMessage<>(origin.commandId(), command, metaData),
                command.getClass().getName());
    }
}
