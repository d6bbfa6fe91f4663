package io.orderplatform.order.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.runtime.test.CommandProducer;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.runtime.test.TopicReader;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.json.MessageType;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderCommand;
import io.orderplatform.schemas.orders.OrderContracts;
import io.orderplatform.schemas.orders.RejectOrder;
import java.time.Duration;
import java.time.Instant;
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

/** Commands from {@code orders.commands}: every one answered, unreadable ones dead-lettered, repeats harmless. */
@ServiceIntegrationTest
class CommandIntakeIT {

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
    void a_confirm_command_confirms_the_order_and_a_redelivery_succeeds_without_a_second_event() throws Exception {
        String orderId = new OrdersHttp(port).placeValidOrder();
        String commandId = UUID.randomUUID().toString();

        send(commandId, new ConfirmOrder(orderId));
        send(commandId, new ConfirmOrder(orderId));

        List<CommandReply> replies = replies(orderId, 2);
        assertThat(replies).hasSize(2).allSatisfy(reply -> {
            assertThat(reply.commandId()).isEqualTo(commandId);
            assertThat(reply.commandType()).isEqualTo("orders.ConfirmOrder.v1");
            assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.SUCCEEDED);
        });
        assertThat(eventTypes(orderId)).containsExactly("OrderPlaced", "OrderConfirmed");
    }

    @Test
    void the_event_and_the_reply_a_command_causes_name_it_as_their_cause_and_keep_its_flow() throws Exception {
        String orderId = new OrdersHttp(port).placeValidOrder();
        String commandId = UUID.randomUUID().toString();
        String flow = "flow-" + UUID.randomUUID();
        String trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        send(commandId, new ConfirmOrder(orderId), new MessageOrigin(flow, "the-event-that-caused-it", trace));

        Envelope reply = Envelope.readFrom(replyRecords(orderId, 1).getFirst().headers());
        assertThat(reply.causationId()).isEqualTo(commandId);
        assertThat(reply.correlationId()).isEqualTo(flow);
        assertThat(reply.traceparent()).isEqualTo(trace);
        assertThat(reply.subject()).isEqualTo(orderId);
        try (TopicReader events = new TopicReader(bootstrapServers, Topics.ORDERS_EVENTS.name())) {
            Envelope confirmed = events.await(r -> orderId.equals(r.key()), 2, Duration.ofSeconds(30)).stream()
                    .map(r -> Envelope.readFrom(r.headers()))
                    .filter(e -> e.type().equals(OrderContracts.ORDER_CONFIRMED.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(confirmed.causationId()).isEqualTo(commandId);
            assertThat(confirmed.correlationId()).isEqualTo(flow);
            assertThat(confirmed.traceparent()).isEqualTo(trace);
        }
    }

    @Test
    void a_command_the_order_refuses_is_answered_failed_with_the_reason() throws Exception {
        String orderId = new OrdersHttp(port).placeValidOrder();
        send(UUID.randomUUID().toString(), new ConfirmOrder(orderId));
        String rejectId = UUID.randomUUID().toString();

        send(rejectId, new RejectOrder(orderId, "out of stock"));

        CommandReply reply = replies(orderId, 2).stream()
                .filter(r -> r.commandId().equals(rejectId))
                .findFirst()
                .orElseThrow();
        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.FAILED);
        assertThat(reply.reason()).contains("CONFIRMED");
        assertThat(eventTypes(orderId)).containsExactly("OrderPlaced", "OrderConfirmed");
    }

    @Test
    void a_command_for_an_unknown_order_is_answered_failed() throws Exception {
        String orderId = UUID.randomUUID().toString();

        send(UUID.randomUUID().toString(), new RejectOrder(orderId, "out of stock"));

        CommandReply reply = replies(orderId, 1).getFirst();
        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.FAILED);
        assertThat(reply.reason()).contains("does not exist");
    }

    @Test
    void an_unreadable_record_goes_to_the_dlq_with_its_reason_and_the_partition_moves_on() throws Exception {
        String orderId = new OrdersHttp(port).placeValidOrder();
        ProducerRecord<String, byte[]> garbage =
                new ProducerRecord<>(Topics.ORDERS_COMMANDS.name(), orderId, "{not json".getBytes(UTF_8));
        envelope(UUID.randomUUID().toString(), OrderContracts.CONFIRM_ORDER, orderId)
                .writeTo(garbage.headers());
        commands.send(garbage);
        ProducerRecord<String, byte[]> noHeaders =
                new ProducerRecord<>(Topics.ORDERS_COMMANDS.name(), orderId, "{}".getBytes(UTF_8));
        commands.send(noHeaders);
        String confirmId = UUID.randomUUID().toString();
        send(confirmId, new ConfirmOrder(orderId));

        try (TopicReader dlq = new TopicReader(
                bootstrapServers,
                Topics.ORDER_COMMAND.deadLettersOf(Topics.ORDERS_COMMANDS).name())) {
            List<ConsumerRecord<String, byte[]>> dead =
                    dlq.await(r -> orderId.equals(r.key()), 2, Duration.ofSeconds(30));
            assertThat(dead).hasSize(2);
            assertThat(dead).allSatisfy(record -> {
                assertThat(Envelope.get(record.headers(), DeadLetters.REASON)).isNotBlank();
                assertThat(Envelope.get(record.headers(), DeadLetters.CONSUMER)).isEqualTo("order-command");
            });
            assertThat(new String(dead.getFirst().value(), UTF_8)).isEqualTo("{not json");
        }
        assertThat(replies(orderId, 1))
                .singleElement()
                .satisfies(reply -> assertThat(reply.commandId()).isEqualTo(confirmId));
    }

    private void send(String commandId, OrderCommand command) throws Exception {
        send(commandId, command, MessageOrigin.NONE);
    }

    private void send(String commandId, OrderCommand command, MessageOrigin origin) throws Exception {
        commands.send(Topics.ORDERS_COMMANDS, command.orderId(), command, commandId, origin);
    }

    private static Envelope envelope(String commandId, MessageType<?> type, String orderId) {
        return Envelope.forCommand(commandId, "test-orchestrator", type, orderId, Instant.now(), MessageOrigin.NONE);
    }

    private List<CommandReply> replies(String orderId, int count) {
        return replyRecords(orderId, count).stream()
                .map(r -> Topics.FULFILLMENT_REPLIES
                        .valueSerde()
                        .deserializer()
                        .deserialize(r.topic(), r.headers(), r.value()))
                .toList();
    }

    private List<ConsumerRecord<String, byte[]>> replyRecords(String orderId, int count) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.FULFILLMENT_REPLIES.name())) {
            return reader.await(r -> orderId.equals(r.key()), count, Duration.ofSeconds(30));
        }
    }

    private List<String> eventTypes(String orderId) {
        return jdbc
                .queryForList(
                        "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                        String.class,
                        orderId)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }
}
