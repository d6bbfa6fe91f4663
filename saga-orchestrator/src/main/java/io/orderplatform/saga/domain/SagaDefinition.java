package io.orderplatform.saga.domain;

import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A saga over one order, run from its declared steps: the forward steps in order (each one's commands
 * all at once, the next when all succeeded; the last one is answered by the order's confirmation), the
 * compensations that undo them, and the step that closes a failed saga. Pure: it turns the saga's state and one input (an order event, a reply, a
 * deadline) into the next state and the commands to send; the caller stores and sends them together.
 */
public final class SagaDefinition {

    private final List<StepDefinition> steps;
    private final Map<String, StepDefinition> compensations;
    private final StepDefinition afterFailure;

    /**
     * @param steps the forward steps, in order
     * @param compensations the steps that undo forward steps, by name
     * @param afterFailure the step run once a failed saga has undone everything (e.g. reject the order)
     */
    public SagaDefinition(
            List<StepDefinition> steps, Map<String, StepDefinition> compensations, StepDefinition afterFailure) {
        this.steps = List.copyOf(steps);
        this.compensations = Map.copyOf(compensations);
        this.afterFailure = afterFailure;
    }

    /**
     * Applies an event of the order. {@code OrderPlaced} starts the saga; events at or below the last
     * applied sequence are ignored.
     *
     * @param saga the saga, or null if none was started for the order
     * @param eventId the event's {@code ce_id}: what the commands it leads to are caused by
     */
    public SagaChange onOrderEvent(
            SagaState saga,
            OrderEvent event,
            long sequence,
            String eventId,
            String correlationId,
            String traceparent,
            Instant now,
            Supplier<String> ids) {
        if (event instanceof OrderPlaced placed) {
            if (saga != null) {
                return SagaChange.ignored(saga, "already started");
            }
            Work work = new Work(
                    SagaState.started(placed, correlationId == null ? eventId : correlationId, traceparent, now)
                            .atSequence(sequence),
                    now,
                    ids);
            advance(work, eventId);
            return work.change();
        }
        if (saga == null) {
            return SagaChange.ignored(null, "no saga for order " + event.orderId());
        }
        if (sequence <= saga.lastOrderSequence()) {
            return SagaChange.ignored(saga, "event " + sequence + " already applied");
        }
        Work work = new Work(saga.atSequence(sequence), now, ids);
        switch (event) {
            case OrderPlaced placed -> throw new IllegalStateException("handled above");
            case OrderConfirmed confirmed -> {
                work.answerWaiting(steps.getLast().name(), "order confirmed");
                if (work.state.status() == SagaStatus.RUNNING) {
                    work.state = work.state.withStatus(SagaStatus.COMPLETED, now, "order confirmed");
                }
            }
            case OrderRejected rejected -> {
                work.answerWaiting(afterFailure.name(), "order rejected");
                endedElsewhere(work, "order rejected: " + rejected.reason());
            }
            case OrderCancelled cancelled -> endedElsewhere(work, "order cancelled");
        }
        advance(work, eventId);
        return work.change();
    }

    /**
     * Applies a participant's reply. A reply for a command the saga did not send, or already has an
     * answer for (a duplicate, or one after its timeout), changes nothing.
     */
    public SagaChange onReply(SagaState saga, CommandReply reply, String replyId, Instant now, Supplier<String> ids) {
        if (saga == null) {
            return SagaChange.ignored(null, "no saga for order " + reply.orderId());
        }
        StepRun run = saga.run(reply.commandId()).orElse(null);
        if (run == null) {
            return SagaChange.ignored(saga, "not a command of this saga: " + reply.commandId());
        }
        if (!run.waiting()) {
            return SagaChange.ignored(saga, "already answered (" + run.status() + "): " + reply.commandId());
        }
        Work work = new Work(saga, now, ids);
        StepStatus outcome =
                reply.outcome() == CommandReply.Outcome.SUCCEEDED ? StepStatus.SUCCEEDED : StepStatus.FAILED;
        work.state = work.state.withRun(
                run.ended(outcome, now, reply.reason()),
                now,
                run.step() + " " + run.target() + " " + outcome
                        + (reply.reason() == null ? "" : ": " + reply.reason()));
        advance(work, replyId);
        return work.change();
    }

    /** A command's deadline passed: send it again, or give up on it. */
    public SagaChange onDeadline(SagaState saga, String commandId, Instant now, Supplier<String> ids) {
        StepRun run = saga == null ? null : saga.run(commandId).orElse(null);
        if (run == null || !run.waiting() || run.deadline().isAfter(now)) {
            return SagaChange.ignored(saga, "no deadline due for " + commandId);
        }
        Work work = new Work(saga, now, ids);
        StepDefinition step = definitionOf(run.step());
        if (step.retry().mayResend(run.attempts())) {
            work.resend(step, run);
        } else {
            work.state = work.state.withRun(
                    run.ended(StepStatus.TIMED_OUT, now, "no reply after " + run.attempts() + " attempt(s)"),
                    now,
                    run.step() + " " + run.target() + " TIMED_OUT after " + run.attempts() + " attempt(s)");
            advance(work, run.causationId());
        }
        return work.change();
    }

