package io.orderplatform.schemas.envelope;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding in binary mode, plus the
 * platform's extension attributes. The record value is the event's JSON {@code data}.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    /** Extension: the version of the aggregate that the event produced (its first event has 1). */
    public static final String SEQUENCE = "ce_sequence";
    /** Extension: id shared by every message of one business flow. */
    public static final String CORRELATION_ID = "ce_correlationid";
    /** Extension: id of the message that caused this one. */
    public static final String CAUSATION_ID = "ce_causationid";
    /**
     * W3C Trace Context, so that traces continue through Kafka. The same name is the HTTP request header
     * it is read from and the command metadata key it travels in.
     */
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {}
}
