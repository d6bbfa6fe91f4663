package io.orderplatform.projection.streams;

import java.time.Instant;

/**
 * An aggregate's event as a projection applies it: its envelope's id, type, sequence and time, and
 * its value as published. Also what the parked-events store holds for an event that came before the
 * events preceding it.
 */
record SequencedEvent(String id, String type, long sequence, Instant time, byte[] data) {

    /** The parked-events key: per aggregate, in sequence order. */
    static String parkedKey(String subject, long sequence) {
        return subject + "|" + String.format("%019d", sequence);
    }
}
