package io.orderplatform.projection.streams;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.projection.view.Sequencing;
import io.orderplatform.schemas.envelope.Envelope;
import java.time.Instant;
import java.util.Objects;
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
 * be read or applied goes to the topic's dead-letter queue with the reason; the partition goes on.
 *
 * @param <V> the view
 * @param <E> the event, as read from the record
 */
abstract class SequencedProjector<V, E> implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SequencedProjector.class);

    private final String viewName;
    private final String parkedStoreName;
    protected final ProjectionListener listener;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, SequencedEvent> parked;
    /** Whether this task may hold parked events; false spares a store lookup per event. */
    private boolean anyParked;

    SequencedProjector(String viewName, String parkedStoreName, ProjectionListener listener) {
        this.viewName = viewName;
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
            case GAP -> park(subject, applied, event);
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
        return new SequencedEvent(envelope.id(), envelope.type(), envelope.sequence(), envelope.time(), record.value());
    }

    private void park(String subject, long applied, SequencedEvent event) {
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
            parked.put(key, event);
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
                log.warn("{} {}: parked event {} cannot be applied: {}", viewName, subject, next, e.toString());
                listener.rejected(viewName, DeadLetters.reasonOf(e));
                return;
            }
            log.info("{} {}: parked event {} applied after the missing events arrived", viewName, subject, next);
            next++;
        }
    }

    private void deadLetter(Record<String, byte[]> record, RuntimeException failure) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        String reason = DeadLetters.reasonOf(failure);
        log.warn("{} record with key {} dead-lettered: {}", metadata.topic(), record.key(), reason);
        listener.rejected(metadata.topic(), reason);
        var dead = DeadLetters.of(
                metadata.topic(),
                metadata.partition(),
                metadata.offset(),
                record.key(),
                record.value(),
                record.headers(),
                reason,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<>(dead.key(), dead.value(), record.timestamp(), dead.headers()));
    }
}
