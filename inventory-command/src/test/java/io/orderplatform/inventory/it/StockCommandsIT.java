package io.orderplatform.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.inventory.domain.InventoryItem;
import io.orderplatform.runtime.test.CommandProducer;
import io.orderplatform.runtime.test.ServiceHttp;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.runtime.test.TopicReader;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReservationCommand;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.inventory.StockReleased;
import io.orderplatform.schemas.inventory.StockReservationRejected;
import io.orderplatform.schemas.inventory.StockReserved;
import io.orderplatform.schemas.json.ContractJson;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Stock commands from {@code inventory.commands} (keyed by SKU): every one answered on
 * {@code fulfillment.replies} keyed by its order, refusals answered FAILED with the reason, the events
 * on {@code inventory.events} keyed by SKU with the stock after them.
 */
@ServiceIntegrationTest
class StockCommandsIT {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    EventStore eventStore;

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
    void a_reservation_is_answered_to_its_order_and_published_with_the_stock_after_it() throws Exception {
        String sku = registered(10);
        String order = "order-" + UUID.randomUUID();
        String commandId = UUID.randomUUID().toString();

        send(commandId, new ReserveStock(order, sku, 4));

        ConsumerRecord<String, byte[]> replyRecord = replies(order, 1).getFirst();
        CommandReply reply = reply(replyRecord);
        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.SUCCEEDED);
        assertThat(reply.commandId()).isEqualTo(commandId);
        assertThat(reply.commandType()).isEqualTo("inventory.ReserveStock.v1");
        assertThat(Envelope.readFrom(replyRecord.headers()).causationId()).isEqualTo(commandId);
        StockReserved reserved = (StockReserved) events(sku, 2).get(1);
        assertThat(reserved).isEqualTo(new StockReserved(sku, order, 4, 6, 4, reserved.reservedAt()));
    }

    @Test
    void a_reservation_beyond_the_stock_is_answered_failed_with_the_reason_and_recorded() throws Exception {
        String sku = registered(2);
        String order = "order-" + UUID.randomUUID();

        send(UUID.randomUUID().toString(), new ReserveStock(order, sku, 3));

        CommandReply reply = reply(replies(order, 1).getFirst());
        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.FAILED);
        assertThat(reply.reason()).isEqualTo("INSUFFICIENT_STOCK: " + sku + " has 2 available, 3 asked");
        assertThat(events(sku, 2).get(1)).isInstanceOf(StockReservationRejected.class);
    }

    @Test
    void a_reservation_of_an_unregistered_product_is_answered_unknown_product_and_a_release_succeeds()
            throws Exception {
        String sku = "SKU-" + UUID.randomUUID();
        String order = "order-" + UUID.randomUUID();
        String reserveId = UUID.randomUUID().toString();
        String releaseId = UUID.randomUUID().toString();

        send(reserveId, new ReserveStock(order, sku, 1));
        send(releaseId, new ReleaseStock(order, sku));

        List<CommandReply> answers =
                replies(order, 2).stream().map(StockCommandsIT::reply).toList();
        assertThat(answers).extracting(CommandReply::commandId).containsExactly(reserveId, releaseId);
        assertThat(answers.get(0).outcome()).isEqualTo(CommandReply.Outcome.FAILED);
        assertThat(answers.get(0).reason()).startsWith("UNKNOWN_PRODUCT: ");
        assertThat(answers.get(1).outcome()).isEqualTo(CommandReply.Outcome.SUCCEEDED);
    }

    @Test
    void a_repeated_reservation_and_a_repeated_release_take_effect_once() throws Exception {
        String sku = registered(10);
        String order = "order-" + UUID.randomUUID();
        String reserveId = UUID.randomUUID().toString();
        String releaseId = UUID.randomUUID().toString();

        send(reserveId, new ReserveStock(order, sku, 4));
        send(reserveId, new ReserveStock(order, sku, 4));
        send(releaseId, new ReleaseStock(order, sku));
        send(releaseId, new ReleaseStock(order, sku));

        assertThat(replies(order, 4))
                .extracting(record -> reply(record).outcome())
                .containsOnly(CommandReply.Outcome.SUCCEEDED);
        List<InventoryEvent> history = events(sku, 3);
        assertThat(history).hasSize(3);
        assertThat(history.get(2)).isInstanceOf(StockReleased.class);
        assertThat(history.get(2).available()).isEqualTo(10);
        assertThat(history.get(2).reserved()).isZero();
    }

    @Test
    void a_product_with_a_long_history_is_snapshotted_and_loads_from_its_snapshot() throws Exception {
        String sku = registered(10_000);
        int reservations = 600;
        for (int i = 0; i < reservations; i++) {
            send(UUID.randomUUID().toString(), new ReserveStock("order-" + UUID.randomUUID(), sku, 1));
        }
        events(sku, reservations + 1);

        DomainEventMessage<?> first = firstLoaded(sku);
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                first.getSequenceNumber() == 0 && System.nanoTime() < deadline;
                first = firstLoaded(sku)) {
            Thread.sleep(100);
        }

        assertThat(first.getPayload()).isInstanceOf(InventoryItem.class);
        String snapshot = ContractJson.mapper().writeValueAsString(first.getPayload());
        long reservedInSnapshot = first.getSequenceNumber(); // one unit per event after the registration
        assertThat(snapshot)
                .contains("\"reserved\":" + reservedInSnapshot)
                .contains("\"available\":" + (10_000 - reservedInSnapshot));
    }

    /** What loading the product starts from: its latest snapshot, or its first event if it has none. */
    private DomainEventMessage<?> firstLoaded(String sku) {
        return eventStore.readEvents(sku).next();
    }

    private String registered(int quantity) {
        String sku = ProductHttpApiIT.newSku();
        assertThat(new ServiceHttp(port)
                        .postJson("/products", ProductHttpApiIT.registration(sku, quantity))
                        .statusCode())
                .isEqualTo(201);
        return sku;
    }

    private void send(String commandId, ReservationCommand command) throws Exception {
        commands.send(Topics.INVENTORY_COMMANDS, command.sku(), command, commandId, MessageOrigin.NONE);
    }

    private List<ConsumerRecord<String, byte[]>> replies(String order, int count) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.FULFILLMENT_REPLIES.name())) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> order.equals(r.key()), count, Duration.ofSeconds(30));
            assertThat(records).hasSizeGreaterThanOrEqualTo(count);
            return records;
        }
    }

    private List<InventoryEvent> events(String sku, int count) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.INVENTORY_EVENTS.name())) {
            return reader.await(r -> sku.equals(r.key()), count, Duration.ofSeconds(30)).stream()
                    .map(r -> Topics.INVENTORY_EVENTS
                            .valueSerde()
                            .deserializer()
                            .deserialize(r.topic(), r.headers(), r.value()))
                    .toList();
        }
    }

    private static CommandReply reply(ConsumerRecord<String, byte[]> record) {
        return Topics.FULFILLMENT_REPLIES
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.headers(), record.value());
    }
}
