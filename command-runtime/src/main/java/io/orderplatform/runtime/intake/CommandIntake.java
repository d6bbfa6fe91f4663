package io.orderplatform.runtime.intake;

import static io.orderplatform.schemas.fulfillment.FulfillmentContracts.COMMAND_REPLY;

import io.orderplatform.runtime.axon.CommandMessages;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.fulfillment.CommandReply;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
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

/**
 * Takes commands from the service's command topic, hands them to the aggregates and answers each
 * one on {@code fulfillment.replies}: SUCCEEDED, or FAILED with the refusal's reason.
 *
 * <p>The command keeps its identity: the Axon message gets the command's {@code ce_id}, so the events
 * it causes and its reply name it as their cause and carry its correlation id.
 *
 * <p>A record that cannot be read (bad envelope, unknown type, malformed JSON, key that is not the
 * command's aggregate) is not retried: the error handler moves it to the topic's DLQ with the reason,
 * and the partition goes on. Aggregates treat a repeated command as a success without effect, so
 * redelivery is harmless; a redelivered command is answered again with the same command id.
 *
 * @param <C> the command supertype
 */
public class CommandIntake<C> {

    private static final long REPLY_TIMEOUT_SECONDS = 10;

    private final IntakeDefinition<C> definition;
    private final CommandGateway commandGateway;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String source;
    private final Clock clock;

    public CommandIntake(
            IntakeDefinition<C> definition,
            CommandGateway commandGateway,
            KafkaTemplate<String, byte[]> kafka,
            String source,
            Clock clock) {
        this.definition = definition;
        this.commandGateway = commandGateway;
        this.kafka = kafka;
        this.source = source;
        this.clock = clock;
    }

    @KafkaListener(
            id = "command-intake",
            topics = "#{@intakeDefinition.topic().name()}",
            groupId = "${spring.application.name}")
    public void on(ConsumerRecord<String, byte[]> record) throws InterruptedException, TimeoutException {
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
        reply(envelope, replyKey, execute(envelope, command));
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

    private void reply(Envelope command, String replyKey, String refusal)
            throws InterruptedException, TimeoutException {
        CommandReply reply = refusal == null
                ? CommandReply.succeeded(command.id(), command.type(), replyKey, clock.instant())
                : CommandReply.failed(command.id(), command.type(), replyKey, refusal, clock.instant());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.FULFILLMENT_REPLIES.name(),
                replyKey,
                Topics.FULFILLMENT_REPLIES.valueSerde().toJson(reply));
        Envelope.forReply(UUID.randomUUID().toString(), source, COMMAND_REPLY, replyKey, reply.repliedAt(), command)
                .writeTo(record.headers());
        try {
            kafka.send(record).get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish the reply to command " + command.id(), e.getCause());
        }
    }
}
