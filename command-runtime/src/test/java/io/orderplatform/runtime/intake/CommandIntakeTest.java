package io.orderplatform.runtime.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.CloudEventHeaders;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.fulfillment.CommandReply.Outcome;
import io.orderplatform.schemas.json.MessageType;
import io.orderplatform.schemas.json.MessageTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * What the command intake does with one record of a command topic: which command the aggregate
 * gets, and which answer, if any, goes to {@code fulfillment.replies}. The aggregate is a handler on
 * an in-memory Axon command bus; Kafka is a {@link MockProducer} that records what was sent.
 */
class CommandIntakeTest {

    /** A command to a box (the aggregate, the record key), answered to the parcel it serves. */
    record PackBox(String boxId, String parcelId) {}

    /** What a handler returns when it records its refusal as an event instead of throwing. */
    record PackingRefused(String reason) {}

    /** A business refusal thrown by the aggregate. */
    static class BoxFull extends RuntimeException {
        BoxFull(String message) {
            super(message);
        }
    }

    private static final MessageType<PackBox> PACK_BOX = new MessageType<>("boxes.PackBox.v1", PackBox.class);
    private static final ContractTopic<PackBox> BOX_COMMANDS =
            ContractTopic.of("test.boxes.commands", MessageTypes.of(PackBox.class, PACK_BOX), 1, Map.of());
    private static final IntakeDefinition<PackBox> BOXES = IntakeDefinition.of(
                    BOX_COMMANDS, PackBox::boxId, PackBox::parcelId, BoxFull.class::isInstance)
            .withRefusalsIn(result -> result instanceof PackingRefused refused ? refused.reason() : null);

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final List<CommandMessage<?>> executed = new CopyOnWriteArrayList<>();
    private final MockProducer<String, byte[]> kafka = new KeptOpen(true);
    private long offset;

    @Test
    void
            a_command_is_executed_with_its_ce_id_as_the_axon_message_identifier_and_answered_succeeded_with_that_command_id()
                    throws Exception {
        boxesAnswer(command -> null);

        deliver(BOXES, record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE));

