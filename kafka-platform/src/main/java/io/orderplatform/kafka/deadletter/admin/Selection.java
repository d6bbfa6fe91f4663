package io.orderplatform.kafka.deadletter.admin;

import java.util.Objects;

/** Which dead letters of a topic a redrive or a discard is about. */
public sealed interface Selection {

    /** The dead letter at {@code partition}/{@code offset} of the dead-letter topic. */
    record One(int partition, long offset) implements Selection {}

    /** Every dead letter the filter takes. */
    record Matching(DeadLetterFilter filter) implements Selection {

        public Matching {
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** Every dead letter of the topic. */
    record All() implements Selection {}

    /** Whether {@code letter} is selected. */
    default boolean takes(DeadLetter letter) {
        return switch (this) {
            case One one -> one.partition() == letter.partition() && one.offset() == letter.offset();
            case Matching matching -> matching.filter().matches(letter);
            case All all -> true;
        };
    }
}
