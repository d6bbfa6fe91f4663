package io.orderplatform.schemas.envelope;

/**
 * Where a message comes from in its business flow: the flow it belongs to, the message that caused
 * it, and the W3C trace it continues. Every message a service sends because of another one carries
 * {@link #causedBy(Envelope) the origin derived from that one}, so that a flow can be followed from
 * the first HTTP request to the last reply by ids alone.
 *
 * @param correlationId id shared by every message of one flow; null when unknown
 * @param causationId id of the message that directly caused this one; null for a flow's first message
 * @param traceparent W3C trace context; null when none was received
 */
public record MessageOrigin(String correlationId, String causationId, String traceparent) {

    /** A message that starts a flow of its own and continues no trace. */
    public static final MessageOrigin NONE = new MessageOrigin(null, null, null);

    /**
     * The origin of a message sent because of {@code cause}: the same flow (the cause's correlation
     * id, or the cause's own id if it started the flow), caused by the cause, in the same trace.
     */
    public static MessageOrigin causedBy(Envelope cause) {
        String flow = cause.origin().correlationId() != null ? cause.origin().correlationId() : cause.id();
        return new MessageOrigin(flow, cause.id(), cause.origin().traceparent());
    }
}
