package io.orderplatform.runtime.intake;

import static io.orderplatform.schemas.fulfillment.FulfillmentContracts.COMMAND_REPLY;

import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.fulfillment.CommandReply;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Takes commands from the service's command topic, hands them to the aggregates and answers each
 * one on {@code fulfillment.replies}: SUCCEEDED, or FAILED with the refusal's reason.
 *
 * <p>A record that cannot be read (bad envelope, unknown type, malformed JSON) is not retried: the
 * error handler moves it to the topic's DLQ with the reason, and the partition goes on. Aggregates
 * treat a repeated command as a success without effect, so redelivery is harmless; a redelivered
 * command is answered again with the same command id.
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
        String orderId = definition.orderIdOf().apply(command);
        if (!Objects.equals(orderId, record.key())) {
            throw new InvalidCommandException(
                    "record key " + record.key() + " does not match the command's order " + orderId);
        }
        reply(envelope, orderId, execute(envelope, command));
    }

    private C read(Envelope envelope, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new InvalidCommandException("command record without a value");
        }
        try {
            return definition.serde().fromJson(envelope.type(), record.value());
        } catch (SerializationException e) {
            throw new InvalidCommandException(e.getMessage());
        }
    }

    /** Runs the command; returns null on success or the reason it was refused. */
    private String execute(Envelope envelope, C command) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put("commandId", envelope.id());
        if (envelope.correlationId() != null) {
            metaData.put("traceId", envelope.correlationId());
        }
        if (envelope.traceparent() != null) {
            metaData.put("traceparent", envelope.traceparent());
        }
        try {
            commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).withMetaData(metaData));
            return null;
        } catch (RuntimeException e) {
            if (e instanceof AggregateNotFoundException) {
                return "order " + definition.orderIdOf().apply(command) + " does not exist";
            }
            if (definition.isRefusal().test(e)) {
                return e.getMessage();
            }
            throw e;
        }
    }

    private void reply(Envelope command, String orderId, String refusal) throws InterruptedException, TimeoutException {
        CommandReply reply = refusal == null
                ? CommandReply.succeeded(command.id(), command.type(), orderId, clock.instant())
                : CommandReply.failed(command.id(), command.type(), orderId, refusal, clock.instant());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.FULFILLMENT_REPLIES.name(),
                orderId,
                Topics.FULFILLMENT_REPLIES
                        .valueSerde()
                        .serializer()
                        .serialize(Topics.FULFILLMENT_REPLIES.name(), reply));
        new Envelope(
                        UUID.randomUUID().toString(),
                        source,
                        COMMAND_REPLY.name(),
                        orderId,
                        reply.repliedAt(),
                        COMMAND_REPLY.schemaUri(),
                        null,
                        command.correlationId(),
                        command.id(),
                        command.traceparent())
                .writeTo(record.headers());
        try {
            kafka.send(record).get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish the reply to command " + command.id(), e.getCause());
        }
    }
}
