package io.orderplatform.saga.adapter.streams;

import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.saga.domain.FulfillmentSaga;
import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.fulfillment.FulfillmentContracts;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The saga topology in a {@code TopologyTestDriver}, spoken to in the saga's own terms: order events
 * in, replies in (straight from their topics, or {@link #redriven redriven} through the saga's retry
 * topic), wall-clock time forward, commands out. Command ids are {@code cmd-1}, {@code cmd-2}... in the
 * order the saga creates them.
 */
final class SagaDriver implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEADLINE_CHECK = Duration.ofMillis(100);
    static final int RESENDS = 2;

    /** A command the saga sent, with its envelope. */
    record Sent(Envelope envelope, Object command, String key) {}

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> orderEvents;
    private final TestInputTopic<String, byte[]> replies;
    private final TestInputTopic<String, byte[]> retried;
    private final TestOutputTopic<String, byte[]> inventoryCommands;
    private final TestOutputTopic<String, byte[]> orderCommands;
    private final TestOutputTopic<String, byte[]> orderEventsDlq;
    private final TestOutputTopic<String, byte[]> repliesDlq;
    private final AtomicInteger eventIds = new AtomicInteger();
    private Instant now = START;
    private boolean redriving;

    SagaDriver() {
        AtomicInteger commandIds = new AtomicInteger();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "saga-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            config.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory("saga-test").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(
                SagaTopology.build(
                        FulfillmentSaga.definition(STEP_TIMEOUT, RESENDS),
                        DEADLINE_CHECK,
                        () -> "cmd-" + commandIds.incrementAndGet()),
                config,
                START);
        orderEvents =
                driver.createInputTopic(Topics.ORDERS_EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
        replies = driver.createInputTopic(
                Topics.FULFILLMENT_REPLIES.name(), new StringSerializer(), new ByteArraySerializer());
        retried = driver.createInputTopic(
                Topics.SAGA_ORCHESTRATOR.retry().name(), new StringSerializer(), new ByteArraySerializer());
        inventoryCommands = output(Topics.INVENTORY_COMMANDS.name());
        orderCommands = output(Topics.ORDERS_COMMANDS.name());
        orderEventsDlq = output(SagaTopology.ORDER_EVENTS_DEAD_LETTERS.name());
        repliesDlq = output(SagaTopology.REPLIES_DEAD_LETTERS.name());
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static OrderPlaced order(String orderId, OrderLine... lines) {
        BigDecimal total = List.of(lines).stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderPlaced(orderId, "c-1", "EUR", List.of(lines), total, START);
    }

    static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity, new BigDecimal("1.00"));
    }

    /** Publishes an order event at {@code sequence}; returns its event id. */
    String event(OrderEvent event, long sequence) {
        String eventId = "event-" + eventIds.incrementAndGet();
        pipe(
                orderEvents,
                Topics.ORDERS_EVENTS,
                event.orderId(),
                event,
                Envelope.forEvent(
                        eventId,
                        "order-command",
                        Topics.ORDERS_EVENTS.types().typeOf(event),
                        event.orderId(),
                        sequence,
                        now,
                        new MessageOrigin("flow-" + event.orderId(), "http-command", null)));
        return eventId;
    }

    String placed(OrderPlaced order) {
        return event(order, 1);
    }

    void confirmed(String orderId, long sequence) {
        event(new OrderConfirmed(orderId, now), sequence);
    }

    void rejected(String orderId, String reason, long sequence) {
        event(new OrderRejected(orderId, reason, now), sequence);
    }

    void cancelled(String orderId, long sequence) {
        event(new OrderCancelled(orderId, "changed my mind", now), sequence);
    }

    /** Answers a command the saga sent. */
    void succeeded(Sent command) {
        reply(command, CommandReply.Outcome.SUCCEEDED, null);
    }

    void failed(Sent command, String reason) {
        reply(command, CommandReply.Outcome.FAILED, reason);
    }

    void reply(Sent command, CommandReply.Outcome outcome, String reason) {
        String orderId = orderIdOf(command);
        CommandReply reply =
                new CommandReply(command.envelope().id(), command.envelope().type(), orderId, outcome, reason, now);
        pipe(
                replies,
                Topics.FULFILLMENT_REPLIES,
                orderId,
                reply,
                Envelope.forReply(
                        "reply-" + eventIds.incrementAndGet(),
                        "participant",
                        FulfillmentContracts.COMMAND_REPLY,
                        orderId,
                        now,
                        command.envelope()));
    }

    /** Pipes raw bytes with raw headers, as a hostile or broken producer would. */
    void rawOrderEvent(String key, byte[] value, RecordHeaders headers) {
        orderEvents.pipeInput(new TestRecord<>(key, value, headers, now));
    }

    void rawReply(String key, byte[] value, RecordHeaders headers) {
        replies.pipeInput(new TestRecord<>(key, value, headers, now));
    }

    /** Pipes a record to the saga's retry topic exactly as given. */
    void rawRetried(String key, byte[] value, RecordHeaders headers) {
        retried.pipeInput(new TestRecord<>(key, value, headers, now));
    }

    /**
     * Sends what {@code inputs} publishes as a redrive would: to the saga's retry topic, each record
     * naming the topic it would have come from.
     */
    void redriven(Runnable inputs) {
        redriving = true;
        try {
            inputs.run();
        } finally {
            redriving = false;
        }
    }

    /**
     * Lets time pass with nothing to read, one deadline check after another as the wall-clock punctuation
     * runs them (the driver runs one check per call, however far the clock moves).
     */
    void advance(Duration duration) {
        now = now.plus(duration);
        Duration left = duration;
        while (left.compareTo(DEADLINE_CHECK) > 0) {
            driver.advanceWallClockTime(DEADLINE_CHECK);
            left = left.minus(DEADLINE_CHECK);
        }
        driver.advanceWallClockTime(left);
    }

    /**
     * Lets the wall clock run on while the records piped next still carry the time before it: the saga
     * reading a backlog late, after a restart or an overload.
     */
    void fallBehind(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** The stock commands sent since the last call. */
    List<Sent> stockCommands() {
        return drain(inventoryCommands, Topics.INVENTORY_COMMANDS);
    }

    /** The order commands sent since the last call. */
    List<Sent> orderCommands() {
        return drain(orderCommands, Topics.ORDERS_COMMANDS);
    }

    List<TestRecord<String, byte[]>> orderEventDeadLetters() {
        return orderEventsDlq.readRecordsToList();
    }

    List<TestRecord<String, byte[]>> replyDeadLetters() {
        return repliesDlq.readRecordsToList();
    }

    SagaState saga(String orderId) {
        KeyValueStore<String, SagaState> store = driver.getKeyValueStore(SagaTopology.SAGAS);
        return store.get(orderId);
    }

    long deadlines() {
        KeyValueStore<String, String> store = driver.getKeyValueStore(SagaTopology.DEADLINES);
        return store.approximateNumEntries();
    }

    private <V> void pipe(
            TestInputTopic<String, byte[]> input, ContractTopic<V> topic, String key, V value, Envelope envelope) {
        RecordHeaders headers = new RecordHeaders();
        envelope.writeTo(headers);
        if (redriving) {
            headers.add(Retries.SOURCE_TOPIC, topic.name().getBytes(StandardCharsets.UTF_8));
            headers.add(Retries.SOURCE_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
            headers.add(Retries.SOURCE_OFFSET, "0".getBytes(StandardCharsets.UTF_8));
        }
        (redriving ? retried : input)
                .pipeInput(new TestRecord<>(key, topic.valueSerde().toJson(value), headers, now));
    }

    private static <C> List<Sent> drain(TestOutputTopic<String, byte[]> output, ContractTopic<C> topic) {
        List<Sent> sent = new ArrayList<>();
        for (TestRecord<String, byte[]> record : output.readRecordsToList()) {
            Envelope envelope = Envelope.readFrom(record.headers());
            sent.add(new Sent(envelope, topic.valueSerde().fromJson(envelope.type(), record.value()), record.key()));
        }
        return sent;
    }

    private static String orderIdOf(Sent command) {
        return switch (command.command()) {
            case io.orderplatform.schemas.inventory.ReservationCommand stock -> stock.orderId();
            case io.orderplatform.schemas.orders.OrderCommand order -> order.orderId();
            default -> throw new IllegalArgumentException(command.toString());
        };
    }

    @Override
    public void close() {
        driver.close();
    }
}
