package io.orderplatform.schemas.fulfillment;

import java.time.Instant;

/**
 * The answer of a command service to one command it received over Kafka, published on
 * {@code fulfillment.replies} keyed by order id. Every command gets exactly one kind of answer;
 * a redelivered command may be answered again, with the same {@code commandId}.
 *
 * @param commandId the {@code ce_id} of the command answered
 * @param commandType the {@code ce_type} of the command answered
 * @param orderId the order the command was about
 * @param outcome whether the command took effect
 * @param reason why it failed; null when it succeeded
 * @param repliedAt when the answer was given
 */
public record CommandReply(
        String commandId, String commandType, String orderId, Outcome outcome, String reason, Instant repliedAt) {

    /** Whether a command took effect. A command that had already taken effect also succeeds. */
    public enum Outcome {
        SUCCEEDED,
        FAILED
    }

    public static CommandReply succeeded(String commandId, String commandType, String orderId, Instant at) {
        return new CommandReply(commandId, commandType, orderId, Outcome.SUCCEEDED, null, at);
    }

    public static CommandReply failed(String commandId, String commandType, String orderId, String reason, Instant at) {
        return new CommandReply(commandId, commandType, orderId, Outcome.FAILED, reason, at);
    }
}
