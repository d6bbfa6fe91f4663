package io.orderplatform.runtime.relay;

import io.orderplatform.kafka.tracing.TraceParents;
import io.orderplatform.schemas.envelope.CloudEventHeaders;
import io.orderplatform.schemas.envelope.MessageOrigin;
import org.axonframework.messaging.Message;

/**
 * Reads the origin of an event from the metadata that Axon's correlation data providers copied from
 * the command that caused it: {@code traceId} is the flow's correlation id, {@code correlationId} the
 * causing command's message id (which {@link io.orderplatform.runtime.axon.CommandMessages} sets to the
 * platform's command id), plus the W3C {@code traceparent} received with the command.
 */
final class TraceContext {

    private TraceContext() {}

    /**
     * The event's origin. Without a received trace context it gets one derived from the flow id, so
     * that every record can still be joined into a trace.
     */
    static MessageOrigin originOf(Message<?> event) {
        String flowId = text(event.getMetaData().get("traceId"));
        String causationId = text(event.getMetaData().get("correlationId"));
        String received = text(event.getMetaData().get(CloudEventHeaders.TRACEPARENT));
        String traceparent = received != null
                ? received
                : TraceParents.derive(flowId == null ? event.getIdentifier() : flowId, event.getIdentifier());
        return new MessageOrigin(flowId, causationId, traceparent);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
