package io.orderplatform.saga.adapter.streams;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.saga.domain.SagaChange;
import io.orderplatform.saga.domain.SagaCommand;
import io.orderplatform.saga.domain.SagaDefinition;
import io.orderplatform.saga.domain.SagaInput;
import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.orders.OrderEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the saga of every order of its partitions: reads an input, lets the {@link SagaDefinition}
 * decide, then stores the saga, updates its deadlines and sends its commands. Every wall-clock
 * {@code deadlineCheck} it hands the due deadlines to the saga, but only those due before what it has
 * read: while it is behind on its input (after a restart, a failover, an overload), a reply that came
 * in time may be waiting unread in its partitions, and firing the deadline would resend or give up on a
 * step that succeeded. So a deadline fires once the task's stream time (the newest record timestamp it
 * has processed) has passed it, or, when the task found nothing to process in {@value #IDLE_CHECKS}
 * checks in a row (it has read everything), once the wall clock has. A task that has just started
 * (a restart, a failover, a rebalance) counts as behind until then: its first fetch may come after
 * its first check, and the wall clock would fire, at once, every deadline of its backlog. A redriven
 * record from the saga's retry topic is processed as if read from the topic it names. A record it
 * cannot read or apply goes to the saga's dead letters of its topic with the reason; the partition
 * goes on.
 */
final class SagaProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SagaProcessor.class);
    private static final String SOURCE = "saga-orchestrator";
    /**
     * Checks in a row without a record before the task counts as having read everything: one empty
     * interval can be a fetch that is late (a leader moving, a busy machine), not the end of the input.
     */
    static final int IDLE_CHECKS = 3;
    /**
     * Deadlines fired in one check at most; the others are due at the next. A check runs in the task's
     * transaction: after an outage thousands can be due at once, and firing them all took longer than
     * the transaction timeout on a busy machine, so the coordinator aborted it, the task was fenced and
     * reverted, and the next try did the same (a fencing loop that outlived the load).
     */
    static final int DEADLINES_PER_CHECK = 200;

    private final SagaDefinition<OrderEvent> saga;
    private final Duration deadlineCheck;
    private final Supplier<String> commandIds;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, SagaState> sagas;
    private DeadlineIndex deadlines;
    /** Deadline checks in a row that found no record processed since the one before. */
    private int idleChecks;
    /** The running deadline checks; null while the task has no deadline. */
    private Cancellable deadlineChecks;

    SagaProcessor(SagaDefinition<OrderEvent> saga, Duration deadlineCheck, Supplier<String> commandIds) {
        this.saga = saga;
        this.deadlineCheck = deadlineCheck;
        this.commandIds = commandIds;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.sagas = context.getStateStore(SagaTopology.SAGAS);
        this.deadlines = new DeadlineIndex(context.getStateStore(SagaTopology.DEADLINES));
        if (!deadlines.isEmpty()) {
            startDeadlineChecks();
        }
    }

    /**
     * The checks run only while the task has a deadline: under exactly-once every punctuation makes the
     * task commit a transaction, and an idle saga checking five times a second cost the brokers about a
     * third of a core of the two here (docs/benchmarks.md).
     */
    private void startDeadlineChecks() {
        deadlineChecks = context.schedule(deadlineCheck, PunctuationType.WALL_CLOCK_TIME, timestamp -> fireDeadlines());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        idleChecks = 0;
        String topic = Retries.sourceTopicOf(
                Topics.SAGA_ORCHESTRATOR,
                context.recordMetadata().map(RecordMetadata::topic).orElse(""),
                record.headers());
        SagaState before = record.key() == null ? null : sagas.get(record.key());
        SagaChange change;
        try {
            Envelope envelope = Envelope.readFrom(record.headers());
            change = topic.equals(Topics.FULFILLMENT_REPLIES.name())
                    ? onReply(record, envelope, before)
                    : onOrderEvent(record, envelope, before);
        } catch (RuntimeException e) {
            deadLetter(record, topic, e);
            return;
        }
        apply(before, change);
    }

    private SagaChange onOrderEvent(Record<String, byte[]> record, Envelope envelope, SagaState before) {
        OrderEvent event = read(Topics.ORDERS_EVENTS, envelope, record);
        requireKey(record, event.orderId());
        if (envelope.sequence() == null) {
            throw new IllegalArgumentException("order event without ce_sequence");
        }
        return saga.apply(
                before,
                new SagaInput.Event<>(
                        event,
                        envelope.sequence(),
                        envelope.id(),
                        envelope.correlationId(),
                        envelope.traceparent(),
                        now()),
                commandIds);
    }

    private SagaChange onReply(Record<String, byte[]> record, Envelope envelope, SagaState before) {
        CommandReply reply = read(Topics.FULFILLMENT_REPLIES, envelope, record);
        requireKey(record, reply.orderId());
        return saga.apply(before, new SagaInput.Reply<>(reply, envelope.id(), now()), commandIds);
    }

    private void fireDeadlines() {
        Instant readUpTo =
                idleChecks >= IDLE_CHECKS ? now() : min(now(), Instant.ofEpochMilli(context.currentStreamTimeMs()));
        idleChecks = Math.min(idleChecks + 1, IDLE_CHECKS);
        for (DeadlineIndex.Due due : deadlines.dueAt(readUpTo, DEADLINES_PER_CHECK)) {
            SagaState before = sagas.get(due.orderId());
            apply(before, saga.apply(before, new SagaInput.Deadline<>(due.commandId(), now()), commandIds));
        }
        if (deadlines.isEmpty()) {
            deadlineChecks.cancel();
            deadlineChecks = null;
        }
    }

    private void apply(SagaState before, SagaChange change) {
        if (change.ignored() != null) {
            log.debug(
                    "saga {}: input ignored: {}",
                    change.state() == null ? "-" : change.state().orderId(),
                    change.ignored());
            return;
        }
        SagaState after = change.state();
        sagas.put(after.orderId(), after);
        deadlines.update(before, after);
        if (deadlineChecks == null && !after.waiting().isEmpty()) {
            startDeadlineChecks();
        }
        for (SagaCommand<?> command : change.commands()) {
            send(after, command);
        }
    }

    private <C> void send(SagaState saga, SagaCommand<C> command) {
        ContractTopic<C> topic = command.destination().topic();
        String key = command.key();
        MessageOrigin origin = new MessageOrigin(saga.correlationId(), command.causationId(), saga.traceparent());
        RecordHeaders headers = new RecordHeaders();
        Instant now = now();
        Envelope.forCommand(command.commandId(), SOURCE, topic.types().typeOf(command.payload()), key, now, origin)
                .writeTo(headers);
        context.forward(
                new Record<>(key, topic.valueSerde().toJson(command.payload()), now.toEpochMilli(), headers),
                SagaTopology.sinkOf(topic));
    }

    private void deadLetter(Record<String, byte[]> record, String topic, RuntimeException failure) {
        log.warn("{} record with key {} dead-lettered: {}", topic, record.key(), DeadLetters.reasonOf(failure));
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        var dead = DeadLetters.of(
                Topics.SAGA_ORCHESTRATOR,
                metadata.topic(),
                metadata.partition(),
                metadata.offset(),
                record.key(),
                record.value(),
                record.headers(),
                failure,
                now());
        String sink = dead.topic().equals(SagaTopology.REPLIES_DEAD_LETTERS.name())
                ? SagaTopology.REPLIES_DLQ
                : SagaTopology.ORDER_EVENTS_DLQ;
        context.forward(new Record<>(dead.key(), dead.value(), dead.timestamp(), dead.headers()), sink);
    }

    private static <V> V read(ContractTopic<V> topic, Envelope envelope, Record<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("record without a value");
        }
        return topic.valueSerde().fromJson(envelope.type(), record.value());
    }

    private static void requireKey(Record<String, byte[]> record, String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("the record names no order");
        }
        if (!Objects.equals(record.key(), orderId)) {
            throw new IllegalArgumentException("record key " + record.key() + " is not the order " + orderId);
        }
    }

    /** Wall-clock time; in a TopologyTestDriver, its mocked wall clock. */
    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
