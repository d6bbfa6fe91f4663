package io.orderplatform.saga.domain;

import io.orderplatform.schemas.fulfillment.CommandReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A saga run from its declared steps: the forward steps in order (each one's commands all at once, the
 * next when all succeeded), the compensations they name, the step that closes a failed saga, and what
 * each event of the saga's subject means ({@link EventReaction}): which one starts it, which one
 * completes it, which ones end it elsewhere. It knows no participant: the declaration (e.g.
 * {@link FulfillmentSaga}) says all of that. Pure: it turns the saga's state and one {@link SagaInput}
 * into the next state and the commands to send; the caller stores and sends them together.
 *
 * @param <E> the events of the saga's subject
 */
public final class SagaDefinition<E> {

    private final List<StepDefinition<?>> steps;
    private final StepDefinition<?> afterFailure;
    private final Function<? super E, String> subjectOf;
    private final Function<? super E, EventReaction> reactions;

    /**
     * @param steps the forward steps, in order, each naming the step that undoes it
     * @param afterFailure the step run once a failed saga has undone everything (e.g. reject the order)
     * @param subjectOf the saga an event belongs to (its subject's id)
     * @param reactions what each event means to the saga; an exhaustive {@code switch} keeps it total
     */
    public SagaDefinition(
            List<StepDefinition<?>> steps,
            StepDefinition<?> afterFailure,
            Function<? super E, String> subjectOf,
            Function<? super E, EventReaction> reactions) {
        this.steps = List.copyOf(steps);
        this.afterFailure = Objects.requireNonNull(afterFailure, "afterFailure");
        this.subjectOf = Objects.requireNonNull(subjectOf, "subjectOf");
        this.reactions = Objects.requireNonNull(reactions, "reactions");
    }

    /**
     * Applies one input to a saga.
     *
     * @param saga the saga, or null if none was started for the input's subject
     * @param input an event of the subject, a participant's reply, or a deadline that passed
     * @param ids the ids of new commands
     */
    public SagaChange apply(SagaState saga, SagaInput<E> input, Supplier<String> ids) {
        return switch (input) {
            case SagaInput.Event<E> event -> onEvent(saga, event, ids);
            case SagaInput.Reply<E> reply -> onReply(saga, reply, ids);
            case SagaInput.Deadline<E> deadline -> onDeadline(saga, deadline, ids);
        };
    }

    /** Every destination the saga sends commands to, each once. */
    public List<Destination<?>> destinations() {
        return allSteps()
                .<Destination<?>>map(StepDefinition::destination)
                .distinct()
                .toList();
    }

    private SagaChange onEvent(SagaState saga, SagaInput.Event<E> input, Supplier<String> ids) {
        return switch (reactions.apply(input.event())) {
            case EventReaction.Starts starts -> start(saga, starts, input, ids);
            case EventReaction.Completes completes ->
                afterStart(saga, input, ids, work -> {
                    work.answerWaiting(completes.answered(), completes.why());
                    if (work.state.status() == SagaStatus.RUNNING) {
                        work.state = work.state.withStatus(SagaStatus.COMPLETED, work.now, completes.why());
                    }
                });
            case EventReaction.EndsElsewhere ends ->
                afterStart(saga, input, ids, work -> {
                    if (ends.answered() != null) {
                        work.answerWaiting(ends.answered(), ends.answer());
                    }
                    endedElsewhere(work, ends.why());
                });
        };
    }

    private SagaChange start(
            SagaState saga, EventReaction.Starts starts, SagaInput.Event<E> input, Supplier<String> ids) {
        if (saga != null) {
            return SagaChange.ignored(saga, "already started");
        }
        Work work = new Work(starts.state().apply(input).atSequence(input.sequence()), input.now(), ids);
        advance(work, input.eventId());
        return work.change();
    }

    /** Applies an event of a started saga once: events at or below the last applied sequence are ignored. */
    private SagaChange afterStart(
            SagaState saga, SagaInput.Event<E> input, Supplier<String> ids, Consumer<Work> reaction) {
        if (saga == null) {
            return SagaChange.ignored(null, "no saga for order " + subjectOf.apply(input.event()));
        }
        if (input.sequence() <= saga.lastOrderSequence()) {
            return SagaChange.ignored(saga, "event " + input.sequence() + " already applied");
        }
        Work work = new Work(saga.atSequence(input.sequence()), input.now(), ids);
        reaction.accept(work);
        advance(work, input.eventId());
        return work.change();
    }

