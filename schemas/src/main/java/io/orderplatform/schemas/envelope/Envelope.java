package io.orderplatform.schemas.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents attributes of one Kafka record, carried as headers (binary mode).
 *
 * @param id unique id of the event or command; consumers deduplicate on it
 * @param source the service that wrote it, e.g. {@code order-command}
 * @param type the message type, e.g. {@code orders.OrderPlaced.v1}
 * @param subject the aggregate the message is about (the record key)
 * @param time when it happened
 * @param dataSchema the JSON Schema of the value
 * @param sequence the aggregate version the event produced; null for commands and replies
 * @param correlationId id shared by every message of one flow; may be null
 * @param causationId id of the message that caused this one; may be null
 * @param traceparent W3C trace context; may be null
 */
public record Envelope(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        URI dataSchema,
        Long sequence,
        String correlationId,
        String causationId,
        String traceparent) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    /** Writes the attributes as {@code ce_*} headers, replacing any with the same names. */
    public void writeTo(Headers headers) {
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        put(headers, CloudEventHeaders.ID, id);
        put(headers, CloudEventHeaders.SOURCE, source);
        put(headers, CloudEventHeaders.TYPE, type);
        put(headers, CloudEventHeaders.SUBJECT, subject);
        put(headers, CloudEventHeaders.TIME, time.toString());
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        put(headers, CloudEventHeaders.DATA_SCHEMA, dataSchema == null ? null : dataSchema.toString());
        put(headers, CloudEventHeaders.SEQUENCE, sequence == null ? null : sequence.toString());
        put(headers, CloudEventHeaders.CORRELATION_ID, correlationId);
        put(headers, CloudEventHeaders.CAUSATION_ID, causationId);
        put(headers, CloudEventHeaders.TRACEPARENT, traceparent);
    }

    /**
     * Reads the attributes of a record.
     *
     * @throws InvalidEnvelopeException if a required attribute is missing or malformed, or the
     *     spec version is not 1.0
     */
    public static Envelope readFrom(Headers headers) {
        String specVersion = get(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new InvalidEnvelopeException("ce_specversion must be 1.0 but was " + specVersion);
        }
        try {
            String sequence = get(headers, CloudEventHeaders.SEQUENCE);
            String dataSchema = get(headers, CloudEventHeaders.DATA_SCHEMA);
            return new Envelope(
                    required(headers, CloudEventHeaders.ID),
                    required(headers, CloudEventHeaders.SOURCE),
                    required(headers, CloudEventHeaders.TYPE),
                    get(headers, CloudEventHeaders.SUBJECT),
                    Instant.parse(required(headers, CloudEventHeaders.TIME)),
                    dataSchema == null ? null : URI.create(dataSchema),
                    sequence == null ? null : Long.valueOf(sequence),
                    get(headers, CloudEventHeaders.CORRELATION_ID),
                    get(headers, CloudEventHeaders.CAUSATION_ID),
                    get(headers, CloudEventHeaders.TRACEPARENT));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidEnvelopeException("malformed CloudEvents header: " + e.getMessage());
        }
    }

    private static String required(Headers headers, String name) {
        String value = get(headers, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEnvelopeException("missing header " + name);
        }
        return value;
    }

    /** The last value of a header as UTF-8 text, or null. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(UTF_8));
        }
    }
}
