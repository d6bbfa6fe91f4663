package io.orderplatform.saga.domain;

import java.time.Instant;

/**
 * One command of a saga and what became of it: its step, what it is about (a SKU, or the order), the
 * command id it is sent with every time, how often it was sent, and when.
 *
 * @param step the step's name, e.g. {@code reserve-stock}
 * @param target what the command is for: the SKU of a line, or the order id
 * @param commandId the command's id ({@code ce_id}); a resend reuses it, a reply names it
 * @param causationId the id of the message that made the saga send it
 * @param status where it is
 * @param attempts how many times it was sent
 * @param startedAt when it was first sent
 * @param deadline when the current attempt times out; null once answered
 * @param endedAt when it was answered or given up; null while waiting
 * @param reason why it failed or timed out; null otherwise
 */
public record StepRun(
        String step,
        String target,
        String commandId,
        String causationId,
        StepStatus status,
        int attempts,
        Instant startedAt,
        Instant deadline,
        Instant endedAt,
        String reason) {

    static StepRun sent(
            String step, String target, String commandId, String causationId, Instant now, Instant deadline) {
        return new StepRun(step, target, commandId, causationId, StepStatus.SENT, 1, now, deadline, null, null);
    }

    StepRun resent(Instant deadline) {
        return new StepRun(step, target, commandId, causationId, status, attempts + 1, startedAt, deadline, null, null);
    }

    StepRun ended(StepStatus outcome, Instant now, String why) {
        return new StepRun(step, target, commandId, causationId, outcome, attempts, startedAt, null, now, why);
    }

    boolean waiting() {
        return status == StepStatus.SENT;
    }

    boolean is(String stepName, String stepTarget) {
        return step.equals(stepName) && target.equals(stepTarget);
    }
}
