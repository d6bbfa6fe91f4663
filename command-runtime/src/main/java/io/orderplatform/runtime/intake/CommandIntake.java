package io.orderplatform.runtime.intake;

import static io.orderplatform.schemas.fulfillment.FulfillmentContracts.COMMAND_REPLY;

import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.runtime.axon.CommandMessages;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.CloudEventHeaders;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.fulfillment.CommandReply;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Takes commands from the service's command topic, and its redriven dead letters from its own retry
 * topic ({@code <service>.retry}) exactly as if they came from there, hands them to the aggregates and
 * answers each one on {@code fulfillment.replies}: SUCCEEDED, or FAILED with the refusal's reason.
 *
 * <p>The command keeps its identity: the Axon message gets the command's {@code ce_id}, so the events
 * it causes and its reply name it as their cause and carry its correlation id.
 *
 * <p>A record that cannot be read (bad envelope, unknown type, malformed JSON, key that is not the
 * command's aggregate, a retried record of another topic) is not retried: the error handler moves it
 * to the service's dead letters of the command topic ({@code <service>.<topic>.dlq}) with the reason,
 * and the partition goes on. Aggregates treat a repeated command as a success without effect, so
 * redelivery (and a redrive) is harmless; a redelivered command is answered again with the same command
 * id.
 *
 * @param <C> the command supertype
 */
public class CommandIntake<C> {

    private static final long REPLY_TIMEOUT_SECONDS = 10;

    private final IntakeDefinition<C> definition;
    private final ConsumerTopics consumer;
    private final CommandGateway commandGateway;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String source;
    private final Clock clock;

    /** @param consumer the service's own topics; one of its sources must be the intake's command topic */
    public CommandIntake(
            IntakeDefinition<C> definition,
            ConsumerTopics consumer,
            CommandGateway commandGateway,
            KafkaTemplate<String, byte[]> kafka,
            String source,
            Clock clock) {
        if (consumer.deadLettersOf(definition.topic().name()).isEmpty()) {
            throw new IllegalArgumentException(consumer.consumer() + " owns no dead letters of "
                    + definition.topic().name() + ", the topic its intake reads");
        }
        this.definition = definition;
        this.consumer = consumer;
        this.commandGateway = commandGateway;
        this.kafka = kafka;
        this.source = source;
        this.clock = clock;
    }

    /** The topics it reads: the command topic and the service's retry topic. */
    public String[] topics() {
        return new String[] {definition.topic().name(), consumer.retry().name()};
    }

    /**
     * Handles the records of one poll in order, each command in its own transaction, and sends their
     * replies without waiting for each: it waits once, at the end, for all of them, before the batch's
     * offsets are committed (a wait per record, for a write every in-sync replica acknowledges, set the
     * pace of a partition). A record that fails ends the batch there: the replies of those before it are
     * awaited, and the error handler commits up to it, then retries or dead-letters it.
     */
    @KafkaListener(
            id = "command-intake",
            topics = "#{__listener.topics()}",
            groupId = "${spring.application.name}",
            batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        List<CompletableFuture<?>> replies = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                replies.add(handle(records.get(i)));
            } catch (RuntimeException e) {
                awaitReplies(records, replies);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        awaitReplies(records, replies);
    }

    /** Waits for the replies sent so far, in order; the first that failed fails its record. */
    private void awaitReplies(List<ConsumerRecord<String, byte[]>> records, List<CompletableFuture<?>> replies)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPLY_TIMEOUT_SECONDS);
        for (int i = 0; i < replies.size(); i++) {
            try {
                replies.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                String commandId = Envelope.get(records.get(i).headers(), CloudEventHeaders.ID);
                throw new BatchListenerFailedException(
                        "could not publish the reply to command " + commandId,
                        new IllegalStateException("could not publish the reply to command " + commandId, cause),
                        i);
            }
        }
    }

    /** Runs one command record and sends its reply; returns the reply's send. */
    private CompletableFuture<?> handle(ConsumerRecord<String, byte[]> record) {
        String sourceTopic = Retries.sourceTopicOf(consumer, record.topic(), record.headers());
        if (!sourceTopic.equals(definition.topic().name())) {
            throw new InvalidCommandException(
                    "a retried record must name " + definition.topic().name() + " as its " + Retries.SOURCE_TOPIC
                            + ", not " + Envelope.get(record.headers(), Retries.SOURCE_TOPIC));
        }
        Envelope envelope = Envelope.readFrom(record.headers());
        C command = read(envelope, record);
        String aggregateId = definition.aggregateIdOf().apply(command);
        if (aggregateId == null || aggregateId.isBlank() || !Objects.equals(aggregateId, record.key())) {
            throw new InvalidCommandException(
                    "record key " + record.key() + " is not the command's aggregate " + aggregateId);
        }
        String replyKey = definition.replyKeyOf().apply(command);
        if (replyKey == null || replyKey.isBlank()) {
            throw new InvalidCommandException("the command names nothing to answer to (its reply key is empty)");
        }
        return reply(envelope, replyKey, execute(envelope, command));
    }

    private C read(Envelope envelope, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new InvalidCommandException("command record without a value");
        }
        try {
            return definition.topic().valueSerde().fromJson(envelope.type(), record.value());
        } catch (SerializationException e) {
            throw new InvalidCommandException(e.getMessage());
        }
    }

    /** Runs the command; returns null on success or the reason it was refused. */
    private String execute(Envelope envelope, C command) {
        CommandOrigin origin = new CommandOrigin(envelope.id(), envelope.origin());
        try {
            Object result = commandGateway.sendAndWait(CommandMessages.of(command, origin));
            return result == null ? null : definition.refusalIn().apply(result);
        } catch (RuntimeException e) {
            if (e instanceof AggregateNotFoundException) {
                return definition.unknownAggregate().apply(command);
            }
            if (definition.isRefusal().test(e)) {
                return e.getMessage();
            }
            throw e;
        }
    }

    private CompletableFuture<?> reply(Envelope command, String replyKey, String refusal) {
        CommandReply reply = refusal == null
                ? CommandReply.succeeded(command.id(), command.type(), replyKey, clock.instant())
                : CommandReply.failed(command.id(), command.type(), replyKey, refusal, clock.instant());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.FULFILLMENT_REPLIES.name(),
                replyKey,
                Topics.FULFILLMENT_REPLIES.valueSerde().toJson(reply));
        Envelope.forReply(UUID.randomUUID().toString(), source, COMMAND_REPLY, replyKey, reply.repliedAt(), command)
                .writeTo(record.headers());
        return kafka.send(record);
    }
}
