package io.orderplatform.runtime.seats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.runtime.seats.SeatContracts.BookSeat;
import io.orderplatform.runtime.test.CommandProducer;
import io.orderplatform.runtime.test.ServiceHttp;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.runtime.test.TopicReader;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.fulfillment.CommandReply;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runtime serves an aggregate that is not an order: commands keyed by seat, replies keyed by the
 * booking they serve, events keyed by seat and caused by the command; and the service's own
 * migration (V1, like the platform's first) applies beside the platform's.
 */
@ServiceIntegrationTest
class SeatServiceIT {

    static final String DEAD_LETTERS = "seat-service.test.seats.commands.dlq";
    static final String RETRY = "seat-service.retry";

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JdbcTemplate jdbc;

    CommandProducer commands;

    @BeforeEach
    void setUp() {
        commands = new CommandProducer(bootstrapServers);
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    @Test
    void a_command_keyed_by_its_seat_is_answered_by_booking_and_its_event_is_keyed_by_seat_and_names_it()
            throws Exception {
        String seat = "seat-" + UUID.randomUUID();
        String booking = "booking-" + UUID.randomUUID();
        String commandId = UUID.randomUUID().toString();

        send(seat, commandId, new BookSeat(seat, booking), new MessageOrigin("flow-1", "cause-1", null));

        ConsumerRecord<String, byte[]> replyRecord = await(Topics.FULFILLMENT_REPLIES.name(), booking);
        CommandReply reply = read(replyRecord);
        assertThat(reply.commandId()).isEqualTo(commandId);
        assertThat(reply.commandType()).isEqualTo("seats.BookSeat.v1");
        assertThat(reply.orderId()).isEqualTo(booking);
        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.SUCCEEDED);
        assertThat(Envelope.readFrom(replyRecord.headers()).causationId()).isEqualTo(commandId);

        Envelope booked =
                Envelope.readFrom(await(SeatContracts.SEAT_EVENTS.name(), seat).headers());
        assertThat(booked.type()).isEqualTo("seats.SeatBooked.v1");
        assertThat(booked.subject()).isEqualTo(seat);
        assertThat(booked.sequence()).isEqualTo(1);
        assertThat(booked.causationId()).isEqualTo(commandId);
        assertThat(booked.correlationId()).isEqualTo("flow-1");
    }

    @Test
    void a_seat_taken_by_another_booking_is_refused_with_a_failed_reply_to_that_booking() throws Exception {
        String seat = "seat-" + UUID.randomUUID();
        String first = "booking-" + UUID.randomUUID();
        String second = "booking-" + UUID.randomUUID();
        send(seat, UUID.randomUUID().toString(), new BookSeat(seat, first), MessageOrigin.NONE);
        await(Topics.FULFILLMENT_REPLIES.name(), first);

        send(seat, UUID.randomUUID().toString(), new BookSeat(seat, second), MessageOrigin.NONE);

        CommandReply refused = read(await(Topics.FULFILLMENT_REPLIES.name(), second));
        assertThat(refused.outcome()).isEqualTo(CommandReply.Outcome.FAILED);
        assertThat(refused.reason()).isEqualTo("seat " + seat + " is taken by booking " + first);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, seat))
                .isEqualTo(1);
    }

    @Test
    void a_command_whose_key_is_not_its_aggregate_is_dead_lettered_with_the_reason() throws Exception {
        String seat = "seat-" + UUID.randomUUID();
        String booking = "booking-" + UUID.randomUUID();

        send(booking, UUID.randomUUID().toString(), new BookSeat(seat, booking), MessageOrigin.NONE);

        ConsumerRecord<String, byte[]> dead = await(DEAD_LETTERS, booking);
        assertThat(Envelope.get(dead.headers(), DeadLetters.REASON))
                .contains("record key " + booking + " is not the command's aggregate " + seat);
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC))
                .isEqualTo(SeatContracts.SEAT_COMMANDS.name());
        assertThat(new String(dead.value(), UTF_8)).contains(seat);
    }

    @Test
    void a_command_that_names_nothing_to_answer_to_is_dead_lettered() throws Exception {
        String seat = "seat-" + UUID.randomUUID();

        send(seat, UUID.randomUUID().toString(), new BookSeat(seat, null), MessageOrigin.NONE);

        ConsumerRecord<String, byte[]> dead = await(DEAD_LETTERS, seat);
        assertThat(Envelope.get(dead.headers(), DeadLetters.REASON)).contains("names nothing to answer to");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, seat))
                .isZero();
    }

    @Test
    void a_command_redriven_to_the_services_retry_topic_is_executed_and_answered_as_from_its_topic() throws Exception {
        String seat = "seat-" + UUID.randomUUID();
        String booking = "booking-" + UUID.randomUUID();
        String commandId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> retried = new ProducerRecord<>(
                RETRY, seat, SeatContracts.SEAT_COMMANDS.valueSerde().toJson(new BookSeat(seat, booking)));
        Envelope.forCommand(
                        commandId,
                        "test-client",
                        SeatContracts.BOOK_SEAT,
                        seat,
                        java.time.Instant.now(),
                        MessageOrigin.NONE)
                .writeTo(retried.headers());
        retried.headers()
                .add(Retries.SOURCE_TOPIC, SeatContracts.SEAT_COMMANDS.name().getBytes(UTF_8));

        commands.send(retried);

        assertThat(read(await(Topics.FULFILLMENT_REPLIES.name(), booking))).satisfies(reply -> {
            assertThat(reply.commandId()).isEqualTo(commandId);
            assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.SUCCEEDED);
        });
        assertThat(Envelope.readFrom(
                                await(SeatContracts.SEAT_EVENTS.name(), seat).headers())
                        .causationId())
                .isEqualTo(commandId);
    }

    @Test
    void a_retried_record_that_fails_again_is_dead_lettered_as_from_its_command_topic() throws Exception {
        String seat = "seat-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> retried = new ProducerRecord<>(RETRY, seat, "{not json".getBytes(UTF_8));
        retried.headers()
                .add(Retries.SOURCE_TOPIC, SeatContracts.SEAT_COMMANDS.name().getBytes(UTF_8));
        retried.headers().add(Retries.SOURCE_PARTITION, "2".getBytes(UTF_8));
        retried.headers().add(Retries.SOURCE_OFFSET, "40".getBytes(UTF_8));

        commands.send(retried);

        ConsumerRecord<String, byte[]> dead = await(DEAD_LETTERS, seat);
        assertThat(Envelope.get(dead.headers(), DeadLetters.CONSUMER)).isEqualTo("seat-service");
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC))
                .isEqualTo(SeatContracts.SEAT_COMMANDS.name());
        assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("40");
        assertThat(new ServiceHttp(port)
                        .get("/admin/dead-letters/" + SeatContracts.SEAT_COMMANDS.name() + "?key=" + seat))
                .satisfies(answer -> {
                    assertThat(answer.statusCode()).isEqualTo(200);
                    assertThat(ServiceHttp.json(answer).get("items")).hasSize(1);
                });
    }

    @Test
    void the_service_migration_and_the_platform_migrations_keep_separate_histories() {
        assertThat(jdbc.queryForList(
                        "SELECT version FROM flyway_schema_history WHERE success AND version <> '0' ORDER BY installed_rank",
                        String.class))
                .containsExactly("1");
        assertThat(jdbc.queryForList(
                        "SELECT version FROM platform_schema_history WHERE success ORDER BY installed_rank",
                        String.class))
                .containsExactly("1", "2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM seat_note", Long.class))
                .isZero();
    }

    private void send(String key, String commandId, BookSeat command, MessageOrigin origin) throws Exception {
        commands.send(SeatContracts.SEAT_COMMANDS, key, command, commandId, origin);
    }

    private ConsumerRecord<String, byte[]> await(String topic, String key) {
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(records).as("a record keyed " + key + " on " + topic).isNotEmpty();
            return records.getFirst();
        }
    }

    private static CommandReply read(ConsumerRecord<String, byte[]> record) {
        return Topics.FULFILLMENT_REPLIES
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.headers(), record.value());
    }
}