    /**
     * A reply for a command the saga did not send, or already has an answer for (a duplicate, or one
     * after its timeout), changes nothing.
     */
    private SagaChange onReply(SagaState saga, SagaInput.Reply<E> input, Supplier<String> ids) {
        CommandReply reply = input.reply();
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
        Work work = new Work(saga, input.now(), ids);
        StepStatus outcome =
                reply.outcome() == CommandReply.Outcome.SUCCEEDED ? StepStatus.SUCCEEDED : StepStatus.FAILED;
        work.state = work.state.withRun(
                run.ended(outcome, work.now, reply.reason()),
                work.now,
                run.step() + " " + run.target() + " " + outcome
                        + (reply.reason() == null ? "" : ": " + reply.reason()));
        advance(work, input.replyId());
        return work.change();
    }

    /** A command's deadline passed: send it again, or give up on it. */
    private SagaChange onDeadline(SagaState saga, SagaInput.Deadline<E> input, Supplier<String> ids) {
        StepRun run = saga == null ? null : saga.run(input.commandId()).orElse(null);
        if (run == null || !run.waiting() || run.deadline().isAfter(input.now())) {
            return SagaChange.ignored(saga, "no deadline due for " + input.commandId());
        }
        Work work = new Work(saga, input.now(), ids);
        StepDefinition<?> step = definitionOf(run.step());
        if (step.retry().mayResend(run.attempts())) {
            work.resend(step, run);
        } else {
            work.state = work.state.withRun(
                    run.ended(StepStatus.TIMED_OUT, work.now, "no reply after " + run.attempts() + " attempt(s)"),
                    work.now,
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
        for (StepDefinition<?> step : steps) {
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
        for (StepDefinition<?> step : steps) {
            StepDefinition<?> undo = step.compensation();
            if (undo == null) {
                continue;
            }
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
                .collect(Collectors.groupingBy(StepRun::step, LinkedHashMap::new, Collectors.toList()))
                .entrySet()
                .stream()
                .map(entry -> entry.getKey() + " failed for "
                        + entry.getValue().stream()
                                .map(run -> run.target() + " (" + run.reason() + ")")
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private StepDefinition<?> definitionOf(String name) {
        return allSteps()
                .filter(step -> step.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no step " + name));
    }

    /** The forward steps, their compensations and the failure step. */
    private Stream<StepDefinition<?>> allSteps() {
        return Stream.of(
                        steps.stream(),
                        steps.stream().map(StepDefinition::compensation).filter(Objects::nonNull),
                        Stream.<StepDefinition<?>>of(afterFailure))
                .flatMap(Function.identity());
    }

    /** One input's work in progress: the state as it changes and the commands it sends. */
    private static final class Work {
        private SagaState state;
        private final Instant now;
        private final Supplier<String> ids;
        private final List<SagaCommand<?>> commands = new ArrayList<>();

        Work(SagaState state, Instant now, Supplier<String> ids) {
            this.state = state;
            this.now = now;
            this.ids = ids;
        }

        void send(StepDefinition<?> step, String target, String cause) {
            String commandId = ids.get();
            StepRun run = StepRun.sent(
                    step.name(),
                    target,
                    commandId,
                    cause,
                    now,
                    now.plus(step.retry().waitFor(1)));
            state = state.withRun(run, now, step.name() + " " + target + " sent");
            commands.add(step.commandFor(state, target, commandId, cause));
        }

        void resend(StepDefinition<?> step, StepRun run) {
            StepRun again = run.resent(now.plus(step.retry().waitFor(run.attempts() + 1)));
            state = state.withRun(
                    again, now, run.step() + " " + run.target() + " resent (attempt " + again.attempts() + ")");
            commands.add(step.commandFor(state, run.target(), run.commandId(), run.causationId()));
        }

        /** Marks the waiting runs of a step answered by an event rather than by their reply. */
        void answerWaiting(StepDefinition<?> step, String why) {
            for (StepRun run : state.runsOf(step.name())) {
                if (run.waiting()) {
                    state = state.withRun(
                            run.ended(StepStatus.SUCCEEDED, now, null),
                            now,
                            step.name() + " " + run.target() + " SUCCEEDED: " + why);
                }
            }
        }

        SagaChange change() {
            return new SagaChange(state, commands, null);
        }
    }
}
