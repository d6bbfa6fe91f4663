package io.orderplatform.saga.domain;

import io.orderplatform.schemas.orders.OrderPlaced;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a saga knows about one order: what the order asked for, where the saga is, every command
 * it sent and what became of it, and its history. Kept in a state store as JSON, replaced whole on
 * every change (the store's changelog is the saga's log).
 *
 * @param orderId the order, also the store key
 * @param status where the saga is
 * @param order the order as placed: its lines are what the steps reserve
 * @param correlationId the flow every command of the saga is sent in
 * @param traceparent the trace every command continues; may be null
 * @param lastOrderSequence the last {@code ce_sequence} of the order applied; older or repeated events are ignored
 * @param runs every command sent, in the order sent
 * @param failure why the saga compensates after a failure; null when it runs or compensates a cancellation
 * @param cancelled whether the order was cancelled (or rejected by someone else): nothing to reject then
 * @param history what happened, in order
 */
public record SagaState(
        String orderId,
        SagaStatus status,
        OrderPlaced order,
        String correlationId,
        String traceparent,
        long lastOrderSequence,
        List<StepRun> runs,
        String failure,
        boolean cancelled,
        List<Transition> history) {

    public SagaState {
        runs = List.copyOf(runs);
        history = List.copyOf(history);
    }

    /** A saga just started by {@code order}, in the input's flow and trace. */
    static SagaState started(OrderPlaced order, SagaInput.Event<?> input) {
        return new SagaState(
                order.orderId(),
                SagaStatus.RUNNING,
                order,
                input.flow(),
                input.traceparent(),
                1,
                List.of(),
                null,
                false,
                List.of(new Transition(
                        input.now(), "started by OrderPlaced: " + order.lines().size() + " line(s)")));
    }

    public Optional<StepRun> run(String commandId) {
        return runs.stream().filter(run -> run.commandId().equals(commandId)).findFirst();
    }

    List<StepRun> runsOf(String step) {
        return runs.stream().filter(run -> run.step().equals(step)).toList();
    }

    boolean started(String step, String target) {
        return runs.stream().anyMatch(run -> run.is(step, target));
    }

    /** The commands still waiting for a reply: each has a deadline. */
    public List<StepRun> waiting() {
        return runs.stream().filter(StepRun::waiting).toList();
    }

    SagaState withRun(StepRun run, Instant now, String what) {
        List<StepRun> changed = new ArrayList<>(runs);
        int index = indexOf(run.commandId());
        if (index < 0) {
            changed.add(run);
        } else {
            changed.set(index, run);
        }
        return copy(status, changed, failure, cancelled, now, what);
    }

    SagaState withStatus(SagaStatus next, Instant now, String why) {
        return copy(next, runs, failure, cancelled, now, status + " -> " + next + ": " + why);
    }

    SagaState failing(String reason) {
        return new SagaState(
                orderId,
                status,
                order,
                correlationId,
                traceparent,
                lastOrderSequence,
                runs,
                reason,
                cancelled,
                history);
    }

    SagaState cancelledNow() {
        return new SagaState(
                orderId, status, order, correlationId, traceparent, lastOrderSequence, runs, failure, true, history);
    }

    SagaState atSequence(long sequence) {
        return new SagaState(
                orderId, status, order, correlationId, traceparent, sequence, runs, failure, cancelled, history);
    }

    private int indexOf(String commandId) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).commandId().equals(commandId)) {
                return i;
            }
        }
        return -1;
    }

    private SagaState copy(
            SagaStatus nextStatus,
            List<StepRun> nextRuns,
            String nextFailure,
            boolean nextCancelled,
            Instant now,
            String what) {
        List<Transition> nextHistory = new ArrayList<>(history);
        nextHistory.add(new Transition(now, what));
        return new SagaState(
                orderId,
                nextStatus,
                order,
                correlationId,
                traceparent,
                lastOrderSequence,
                nextRuns,
                nextFailure,
                nextCancelled,
                nextHistory);
    }
}
