package io.orderplatform.saga.domain;

/**
 * A command the saga sends to a participant, with where it goes.
 *
 * @param commandId its id; the same on every resend
 * @param causationId the id of the message that made the saga send it
 * @param destination the topic it is sent to and how it is keyed there
 * @param payload the contract record, e.g. a {@code ReserveStock}
 * @param <C> the commands of its destination
 */
public record SagaCommand<C>(String commandId, String causationId, Destination<C> destination, C payload) {

    /** The record key it is sent with. */
    public String key() {
        return destination.keyOf(payload);
    }
}