        assertThat(executed).singleElement().satisfies(message -> {
            assertThat(message.getIdentifier()).isEqualTo("cmd-1");
            assertThat(message.getPayload()).isEqualTo(new PackBox("box-1", "parcel-7"));
        });
        assertThat(replies())
                .containsExactly(
                        new CommandReply("cmd-1", "boxes.PackBox.v1", "parcel-7", Outcome.SUCCEEDED, null, NOW));
    }

    @Test
    void
            the_reply_is_keyed_by_what_the_command_serves_not_by_its_aggregate_and_is_an_enveloped_reply_caused_by_the_command()
                    throws Exception {
        boxesAnswer(command -> null);

        deliver(BOXES, record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE));

        ProducerRecord<String, byte[]> sent = kafka.history().getFirst();
        assertThat(sent.topic()).isEqualTo(Topics.FULFILLMENT_REPLIES.name());
        assertThat(sent.key()).isEqualTo("parcel-7");
        Envelope reply = Envelope.readFrom(sent.headers());
        assertThat(reply.type()).isEqualTo("fulfillment.CommandReply.v1");
        assertThat(reply.source()).isEqualTo("box-service");
        assertThat(reply.subject()).isEqualTo("parcel-7");
        assertThat(reply.time()).isEqualTo(NOW);
        assertThat(reply.causationId()).isEqualTo("cmd-1");
        assertThat(reply.id()).isNotEqualTo("cmd-1");
    }

    @Test
    void a_refusal_is_answered_failed_with_its_reason() throws Exception {
        boxesAnswer(command -> {
            throw new BoxFull("box-1 holds 12 parcels already");
        });

        deliver(BOXES, record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE));

        assertThat(replies())
                .containsExactly(new CommandReply(
                        "cmd-1",
                        "boxes.PackBox.v1",
                        "parcel-7",
                        Outcome.FAILED,
                        "box-1 holds 12 parcels already",
                        NOW));
    }

    @Test
    void a_refusal_the_handler_reports_in_its_result_is_answered_failed_with_its_reason() throws Exception {
        boxesAnswer(command -> new PackingRefused("parcel-7 is too heavy for box-1"));

        deliver(BOXES, record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE));

        assertThat(replies()).singleElement().satisfies(reply -> {
            assertThat(reply.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(reply.reason()).isEqualTo("parcel-7 is too heavy for box-1");
        });
    }

    @Test
    void a_command_for_an_aggregate_that_does_not_exist_is_answered_failed_naming_it() throws Exception {
        boxesAnswer(command -> {
            throw new AggregateNotFoundException("box-1", "no box-1");
        });

        deliver(BOXES, record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE));

        assertThat(replies()).singleElement().satisfies(reply -> {
            assertThat(reply.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(reply.reason()).isEqualTo("box-1 does not exist");
        });
    }

    @Test
    void a_command_for_an_aggregate_that_does_not_exist_is_answered_as_the_definition_says() throws Exception {
        boxesAnswer(command -> {
            throw new AggregateNotFoundException("box-1", "no box-1");
        });

        deliver(
                BOXES.withUnknownAggregate(command -> null),
                record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE));

        assertThat(replies()).singleElement().extracting(CommandReply::outcome).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void a_failure_that_is_no_refusal_is_thrown_so_that_the_record_is_retried_and_nothing_is_answered() {
        boxesAnswer(command -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(() ->
                        deliver(BOXES, record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE)))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(InvalidCommandException.class)
                .hasMessage("database down");
        assertThat(kafka.history()).isEmpty();
    }

    @Test
    void a_record_whose_key_is_not_the_commands_aggregate_is_refused_and_nothing_is_executed_or_answered() {
        boxesAnswer(command -> null);

        assertThatThrownBy(() -> deliver(
                        BOXES, record("parcel-7", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("record key parcel-7 is not the command's aggregate box-1");
        assertNothingExecutedOrAnswered();
    }

    @Test
    void a_command_that_names_no_aggregate_is_refused_even_when_the_record_has_no_key_either() {
        boxesAnswer(command -> null);

        assertThatThrownBy(
                        () -> deliver(BOXES, record(null, "cmd-1", new PackBox(null, "parcel-7"), MessageOrigin.NONE)))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> deliver(BOXES, record("", "cmd-2", new PackBox("", "parcel-7"), MessageOrigin.NONE)))
                .isInstanceOf(InvalidCommandException.class);
        assertNothingExecutedOrAnswered();
    }

    @Test
    void an_empty_reply_key_is_refused_and_nothing_is_executed_or_answered() {
        boxesAnswer(command -> null);

        assertThatThrownBy(
                        () -> deliver(BOXES, record("box-1", "cmd-1", new PackBox("box-1", null), MessageOrigin.NONE)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("names nothing to answer to");
        assertThatThrownBy(
                        () -> deliver(BOXES, record("box-1", "cmd-2", new PackBox("box-1", " "), MessageOrigin.NONE)))
                .isInstanceOf(InvalidCommandException.class);
        assertNothingExecutedOrAnswered();
    }

    @Test
    void an_unknown_ce_type_is_refused_and_nothing_is_executed_or_answered() {
        boxesAnswer(command -> null);
        ConsumerRecord<String, byte[]> record =
                record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE);
        record.headers()
                .remove(CloudEventHeaders.TYPE)
                .add(CloudEventHeaders.TYPE, "boxes.UnpackBox.v1".getBytes(UTF_8));

        assertThatThrownBy(() -> deliver(BOXES, record))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("boxes.UnpackBox.v1");
        assertNothingExecutedOrAnswered();
    }

    @Test
    void a_value_that_is_not_the_commands_json_or_no_value_at_all_is_refused() {
        boxesAnswer(command -> null);

        assertThatThrownBy(() -> deliver(BOXES, withValue("{\"boxId\": ".getBytes(UTF_8))))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> deliver(BOXES, withValue(null))).isInstanceOf(InvalidCommandException.class);
        assertNothingExecutedOrAnswered();
    }

    @Test
    void correlation_id_and_traceparent_travel_to_the_command_and_to_the_reply() throws Exception {
        boxesAnswer(command -> null);

        deliver(
                BOXES,
                record(
                        "box-1",
                        "cmd-1",
                        new PackBox("box-1", "parcel-7"),
                        new MessageOrigin("flow-9", "evt-3", TRACEPARENT)));

        assertThat(executed.getFirst().getMetaData()).containsEntry(CloudEventHeaders.TRACEPARENT, TRACEPARENT);
        Envelope reply = Envelope.readFrom(kafka.history().getFirst().headers());
        assertThat(reply.correlationId()).isEqualTo("flow-9");
        assertThat(reply.causationId()).isEqualTo("cmd-1");
        assertThat(reply.traceparent()).isEqualTo(TRACEPARENT);
    }

    @Test
    void the_reply_to_a_command_that_starts_a_flow_is_in_the_flow_named_after_the_command() throws Exception {
        boxesAnswer(command -> null);

        deliver(BOXES, record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE));

        Envelope reply = Envelope.readFrom(kafka.history().getFirst().headers());
        assertThat(reply.correlationId()).isEqualTo("cmd-1");
        assertThat(reply.traceparent()).isNull();
    }

    @Test
    void a_redelivered_command_is_answered_again_with_the_same_command_id() throws Exception {
        boxesAnswer(command -> null);
        ConsumerRecord<String, byte[]> command =
                record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), new MessageOrigin("flow-9", null, null));

        deliver(BOXES, command);
        deliver(BOXES, command);

        assertThat(executed).extracting(CommandMessage::getIdentifier).containsExactly("cmd-1", "cmd-1");
        assertThat(replies())
                .extracting(CommandReply::commandId, CommandReply::outcome)
                .containsExactly(tuple("cmd-1", Outcome.SUCCEEDED), tuple("cmd-1", Outcome.SUCCEEDED));
        assertThat(kafka.history())
                .extracting(sent -> Envelope.readFrom(sent.headers()).correlationId())
                .containsOnly("flow-9");
    }

    @Test
    void a_reply_kafka_does_not_take_fails_the_record_so_that_it_is_retried() throws Exception {
        boxesAnswer(command -> null);
        MockProducer<String, byte[]> refusing = new KeptOpen(false);
        CommandIntake<PackBox> intake = intake(BOXES, refusing);
        ConsumerRecord<String, byte[]> record =
                record("box-1", "cmd-1", new PackBox("box-1", "parcel-7"), MessageOrigin.NONE);

        CompletableFuture<Throwable> delivery = CompletableFuture.supplyAsync(() -> {
            try {
                deliverAlone(intake, record);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        awaitSent(refusing);
        refusing.errorNext(new TimeoutException("no broker"));

        assertThat(delivery.get(10, TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not publish the reply to command cmd-1")
                .hasRootCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void a_batch_ends_at_the_record_that_fails_after_the_replies_before_it_are_out() throws Exception {
        boxesAnswer(command -> {
            if (command.boxId().equals("box-2")) {
                throw new IllegalStateException("database down");
            }
            return null;
        });
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                record("box-1", "cmd-1", new PackBox("box-1", "parcel-1"), MessageOrigin.NONE),
                record("box-2", "cmd-2", new PackBox("box-2", "parcel-2"), MessageOrigin.NONE),
                record("box-3", "cmd-3", new PackBox("box-3", "parcel-3"), MessageOrigin.NONE));

        assertThatThrownBy(() -> intake(BOXES, kafka).on(batch))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(1))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(executed).hasSize(2);
        assertThat(kafka.history())
                .as("the reply to the command before the failed one, sent and acknowledged")
                .extracting(sent -> Envelope.readFrom(sent.headers()).causationId())
                .containsExactly("cmd-1");
    }

    /** A producer that outlives the template's close after each send, so that it records every reply of a test. */
    private static final class KeptOpen extends MockProducer<String, byte[]> {
        KeptOpen(boolean autoComplete) {
            super(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public void close(Duration timeout) {}
    }

    private void boxesAnswer(Function<PackBox, Object> aggregate) {
        commandBus.subscribe(PackBox.class.getName(), message -> {
            executed.add(message);
            return aggregate.apply((PackBox) message.getPayload());
        });
    }

    private void deliver(IntakeDefinition<PackBox> definition, ConsumerRecord<String, byte[]> record) throws Exception {
        deliverAlone(intake(definition, kafka), record);
    }

    /** Delivers one record as a batch of its own; what fails it is thrown as the error handler sees it. */
    private static void deliverAlone(CommandIntake<PackBox> intake, ConsumerRecord<String, byte[]> record)
            throws Exception {
        try {
            intake.on(List.of(record));
        } catch (BatchListenerFailedException e) {
            assertThat(e.getIndex()).isZero();
            throw (Exception) e.getCause();
        }
    }

    private CommandIntake<PackBox> intake(IntakeDefinition<PackBox> definition, MockProducer<String, byte[]> producer) {
        return new CommandIntake<>(
                definition,
                ConsumerTopics.of("box-service", Map.of(), Map.of(), List.of(definition.topic())),
                DefaultCommandGateway.builder().commandBus(commandBus).build(),
                new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)),
                "box-service",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A command record as the saga sends it: keyed {@code key}, enveloped with {@code commandId} and its flow. */
    private ConsumerRecord<String, byte[]> record(String key, String commandId, PackBox command, MessageOrigin origin) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(
                BOX_COMMANDS.name(), 0, offset++, key, BOX_COMMANDS.valueSerde().toJson(command));
        Envelope.forCommand(commandId, "saga", PACK_BOX, key, NOW.minusSeconds(1), origin)
                .writeTo(record.headers());
        return record;
    }

    private ConsumerRecord<String, byte[]> withValue(byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(BOX_COMMANDS.name(), 0, offset++, "box-1", value);
        Envelope.forCommand("cmd-" + offset, "saga", PACK_BOX, "box-1", NOW, MessageOrigin.NONE)
                .writeTo(record.headers());
        return record;
    }

    private List<CommandReply> replies() {
        return kafka.history().stream()
                .map(sent -> Topics.FULFILLMENT_REPLIES
                        .valueSerde()
                        .deserializer()
                        .deserialize(sent.topic(), sent.headers(), sent.value()))
                .toList();
    }

    private void assertNothingExecutedOrAnswered() {
        assertThat(executed).as("commands executed").isEmpty();
        assertThat(kafka.history()).as("replies sent").isEmpty();
    }

    private static void awaitSent(MockProducer<String, byte[]> producer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (producer.history().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(producer.history()).as("the reply handed to Kafka").hasSize(1);
    }
}
