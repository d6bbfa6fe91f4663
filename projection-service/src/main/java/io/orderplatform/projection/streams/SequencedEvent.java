package io.orderplatform.projection.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An aggregate's event as a projection applies it: its envelope's id, type, sequence and time, and
 * its value as published. Also what the parked-events store holds for an event that came before the
 * events preceding it, then with where it was read and its headers.
 *
 * @param received null unless parked
 */
record SequencedEvent(String id, String type, long sequence, Instant time, byte[] data, Received received) {

    /**
     * Where a parked event was read and the headers it came with: what its dead letter needs, should
     * it fail when its turn comes.
     */
    record Received(String topic, int partition, long offset, List<StoredHeader> headers) {

        Headers recordHeaders() {
            RecordHeaders copy = new RecordHeaders();
            headers.forEach(header -> copy.add(header.key(), header.value()));
            return copy;
        }
    }

    /** One header, as stored. */
    record StoredHeader(String key, byte[] value) {}

    /** The parked-events key: per aggregate, in sequence order. */
    static String parkedKey(String subject, long sequence) {
        return subject + "|" + String.format("%019d", sequence);
    }

    /** This event, to be parked, with where it was read and its headers. */
    SequencedEvent receivedAt(String topic, int partition, long offset, Headers headers) {
        List<StoredHeader> stored = new ArrayList<>();
        for (Header header : headers) {
            stored.add(new StoredHeader(header.key(), header.value()));
        }
        return new SequencedEvent(id, type, sequence, time, data, new Received(topic, partition, offset, stored));
    }
}
