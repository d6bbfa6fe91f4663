package io.orderplatform.projection.streams;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.projection.view.Sequencing;
import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each event of an aggregate to its view once and in order, by ({@code ce_subject},
 * {@code ce_sequence}): a repeat or an older event is skipped; an event that comes before the ones
 * preceding it is parked and reported, and applied when the missing events arrive. A record that cannot
 * be read or applied, at once or when its turn comes after being parked, goes to the projections' dead
 * letters of its topic with the reason; the partition goes on. A redriven record (from the projections'
 * retry topic) is applied like any other: its sequence says whether it is new.
 *
 * @param <V> the view
 * @param <E> the event, as read from the record
 */
abstract class SequencedProjector<V, E> implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SequencedProjector.class);

    private final String viewName;
    private final ContractTopic<?> source;
    private final String parkedStoreName;
    protected final ProjectionListener listener;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, SequencedEvent> parked;
    /** Whether this task may hold parked events; false spares a store lookup per event. */
    private boolean anyParked;

    /** @param source the topic of its events, whose dead letters it writes */
    SequencedProjector(String viewName, ContractTopic<?> source, String parkedStoreName, ProjectionListener listener) {
        this.viewName = viewName;
        this.source = source;
        this.parkedStoreName = parkedStoreName;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.parked = context.getStateStore(parkedStoreName);
        try (var entries = parked.all()) {
            anyParked = entries.hasNext();
        }
        open(context);
    }

    /** Opens the view's stores. */
    abstract void open(ProcessorContext<String, byte[]> context);

    /** The aggregate's view; null if it has none yet. */
    abstract V view(String subject);

    /** The version of a view: the sequence of the last event applied to it. */
    abstract long versionOf(V view);

    /** Reads the event and checks that it names {@code subject}; throws if not. */
    abstract E read(String subject, SequencedEvent event);

    /**
     * Applies the aggregate's next event to its view.
     *
     * @param before the view so far; null for the aggregate's first event
     * @throws RuntimeException if the event cannot follow the view; nothing is changed then
     */
    abstract void apply(String subject, V before, SequencedEvent sequenced, E event);

    @Override
    public void process(Record<String, byte[]> record) {
        SequencedEvent event;
        E parsed;
        String subject = record.key();
        try {
            event = read(record);
            parsed = read(subject, event);
        } catch (RuntimeException e) {
            deadLetter(record, e);
            return;
        }
        V before = view(subject);
        long applied = before == null ? 0 : versionOf(before);
        switch (Sequencing.of(applied, event.sequence())) {
            case DUPLICATE -> listener.duplicate(viewName, subject, applied, event.sequence());
            case GAP -> park(subject, applied, event, record);
            case NEXT -> {
                try {
                    apply(subject, before, event, parsed);
                } catch (RuntimeException e) {
                    deadLetter(record, e);
                    return;
                }
                if (anyParked) {
                    applyParkedAfter(subject, event.sequence());
                }
            }
        }
    }

    private SequencedEvent read(Record<String, byte[]> record) {
        Envelope envelope = Envelope.readFrom(record.headers());
        if (record.key() == null || record.key().isBlank()) {
            throw new IllegalArgumentException("record without a key");
        }
        if (!Objects.equals(record.key(), envelope.subject())) {
            throw new IllegalArgumentException(
                    "record key " + record.key() + " is not the event's subject " + envelope.subject());
        }
        if (envelope.sequence() == null || envelope.sequence() < 1) {
            throw new IllegalArgumentException("event without a positive ce_sequence");
        }
        if (record.value() == null) {
            throw new IllegalArgumentException("record without a value");
        }
        return new SequencedEvent(
                envelope.id(), envelope.type(), envelope.sequence(), envelope.time(), record.value(), null);
    }

    private void park(String subject, long applied, SequencedEvent event, Record<String, byte[]> record) {
        String key = SequencedEvent.parkedKey(subject, event.sequence());
        if (parked.get(key) == null) {
            log.warn(
                    "{} {}: event {} arrived at version {}; held until events {}..{} arrive",
                    viewName,
                    subject,
                    event.sequence(),
                    applied,
                    applied + 1,
                    event.sequence() - 1);
            RecordMetadata metadata = context.recordMetadata().orElseThrow();
            parked.put(
                    key, event.receivedAt(metadata.topic(), metadata.partition(), metadata.offset(), record.headers()));
            anyParked = true;
        }
        listener.gap(viewName, subject, applied, event.sequence());
    }

    private void applyParkedAfter(String subject, long sequence) {
        long next = sequence + 1;
        SequencedEvent waiting;
        while ((waiting = parked.get(SequencedEvent.parkedKey(subject, next))) != null) {
            parked.delete(SequencedEvent.parkedKey(subject, next));
            try {
                apply(subject, view(subject), waiting, read(subject, waiting));
            } catch (RuntimeException e) {
                log.warn("{} {}: parked event {} cannot be applied", viewName, subject, next);
                deadLetterParked(subject, waiting, e);
                return;
            }
            log.info("{} {}: parked event {} applied after the missing events arrived", viewName, subject, next);
            next++;
        }
    }

    private void deadLetter(Record<String, byte[]> record, RuntimeException failure) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        deadLetter(
                metadata.topic(),
                metadata.partition(),
                metadata.offset(),
                record.key(),
                record.value(),
                record.headers(),
                failure);
    }

    /**
     * Dead-letters a parked event whose turn came but that cannot be applied, as it was read; one parked
     * before its store kept where it was read and its headers goes out with only its value.
     */
    private void deadLetterParked(String subject, SequencedEvent parked, RuntimeException failure) {
        SequencedEvent.Received received = parked.received();
        if (received == null) {
            deadLetter(source.name(), -1, -1, subject, parked.data(), new RecordHeaders(), failure);
        } else {
            deadLetter(
                    received.topic(),
                    received.partition(),
                    received.offset(),
                    subject,
                    parked.data(),
                    received.recordHeaders(),
                    failure);
        }
    }

    private void deadLetter(
            String topic,
            int partition,
            long offset,
            String key,
            byte[] value,
            Headers headers,
            RuntimeException failure) {
        var dead = DeadLetters.of(
                Topics.PROJECTION_SERVICE,
                topic,
                partition,
                offset,
                key,
                value,
                headers,
                failure,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        String reason = DeadLetters.reasonOf(failure);
        String sourceTopic = Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC);
        log.warn("{} record with key {} dead-lettered: {}", sourceTopic, key, reason);
        listener.rejected(sourceTopic, reason);
        context.forward(new Record<>(dead.key(), dead.value(), dead.timestamp(), dead.headers()));
    }
}
