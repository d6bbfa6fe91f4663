package io.orderplatform.order.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.embedded.Infrastructure;
import io.orderplatform.embedded.SharedInfrastructure;
import io.orderplatform.order.OrderCommandApplication;
import io.orderplatform.runtime.test.FreePort;
import io.orderplatform.runtime.test.ServiceProcess;
import io.orderplatform.runtime.test.TopicReader;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderContracts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * order-command as a real process: restarted after kill -9 and after SIGTERM it answers commands within
 * seconds of being ready; SIGTERM stops it within seconds whatever it is doing, losing no acknowledged
 * order; and a crash between the relay's Kafka commit and its position commit loses nothing.
 *
 * <p>Runs in a JVM of its own (see the pom), so that no service in the test JVM shares its database,
 * consumer group or relay. Measured times are printed and appended to {@code target/process-timings.txt}.
 */
class OrderCommandProcessIT {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration START = Duration.ofSeconds(90);
    private static final Path LOGS = Path.of("target", "process-logs");
    private static final Path TIMINGS = Path.of("target", "process-timings.txt");
    private static final String DATABASE = "order_command_process";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Infrastructure infrastructure;
    private static KafkaProducer<String, byte[]> producer;
    private static String jdbcUrl;

    @BeforeAll
    static void startInfrastructure() {
        infrastructure = SharedInfrastructure.get();
        jdbcUrl = infrastructure.jdbcUrl(DATABASE);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void restarted_after_kill_9_or_sigterm_it_answers_commands_within_seconds_of_being_ready() {
        int port = FreePort.pick();
        try (ServiceProcess first = start(OrderCommandApplication.class, port, "restart-1")) {
            first.awaitReady(START);
            assertThat(answerTime()).isLessThan(LIMIT);
            first.kill();
        }
        try (ServiceProcess afterKill = start(OrderCommandApplication.class, port, "restart-2")) {
            afterKill.awaitReady(START);
            Duration answered = answerTime();
            record("first command answered, after kill -9, from ready", answered);
            assertThat(answered).isLessThan(LIMIT);
            Duration stopped = afterKill.terminate(Duration.ofSeconds(30));
            record("SIGTERM, idle", stopped);
            assertThat(stopped).isLessThan(LIMIT);
        }
        try (ServiceProcess afterStop = start(OrderCommandApplication.class, port, "restart-3")) {
            afterStop.awaitReady(START);
            Duration answered = answerTime();
            record("first command answered, after SIGTERM, from ready", answered);
            assertThat(answered).isLessThan(LIMIT);
            Duration stopped = afterStop.terminate(Duration.ofSeconds(30));
            assertThat(stopped).isLessThan(LIMIT);
        }
    }

    @Test
    void sigterm_stops_it_within_seconds_while_joining_or_under_load_and_no_acknowledged_order_is_lost()
            throws Exception {
        int port = FreePort.pick();
        try (ServiceProcess starting = start(OrderCommandApplication.class, port, "stop-starting")) {
            Thread.sleep(2_000);
            Duration stopped = starting.terminate(Duration.ofSeconds(30));
            // Spring closes a context only once its refresh is done: this waits for the rest of the start.
            record("SIGTERM, 2 s into the start (waits for the start to finish)", stopped);
            assertThat(starting.isAlive()).isFalse();
        }
        try (ServiceProcess killed = start(OrderCommandApplication.class, port, "stop-killed")) {
            killed.awaitReady(START);
            killed.kill();
        }
        try (ServiceProcess joining = start(OrderCommandApplication.class, port, "stop-joining")) {
            joining.awaitReady(START);
            Duration stopped = joining.terminate(Duration.ofSeconds(30));
            record("SIGTERM, as soon as ready after a kill -9 (joining its group)", stopped);
            assertThat(stopped).isLessThan(LIMIT);
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServiceProcess loaded = start(OrderCommandApplication.class, port, "stop-load")) {
            loaded.awaitReady(START);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 8; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        placeOrder(port).ifPresent(acknowledged::add);
                    }
                });
            }
            Thread.sleep(3_000);
            Duration stopped = loaded.terminate(Duration.ofSeconds(30));
            running.set(false);
            clients.shutdown();
            record("SIGTERM, under load of 8 clients (" + acknowledged.size() + " orders acknowledged)", stopped);
            assertThat(stopped).isLessThan(LIMIT);
        }
        assertThat(acknowledged).isNotEmpty();
        assertThat(storedOrders(acknowledged))
                .as("every acknowledged order is in the event store")
                .isEqualTo(acknowledged);
        try (ServiceProcess restarted = start(OrderCommandApplication.class, port, "stop-load-restarted")) {
            restarted.awaitReady(START);
            assertThat(publishedOrders(acknowledged, Duration.ofSeconds(60)))
                    .as("every acknowledged order reaches orders.events")
                    .isEqualTo(acknowledged);
            restarted.terminate(Duration.ofSeconds(30));
        }
    }

    @Test
    void a_crash_after_the_kafka_commit_and_before_the_position_commit_republishes_the_batch_and_loses_nothing() {
        int port = FreePort.pick();
        Set<String> acknowledged = new HashSet<>();
        try (ServiceProcess crashing =
                start(RelayCrashingOrderCommand.class, port, "relay-crash", "--test.relay.halt-after-batches=3")) {
            crashing.awaitReady(START);
            while (crashing.isAlive() && acknowledged.size() < 2_000) {
                placeOrder(port).ifPresent(acknowledged::add);
            }
            assertThat(crashing.awaitExit(Duration.ofSeconds(30)))
                    .as("halted by the fault hook")
                    .isEqualTo(99);
        }
        long lag = headIndex() - relayPosition();
        assertThat(lag)
                .as("events in the store beyond the relay's stored position")
                .isPositive();

        try (ServiceProcess restarted = start(OrderCommandApplication.class, port, "relay-crash")) {
            restarted.awaitReady(START);
            List<ConsumerRecord<String, byte[]>> records = awaitPlaced(acknowledged, Duration.ofSeconds(60));
            Set<String> eventIds = new HashSet<>();
            int duplicates = 0;
            Map<String, Long> sequences = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                Envelope event = Envelope.readFrom(record.headers());
                if (!eventIds.add(event.id())) {
                    duplicates++;
                    continue;
                }
                assertThat(sequences.put(record.key(), event.sequence()))
                        .as("one OrderPlaced per order")
                        .isNull();
            }
            System.out.printf(
                    "relay crash: %d orders acknowledged, %d events in the store beyond the stored position, "
                            + "%d records read, %d published twice, %d distinct after dedup on ce_id%n",
                    acknowledged.size(), lag, records.size(), duplicates, eventIds.size());
            note(String.format(
                    "relay crash: %d acknowledged orders, %d events past the stored position, %d published twice%n",
                    acknowledged.size(), lag, duplicates));
            assertThat(sequences.keySet()).isEqualTo(acknowledged);
            assertThat(sequences.values()).containsOnly(1L);
            assertThat(duplicates).as("the crashed batch is published again").isPositive();
            restarted.terminate(Duration.ofSeconds(30));
        }
    }

    private static ServiceProcess start(Class<?> main, int port, String logName, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + infrastructure.databaseUsername(),
                "--spring.datasource.password=" + infrastructure.databasePassword(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--platform.instance-id=process-test"));
        args.addAll(List.of(extra));
        return ServiceProcess.start(main, port, LOGS.resolve(logName + ".log"), args.toArray(String[]::new));
    }

    /** Sends a command for an order nobody placed and measures until its (failed) reply arrives. */
    private static Duration answerTime() {
        String orderId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        try (TopicReader replies =
                new TopicReader(infrastructure.kafkaBootstrapServers(), Topics.FULFILLMENT_REPLIES.name())) {
            ProducerRecord<String, byte[]> command = new ProducerRecord<>(
                    Topics.ORDERS_COMMANDS.name(),
                    orderId,
                    Topics.ORDERS_COMMANDS.valueSerde().toJson(new ConfirmOrder(orderId)));
            Envelope.forCommand(
                            UUID.randomUUID().toString(),
                            "process-test",
                            OrderContracts.CONFIRM_ORDER,
                            orderId,
                            Instant.now(),
                            MessageOrigin.NONE)
                    .writeTo(command.headers());
            producer.send(command);
            assertThat(replies.await(r -> orderId.equals(r.key()), 1, Duration.ofSeconds(60)))
                    .as("a reply to the command")
                    .hasSize(1);
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");

    /** Places an order; its id if the service acknowledged it with 202. */
    private static java.util.Optional<String> placeOrder(int port) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(10))
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"customerId\": \"c-1\", \"currency\": \"EUR\", \"lines\": [{\"sku\": \"SKU-1\", \"quantity\": 1, \"unitPrice\": \"1.00\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = ORDER_ID.matcher(response.body());
            return response.statusCode() == 202 && id.find()
                    ? java.util.Optional.of(id.group(1))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static Set<String> storedOrders(Set<String> orderIds) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT aggregate_identifier FROM domain_event_entry WHERE sequence_number = 0")) {
            ResultSet rows = query.executeQuery();
            while (rows.next()) {
                if (orderIds.contains(rows.getString(1))) {
                    stored.add(rows.getString(1));
                }
            }
        }
        return stored;
    }

    private static Set<String> publishedOrders(Set<String> orderIds, Duration timeout) {
        Set<String> published = new HashSet<>();
        awaitPlaced(orderIds, timeout).forEach(record -> published.add(record.key()));
        return published;
    }

    /** Every record on orders.events of the given orders, once each has at least one. */
    private static List<ConsumerRecord<String, byte[]>> awaitPlaced(Set<String> orderIds, Duration timeout) {
        try (TopicReader reader =
                new TopicReader(infrastructure.kafkaBootstrapServers(), Topics.ORDERS_EVENTS.name())) {
            reader.await(r -> orderIds.contains(r.key()), orderIds.size(), timeout);
            return reader.drain(r -> orderIds.contains(r.key()), Duration.ofSeconds(2));
        }
    }

    private static long headIndex() {
        return queryLong("SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
    }

    /** The relay's stored position: the index in its token's JSON. */
    private static long relayPosition() {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = 'event-relay'")) {
            ResultSet rows = query.executeQuery();
            assertThat(rows.next()).as("the relay has stored a position").isTrue();
            Matcher index = Pattern.compile("\"index\"\\s*:\\s*(\\d+)").matcher(rows.getString(1));
            assertThat(index.find()).as("a position in " + rows.getString(1)).isTrue();
            return Long.parseLong(index.group(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long queryLong(String sql) {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            ResultSet rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                jdbcUrl, infrastructure.databaseUsername(), infrastructure.databasePassword());
    }

    private static void record(String what, Duration took) {
        note(String.format("%-80s %6d ms%n", what, took.toMillis()));
    }

    private static void note(String line) {
        System.out.print("measured: " + line);
        try {
            Files.writeString(TIMINGS, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
