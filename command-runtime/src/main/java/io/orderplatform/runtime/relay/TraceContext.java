package io.orderplatform.runtime.relay;

import java.util.Locale;
import org.axonframework.messaging.Message;

/**
 * Reads the flow identifiers that Axon's correlation data providers copy from a command into the
 * events it caused: {@code traceId} (the first message of the flow) and {@code correlationId}
 * (the message that directly caused this one), plus the W3C {@code traceparent} of the request.
 */
public final class TraceContext {

    /** Metadata key of the W3C trace context received with a command. */
    public static final String TRACEPARENT = "traceparent";

    private TraceContext() {}

    static String correlationId(Message<?> message) {
        return text(message.getMetaData().get("traceId"));
    }

    static String causationId(Message<?> message) {
        return text(message.getMetaData().get("correlationId"));
    }

    /**
     * The request's trace context if one came with the command; otherwise one derived from the
     * flow id, so that every record can still be joined into a trace.
     */
    static String traceparent(Message<?> message) {
        String received = text(message.getMetaData().get(TRACEPARENT));
        if (received != null) {
            return received;
        }
        String flowId = correlationId(message);
        String traceId = hex(flowId == null ? message.getIdentifier() : flowId, 32);
        String spanId = hex(message.getIdentifier(), 16);
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** The last {@code length} hex digits of an id, zero-padded; W3C forbids an all-zero id. */
    private static String hex(String id, int length) {
        String digits = id.replaceAll("[^0-9a-fA-F]", "").toLowerCase(Locale.ROOT);
        String padded = "0".repeat(Math.max(0, length - digits.length())) + digits;
        String value = padded.substring(padded.length() - length);
        return value.matches("0+") ? "0".repeat(length - 1) + "1" : value;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
