package io.orderplatform.saga.domain;

/**
 * A command the saga sends to a participant: an inventory or an order command.
 *
 * @param commandId its id; the same on every resend
 * @param causationId the id of the message that made the saga send it
 * @param payload the contract record ({@code ReservationCommand} or {@code OrderCommand})
 */
public record SagaCommand(String commandId, String causationId, Object payload) {}
