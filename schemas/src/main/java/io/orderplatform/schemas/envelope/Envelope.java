package io.orderplatform.schemas.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderplatform.schemas.json.MessageType;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents attributes of one Kafka record, carried as headers (binary mode). Build one with
 * {@link #forEvent}, {@link #forCommand} or {@link #forReply}; read one with {@link #readFrom}.
 *
 * @param id unique id of the event, command or reply; consumers deduplicate on it
 * @param source the service that wrote it, e.g. {@code order-command}
 * @param type the message type, e.g. {@code orders.OrderPlaced.v1}
 * @param subject the aggregate the message is about (the record key)
 * @param time when it happened
 * @param dataSchema the JSON Schema of the value
 * @param sequence the aggregate version an event produced; null for commands and replies
 * @param origin the flow, cause and trace the message belongs to
 */
public record Envelope(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        URI dataSchema,
        Long sequence,
        MessageOrigin origin) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        origin = origin == null ? MessageOrigin.NONE : origin;
    }

    /**
     * The envelope of a domain event.
     *
     * @param sequence the aggregate version the event produced (its first event has 1)
     */
    public static Envelope forEvent(
            String eventId,
            String source,
            MessageType<?> type,
            String aggregateId,
            long sequence,
            Instant time,
            MessageOrigin origin) {
        return new Envelope(eventId, source, type.name(), aggregateId, time, type.schemaUri(), sequence, origin);
    }

    /** The envelope of a command to the aggregate {@code aggregateId}; its id is the command id. */
    public static Envelope forCommand(
            String commandId,
            String source,
            MessageType<?> type,
            String aggregateId,
            Instant time,
            MessageOrigin origin) {
        return new Envelope(commandId, source, type.name(), aggregateId, time, type.schemaUri(), null, origin);
    }

    /**
     * The envelope of the reply to {@code command}: caused by it, in its flow and trace.
     *
     * @param subject what the reply is about (its record key)
     */
    public static Envelope forReply(
            String replyId, String source, MessageType<?> type, String subject, Instant time, Envelope command) {
        return new Envelope(
                replyId, source, type.name(), subject, time, type.schemaUri(), null, MessageOrigin.causedBy(command));
    }

    public String correlationId() {
        return origin.correlationId();
    }

    public String causationId() {
        return origin.causationId();
    }

    public String traceparent() {
        return origin.traceparent();
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
        put(headers, CloudEventHeaders.CORRELATION_ID, origin.correlationId());
        put(headers, CloudEventHeaders.CAUSATION_ID, origin.causationId());
        put(headers, CloudEventHeaders.TRACEPARENT, origin.traceparent());
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
                    new MessageOrigin(
                            get(headers, CloudEventHeaders.CORRELATION_ID),
                            get(headers, CloudEventHeaders.CAUSATION_ID),
                            get(headers, CloudEventHeaders.TRACEPARENT)));
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
