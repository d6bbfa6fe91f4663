package io.orderplatform.saga.domain;

import io.orderplatform.schemas.fulfillment.CommandReply;
import java.time.Instant;

/**
 * One thing that happens to a saga, with what the saga needs to know about where it came from. The
 * engine takes them one at a time ({@link SagaDefinition#apply}); a record of each kind replaces what
 * would otherwise be a long list of loose parameters, and a {@code switch} over them is exhaustive.
 *
 * @param <E> the events of the saga's subject (for the fulfillment saga, the order's events)
 */
public sealed interface SagaInput<E> permits SagaInput.Event, SagaInput.Reply, SagaInput.Deadline {

    /** The wall-clock time the saga applies the input at: what its history and deadlines count from. */
    Instant now();

    /**
     * An event of the saga's subject.
     *
     * @param event the event
     * @param sequence its position in the subject's history ({@code ce_sequence}); older or repeated ones are ignored
     * @param eventId its {@code ce_id}: what the commands it leads to are caused by
     * @param correlationId the flow it belongs to; null if it names none
     * @param traceparent the W3C trace it continues; may be null
     * @param now when the saga applies it
     */
    record Event<E>(E event, long sequence, String eventId, String correlationId, String traceparent, Instant now)
            implements SagaInput<E> {

        /** The flow a saga started by this event sends its commands in: the event's, or else the event itself. */
        public String flow() {
            return correlationId == null ? eventId : correlationId;
        }
    }

    /**
     * A participant's answer to one of the saga's commands.
     *
     * @param reply the answer, naming the command it answers
     * @param replyId its {@code ce_id}: what the commands it leads to are caused by
     * @param now when the saga applies it
     */
    record Reply<E>(CommandReply reply, String replyId, Instant now) implements SagaInput<E> {}

    /**
     * The deadline of a command passed without a reply.
     *
     * @param commandId the command waiting for its reply
     * @param now when the deadline was found due
     */
    record Deadline<E>(String commandId, Instant now) implements SagaInput<E> {}
}