    private void endedElsewhere(Work work, String why) {
        work.state = work.state.cancelledNow();
        if (work.state.status() == SagaStatus.RUNNING || work.state.status() == SagaStatus.COMPLETED) {
            work.state = work.state.withStatus(SagaStatus.COMPENSATING, work.now, why);
        }
    }

    private void advance(Work work, String cause) {
        switch (work.state.status()) {
            case RUNNING -> runForward(work, cause);
            case COMPENSATING -> compensate(work, cause);
            case COMPLETED, COMPENSATED -> {}
        }
    }

    private void runForward(Work work, String cause) {
        if (!failedRuns(work.state).isEmpty()) {
            work.state = work.state
                    .failing(describe(failedRuns(work.state)))
                    .withStatus(SagaStatus.COMPENSATING, work.now, describe(failedRuns(work.state)));
            compensate(work, cause);
            return;
        }
        for (StepDefinition step : steps) {
            List<String> targets = step.targets().apply(work.state);
            if (targets.isEmpty()) {
                continue;
            }
            if (targets.stream().noneMatch(target -> work.state.started(step.name(), target))) {
                targets.forEach(target -> work.send(step, target, cause));
                return;
            }
            if (!work.state.runsOf(step.name()).stream().allMatch(run -> run.status() == StepStatus.SUCCEEDED)) {
                return;
            }
        }
    }

    private void compensate(Work work, String cause) {
        for (StepDefinition step : steps) {
            if (step.compensation() == null) {
                continue;
            }
            StepDefinition undo = compensations.get(step.compensation());
            for (StepRun run : work.state.runsOf(step.name())) {
                boolean mayHaveTakenEffect =
                        run.status() == StepStatus.SUCCEEDED || run.status() == StepStatus.TIMED_OUT;
                if (mayHaveTakenEffect && !work.state.started(undo.name(), run.target())) {
                    work.send(undo, run.target(), cause);
                }
            }
        }
        if (!work.state.waiting().isEmpty()) {
            return;
        }
        if (work.state.cancelled() || work.state.failure() == null) {
            work.state = work.state.withStatus(SagaStatus.COMPENSATED, work.now, "everything held was released");
        } else if (!work.state.started(afterFailure.name(), work.state.orderId())) {
            work.state = work.state.failing(describe(failedRuns(work.state)));
            work.send(afterFailure, work.state.orderId(), cause);
        } else {
            work.state = work.state.withStatus(SagaStatus.COMPENSATED, work.now, "released and " + afterFailure.name());
        }
    }

    private List<StepRun> failedRuns(SagaState saga) {
        return steps.stream()
                .flatMap(step -> saga.runsOf(step.name()).stream())
                .filter(run -> run.status() == StepStatus.FAILED || run.status() == StepStatus.TIMED_OUT)
                .toList();
    }

    /** Why the saga failed, naming every target that failed: "reserve-stock failed for SKU-2 (…)". */
    private static String describe(List<StepRun> failed) {
        return failed.stream()
                .collect(Collectors.groupingBy(StepRun::step, java.util.LinkedHashMap::new, Collectors.toList()))
                .entrySet()
                .stream()
                .map(entry -> entry.getKey() + " failed for "
                        + entry.getValue().stream()
                                .map(run -> run.target() + " (" + run.reason() + ")")
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private StepDefinition definitionOf(String name) {
        return Stream.concat(Stream.concat(steps.stream(), compensations.values().stream()), Stream.of(afterFailure))
                .filter(step -> step.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no step " + name));
    }

    /** One input's work in progress: the state as it changes and the commands it sends. */
    private static final class Work {
        private SagaState state;
        private final Instant now;
        private final Supplier<String> ids;
        private final List<SagaCommand> commands = new ArrayList<>();

        Work(SagaState state, Instant now, Supplier<String> ids) {
            this.state = state;
            this.now = now;
            this.ids = ids;
        }

        void send(StepDefinition step, String target, String cause) {
            String commandId = ids.get();
            StepRun run = StepRun.sent(
                    step.name(),
                    target,
                    commandId,
                    cause,
                    now,
                    now.plus(step.retry().waitFor(1)));
            state = state.withRun(run, now, step.name() + " " + target + " sent");
            commands.add(new SagaCommand(commandId, cause, step.command().apply(state, target)));
        }

        void resend(StepDefinition step, StepRun run) {
            StepRun again = run.resent(now.plus(step.retry().waitFor(run.attempts() + 1)));
            state = state.withRun(
                    again, now, run.step() + " " + run.target() + " resent (attempt " + again.attempts() + ")");
            commands.add(new SagaCommand(
                    run.commandId(), run.causationId(), step.command().apply(state, run.target())));
        }

        /** Marks the waiting runs of a step answered by an order event rather than by their reply. */
        void answerWaiting(String step, String why) {
            for (StepRun run : state.runsOf(step)) {
                if (run.waiting()) {
                    state = state.withRun(
                            run.ended(StepStatus.SUCCEEDED, now, null),
                            now,
                            step + " " + run.target() + " SUCCEEDED: " + why);
                }
            }
        }

        SagaChange change() {
            return new SagaChange(state, commands, null);
        }
    }
}
