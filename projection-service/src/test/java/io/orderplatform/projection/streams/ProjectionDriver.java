package io.orderplatform.projection.streams;

import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.projection.view.HistoryEntry;
import io.orderplatform.projection.view.OrderHistory;
import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.ReservationCommand;
import io.orderplatform.schemas.orders.OrderCommand;
import io.orderplatform.schemas.orders.OrderEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The projection topology in a {@code TopologyTestDriver}, fed the platform's records with their
 * envelopes, and its stores read back.
 */
final class ProjectionDriver implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-27T10:15:00Z");

    /** What the listener was told, in order. */
    final List<String> told = new ArrayList<>();

    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, byte[]>> inputs = new LinkedHashMap<>();
    private final TestOutputTopic<String, byte[]> orderEventsDlq;
    private final TestOutputTopic<String, byte[]> inventoryEventsDlq;

    ProjectionDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "projection-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            config.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory("projection-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProjectionListener listener = new ProjectionListener() {
            @Override
            public void duplicate(String view, String subject, long applied, long sequence) {
                told.add("duplicate " + view + " " + subject + " " + sequence);
            }

            @Override
            public void gap(String view, String subject, long applied, long sequence) {
                told.add("gap " + view + " " + subject + " " + applied + "<" + sequence);
            }

            @Override
            public void rejected(String topic, String reason) {
                told.add("rejected " + topic);
            }
        };
        driver = new TopologyTestDriver(ProjectionTopology.build(listener), config, START);
        for (ContractTopic<?> topic : List.of(
                Topics.ORDERS_EVENTS,
                Topics.INVENTORY_EVENTS,
                Topics.ORDERS_COMMANDS,
                Topics.INVENTORY_COMMANDS,
                Topics.FULFILLMENT_REPLIES)) {
            inputs.put(
                    topic.name(),
                    driver.createInputTopic(
                            topic.name(),
                            Serdes.String().serializer(),
                            Serdes.ByteArray().serializer()));
        }
        inputs.put(
                Topics.PROJECTION_SERVICE.retry().name(),
                driver.createInputTopic(
                        Topics.PROJECTION_SERVICE.retry().name(),
                        Serdes.String().serializer(),
                        Serdes.ByteArray().serializer()));
        orderEventsDlq = driver.createOutputTopic(
                Topics.PROJECTION_SERVICE.deadLettersOf(Topics.ORDERS_EVENTS).name(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        inventoryEventsDlq = driver.createOutputTopic(
                Topics.PROJECTION_SERVICE.deadLettersOf(Topics.INVENTORY_EVENTS).name(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    void orderEvent(OrderEvent event, long sequence) {
        orderEvent(event, sequence, "evt-" + event.orderId() + "-" + sequence);
    }

    void orderEvent(OrderEvent event, long sequence, String eventId) {
        event(Topics.ORDERS_EVENTS, event.orderId(), event, sequence, eventId);
    }

    void inventoryEvent(InventoryEvent event, long sequence) {
        event(Topics.INVENTORY_EVENTS, event.sku(), event, sequence, "evt-" + event.sku() + "-" + sequence);
    }

    /** An event as a redrive sends it: to the projections' retry topic, naming its topic. */
    void redrivenOrderEvent(OrderEvent event, long sequence) {
        redriven(Topics.ORDERS_EVENTS, event.orderId(), event, sequence);
    }

    void redrivenInventoryEvent(InventoryEvent event, long sequence) {
        redriven(Topics.INVENTORY_EVENTS, event.sku(), event, sequence);
    }

    private <V> void redriven(ContractTopic<V> topic, String key, V event, long sequence) {
        RecordHeaders headers = envelope(topic, key, event, sequence, "evt-" + key + "-" + sequence);
        headers.add(Retries.SOURCE_TOPIC, topic.name().getBytes(StandardCharsets.UTF_8));
        pipe(Topics.PROJECTION_SERVICE.retry().name(), key, topic.valueSerde().toJson(event), headers);
    }

    private <V> void event(ContractTopic<V> topic, String key, V event, long sequence, String eventId) {
        pipe(topic.name(), key, topic.valueSerde().toJson(event), envelope(topic, key, event, sequence, eventId));
    }

    private static <V> RecordHeaders envelope(ContractTopic<V> topic, String key, V event, long sequence, String id) {
        RecordHeaders headers = new RecordHeaders();
        Envelope.forEvent(id, "test", topic.types().typeOf(event), key, sequence, START, MessageOrigin.NONE)
                .writeTo(headers);
        return headers;
    }

    void stockCommand(ReservationCommand command, String commandId) {
        command(Topics.INVENTORY_COMMANDS, command.sku(), command, commandId);
    }

    void orderCommand(OrderCommand command, String commandId) {
        command(Topics.ORDERS_COMMANDS, command.orderId(), command, commandId);
    }

    void reply(CommandReply reply) {
        RecordHeaders headers = new RecordHeaders();
        Envelope.forCommand(
                        UUID.randomUUID().toString(),
                        "test",
                        Topics.FULFILLMENT_REPLIES.types().typeOf(reply),
                        reply.orderId(),
                        START,
                        MessageOrigin.NONE)
                .writeTo(headers);
        pipe(
                Topics.FULFILLMENT_REPLIES.name(),
                reply.orderId(),
                Topics.FULFILLMENT_REPLIES.valueSerde().toJson(reply),
                headers);
    }

    private <C> void command(ContractTopic<C> topic, String key, C command, String commandId) {
        RecordHeaders headers = new RecordHeaders();
        Envelope.forCommand(commandId, "saga", topic.types().typeOf(command), key, START, MessageOrigin.NONE)
                .writeTo(headers);
        pipe(topic.name(), key, topic.valueSerde().toJson(command), headers);
    }

    /** Any record, as raw as needed. */
    void pipe(String topic, String key, byte[] value, RecordHeaders headers) {
        inputs.get(topic).pipeInput(new TestRecord<>(key, value, headers, START));
    }

    <V> V view(String store, String key) {
        KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        return kv.get(key);
    }

    /** The audit log of an order, from its entries. */
    OrderHistory history(String orderId) {
        KeyValueStore<String, HistoryEntry> kv = driver.getKeyValueStore(ProjectionTopology.ORDER_HISTORY);
        List<HistoryEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, HistoryEntry> range =
                kv.range(OrderHistory.prefix(orderId), OrderHistory.lastKey(orderId))) {
            range.forEachRemaining(entry -> entries.add(entry.value));
        }
        return new OrderHistory(orderId, entries);
    }

    /** Every entry of a store, in key order. */
    <V> Map<String, V> all(String store) {
        KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        Map<String, V> all = new LinkedHashMap<>();
        try (KeyValueIterator<String, V> entries = kv.all()) {
            while (entries.hasNext()) {
                KeyValue<String, V> entry = entries.next();
                all.put(entry.key, entry.value);
            }
        }
        return all;
    }

    List<String> orderEventsDeadLettered() {
        return orderEventDeadLetters().stream().map(TestRecord::key).toList();
    }

    List<TestRecord<String, byte[]>> orderEventDeadLetters() {
        return orderEventsDlq.readRecordsToList();
    }

    List<String> inventoryEventsDeadLettered() {
        return inventoryEventsDlq.readRecordsToList().stream()
                .map(TestRecord::key)
                .toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
