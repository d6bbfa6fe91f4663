package io.orderplatform.kafka.deadletter.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The marks that say a dead letter was handled: a record without a value, in the dead letter's own
 * partition, naming its offset and whether it was redriven or discarded. A mark is written in the same
 * Kafka transaction as the redriven copy, so that either both exist or neither does; it comes after its
 * dead letter in the partition, so one forward read of a partition knows what is still pending; and it
 * expires with the dead letters around it, so that nothing else needs keeping or cleaning up.
 */
final class Marks {

    /** The offset of the dead letter a mark is about; only marks have it. */
    static final String MARKS = "dlq_marks_offset";
    /** {@code REDRIVEN} or {@code DISCARDED}. */
    static final String AS = "dlq_marked_as";
    /** When, ISO-8601. */
    static final String AT = "dlq_marked_at";

    /** What became of a dead letter. */
    enum State {
        PENDING,
        REDRIVEN,
        DISCARDED
    }

    private Marks() {}

    /** The mark of {@code letter} as {@code state}. */
    static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> letter, State state, Instant at) {
        Headers headers = new RecordHeaders();
        headers.add(MARKS, String.valueOf(letter.offset()).getBytes(UTF_8));
        headers.add(AS, state.name().getBytes(UTF_8));
        headers.add(AT, at.toString().getBytes(UTF_8));
        return new ProducerRecord<>(letter.topic(), letter.partition(), letter.key(), null, headers);
    }

    static boolean isMark(ConsumerRecord<byte[], byte[]> record) {
        return record.headers().lastHeader(MARKS) != null;
    }

    /** The offset a mark is about; -1 if it names none. */
    static long markedOffset(ConsumerRecord<byte[], byte[]> mark) {
        try {
            return Long.parseLong(text(mark.headers().lastHeader(MARKS)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What a mark says; a mark naming no state it knows leaves its dead letter pending. */
    static State stateOf(ConsumerRecord<byte[], byte[]> mark) {
        String state = text(mark.headers().lastHeader(AS));
        return State.REDRIVEN.name().equals(state)
                ? State.REDRIVEN
                : State.DISCARDED.name().equals(state) ? State.DISCARDED : State.PENDING;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? "" : new String(header.value(), UTF_8);
    }
}
