package io.orderplatform.projection.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.projection.streams.ProjectionListener;
import io.orderplatform.streams.query.ChangeSignal;

/**
 * What the projections report: {@code projection_sequence_gaps_total} (events held back because
 * earlier ones are missing: a lost record shows here), {@code projection_duplicates_total} (repeats
 * skipped, e.g. after a republish) and {@code projection_rejected_records_total} (records that could not
 * be read or applied); and every view change wakes the readers waiting for a version.
 */
public final class ProjectionMetrics implements ProjectionListener {

    private final MeterRegistry registry;
    private final ChangeSignal changes;

    public ProjectionMetrics(MeterRegistry registry, ChangeSignal changes) {
        this.registry = registry;
        this.changes = changes;
    }

    @Override
    public void duplicate(String view, String subject, long appliedVersion, long sequence) {
        counter("projection.duplicates", "Repeated or older events skipped", "view", view)
                .increment();
    }

    @Override
    public void gap(String view, String subject, long appliedVersion, long sequence) {
        counter(
                        "projection.sequence.gaps",
                        "Events held back until the missing events before them arrive",
                        "view",
                        view)
                .increment();
    }

    @Override
    public void rejected(String topic, String reason) {
        counter("projection.rejected.records", "Records that could not be read or applied", "topic", topic)
                .increment();
    }

    @Override
    public void updated(String view, String key, long version) {
        changes.changed();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
