package io.orderplatform.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.dev.PlatformServices.Service;
import io.orderplatform.embedded.Infrastructure;
import io.orderplatform.embedded.SharedInfrastructure;
import io.orderplatform.runtime.test.ServiceHttp;
import io.orderplatform.runtime.test.TopicReader;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.inventory.InventoryEvent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fulfillment flow across the three real services on the embedded broker and database, seen from
 * outside: HTTP in, the order's events, the stock's events and the saga's state out.
 */
class FulfillmentEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Infrastructure infrastructure;
    private static PlatformServices platform;
    private static ServiceHttp orders;
    private static ServiceHttp inventory;
    private static ServiceHttp sagas;
    private static ServiceHttp projections;

    @BeforeAll
    static void startPlatform() throws Exception {
        infrastructure = SharedInfrastructure.get();
        platform = PlatformServices.start(
                infrastructure,
                new PlatformServices.Ports(0, 0, 0, 0),
                Files.createTempDirectory("e2e-state"),
                "--saga.step-timeout=PT1S",
                "--saga.reserve-resends=1");
        orders = new ServiceHttp(platform.port(Service.ORDER_COMMAND));
        inventory = new ServiceHttp(platform.port(Service.INVENTORY_COMMAND));
        sagas = new ServiceHttp(platform.port(Service.SAGA_ORCHESTRATOR));
        projections = new ServiceHttp(platform.port(Service.PROJECTION_SERVICE));
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @Test
    void an_order_whose_lines_are_in_stock_is_confirmed_and_holds_its_units() {
        String mug = product(5);
        String cup = product(3);

        String orderId = place(line(mug, 2), line(cup, 3));

        assertThat(orderEnds(orderId)).isEqualTo("orders.OrderConfirmed.v1");
        assertThat(sagaStatus(orderId, "COMPLETED")).isEqualTo("COMPLETED");
        assertThat(stock(mug)).isEqualTo(new Stock(3, 2));
        assertThat(stock(cup)).isEqualTo(new Stock(0, 3));
    }

    @Test
    void the_projections_show_what_a_command_did_as_soon_as_it_answered_and_then_the_saga_steps() {
        String mug = product(5);
        HttpResponse<String> placed = orders.postJson(
                "/orders", "{\"customerId\": \"c-ryw\", \"currency\": \"EUR\", \"lines\": [" + line(mug, 2) + "]}");
        assertThat(placed.statusCode()).isEqualTo(202);
        String orderId = ServiceHttp.json(placed).get("orderId").asText();
        long version = ServiceHttp.json(placed).get("version").asLong();

        HttpResponse<String> view = projections.get("/orders/" + orderId + "?minVersion=" + version + "&waitMs=10000");
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(ServiceHttp.json(view).get("customerId").asText()).isEqualTo("c-ryw");
        assertThat(ServiceHttp.json(view).get("total").asText()).isEqualTo("5.00");

        HttpResponse<String> confirmed = projections.get("/orders/" + orderId + "?minVersion=2&waitMs=30000");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(ServiceHttp.json(confirmed).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.headers().firstValue("ETag")).contains("\"2\"");

        JsonNode stock = ServiceHttp.json(projections.get("/inventory/" + mug + "?minVersion=2&waitMs=10000"));
        assertThat(stock.get("available").asInt()).isEqualTo(3);
        assertThat(stock.get("reserved").asInt()).isEqualTo(2);

        List<String> types = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !types.contains("fulfillment.CommandReply.v1")) {
            types.clear();
            ServiceHttp.json(projections.get("/orders/" + orderId + "/history"))
                    .get("entries")
                    .forEach(entry -> types.add(entry.get("type").asText()));
            sleep();
        }
        assertThat(types)
                .contains(
                        "orders.OrderPlaced.v1",
                        "inventory.ReserveStock.v1",
                        "orders.ConfirmOrder.v1",
                        "orders.OrderConfirmed.v1",
                        "fulfillment.CommandReply.v1");
    }

    @Test
    void one_line_short_releases_the_others_and_rejects_the_order_naming_the_sku() {
        String plenty = product(10);
        String scarce = product(1);

        String orderId = place(line(plenty, 4), line(scarce, 2));

        assertThat(orderEnds(orderId)).isEqualTo("orders.OrderRejected.v1");
        JsonNode saga = saga(orderId, "COMPENSATED");
        assertThat(saga.get("failure").asText())
                .contains(scarce)
                .contains("INSUFFICIENT_STOCK")
                .doesNotContain(plenty + " (");
        assertThat(stock(plenty)).isEqualTo(new Stock(10, 0));
        assertThat(stock(scarce)).isEqualTo(new Stock(1, 0));
    }

    @Test
    void an_unknown_sku_rejects_the_order() {
        String known = product(2);

        String orderId = place(
                line(known, 1), line("NO-SUCH-" + UUID.randomUUID().toString().substring(0, 8), 1));

        assertThat(orderEnds(orderId)).isEqualTo("orders.OrderRejected.v1");
        assertThat(saga(orderId, "COMPENSATED").get("failure").asText()).contains("UNKNOWN_PRODUCT");
        assertThat(stock(known)).isEqualTo(new Stock(2, 0));
    }

    @Test
    void a_cancellation_after_confirmation_releases_every_line() {
        String mug = product(5);
        String orderId = place(line(mug, 2));
        assertThat(orderEnds(orderId)).isEqualTo("orders.OrderConfirmed.v1");

        HttpResponse<String> cancel =
                orders.postJson("/orders/" + orderId + "/cancel", "{\"reason\": \"changed my mind\"}");

        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(sagaStatus(orderId, "COMPENSATED")).isEqualTo("COMPENSATED");
        assertThat(stock(mug)).isEqualTo(new Stock(5, 0));
    }

    @Test
    void inventory_down_past_the_timeout_cancels_or_rejects_and_the_late_reservation_is_released_once_it_returns()
            throws Exception {
        String mug = product(5);
        String cancelledWhileReserving;
        String givenUp;
        platform.stop(Service.INVENTORY_COMMAND);
        try {
            cancelledWhileReserving = place(line(mug, 1));
            assertThat(orders.postJson("/orders/" + cancelledWhileReserving + "/cancel", null)
                            .statusCode())
                    .isEqualTo(202);
            givenUp = place(line(mug, 2));
            assertThat(sagaStatus(givenUp, "COMPENSATING"))
                    .as("the reservation timed out after its resend")
                    .isEqualTo("COMPENSATING");
        } finally {
            platform.start(Service.INVENTORY_COMMAND);
        }

        assertThat(orderEnds(givenUp)).isEqualTo("orders.OrderRejected.v1");
        assertThat(saga(givenUp, "COMPENSATED").get("failure").asText())
                .contains(mug)
                .contains("no reply");
        assertThat(sagaStatus(cancelledWhileReserving, "COMPENSATED")).isEqualTo("COMPENSATED");
        assertThat(stock(mug)).as("both late reservations were released").isEqualTo(new Stock(5, 0));
    }

    @Test
    void an_unreadable_reply_is_listed_with_its_reason_and_redriven_once_to_the_sagas_retry_topic() throws Exception {
        String key = "order-" + UUID.randomUUID();
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                java.util.Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                            Topics.FULFILLMENT_REPLIES.name(), null, key, "{not a reply".getBytes(), headers))
                    .get();
        }

        JsonNode listed = awaitDeadLetters(key, 1).getFirst();
        assertThat(listed.get("reason").asText()).contains("missing header ce_id");
        assertThat(listed.get("consumer").asText()).isEqualTo("saga-orchestrator");
        assertThat(listed.get("sourceTopic").asText()).isEqualTo(Topics.FULFILLMENT_REPLIES.name());
        assertThat(listed.get("redriven").asBoolean()).isFalse();
        String one = "{\"partition\": " + listed.get("partition").asInt() + ", \"offset\": "
                + listed.get("offset").asLong() + "}";

        HttpResponse<String> dryRun =
                sagas.postJson("/admin/dead-letters/fulfillment.replies/redrive?dryRun=true", one);
        assertThat(ServiceHttp.json(dryRun).get("count").asInt()).isEqualTo(1);
        HttpResponse<String> redrive = sagas.postJson("/admin/dead-letters/fulfillment.replies/redrive", one);

        assertThat(redrive.statusCode()).isEqualTo(200);
        assertThat(ServiceHttp.json(redrive).get("count").asInt()).isEqualTo(1);
        List<JsonNode> after = awaitDeadLetters(key, 2);
        assertThat(after.get(0).get("redriven").asBoolean())
                .as("the first is marked redriven")
                .isTrue();
        JsonNode copy = after.get(1);
        assertThat(copy.get("redriven").asBoolean())
                .as("its copy, still unreadable, failed again and waits for a fix")
                .isFalse();
        assertThat(copy.get("sourceTopic").asText())
                .as("dead-lettered as from its source")
                .isEqualTo(Topics.FULFILLMENT_REPLIES.name());
        assertThat(copy.get("sourceOffset").asLong())
                .isEqualTo(listed.get("sourceOffset").asLong());
        assertThat(ServiceHttp.json(sagas.postJson("/admin/dead-letters/fulfillment.replies/redrive", one))
                        .get("count")
                        .asInt())
                .as("redriven once only")
                .isZero();
        try (TopicReader replies =
                new TopicReader(infrastructure.kafkaBootstrapServers(), Topics.FULFILLMENT_REPLIES.name())) {
            assertThat(replies.drain(r -> key.equals(r.key()), Duration.ofSeconds(2)))
                    .as("only the original: a redrive never writes to the source topic")
                    .hasSize(1);
        }
        try (TopicReader retries = new TopicReader(
                infrastructure.kafkaBootstrapServers(),
                Topics.SAGA_ORCHESTRATOR.retry().name())) {
            List<ConsumerRecord<String, byte[]>> copies =
                    retries.drain(r -> key.equals(r.key()), Duration.ofSeconds(2));
            assertThat(copies).hasSize(1);
            assertThat(Envelope.get(copies.getFirst().headers(), "retry_source_topic"))
                    .isEqualTo(Topics.FULFILLMENT_REPLIES.name());
            assertThat(copies.getFirst().headers().lastHeader("dlq_reason")).isNull();
        }
        assertThat(sagas.get("/admin/dead-letters/orders.commands").statusCode())
                .isEqualTo(404);
    }

    @Test
    void every_service_answers_for_its_own_dead_letters() {
        for (var service : List.of(
                java.util.Map.entry(orders, "order-command"),
                java.util.Map.entry(inventory, "inventory-command"),
                java.util.Map.entry(sagas, "saga-orchestrator"),
                java.util.Map.entry(projections, "projection-service"))) {
            HttpResponse<String> answer = service.getKey().get("/admin/dead-letters");
            assertThat(answer.statusCode()).as(service.getValue()).isEqualTo(200);
            JsonNode topics = ServiceHttp.json(answer);
            assertThat(topics.get("consumer").asText()).isEqualTo(service.getValue());
            assertThat(topics.get("retryTopic").asText()).isEqualTo(service.getValue() + ".retry");
            assertThat(topics.get("topics"))
                    .allSatisfy(topic -> assertThat(topic.get("topic").asText()).startsWith(service.getValue() + "."));
        }
    }

    /** The saga's dead letters of fulfillment.replies with this key, once there are {@code count} of them. */
    private static List<JsonNode> awaitDeadLetters(String key, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> found = List.of();
        while (System.nanoTime() < deadline) {
            found = new java.util.ArrayList<>();
            for (JsonNode letter : ServiceHttp.json(sagas.get("/admin/dead-letters/fulfillment.replies?key=" + key))
                    .get("items")) {
                found.add(letter);
            }
            if (found.size() >= count) {
                return found;
            }
            sleep();
        }
        throw new AssertionError("expected " + count + " dead letters with key " + key + ", found " + found);
    }

    record Stock(int available, int reserved) {}

    private static String product(int quantity) {
        String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 13);
        HttpResponse<String> created = inventory.postJson(
                "/products", "{\"sku\": \"" + sku + "\", \"name\": \"Mug\", \"initialQuantity\": " + quantity + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        return sku;
    }

    private static String line(String sku, int quantity) {
        return "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + ", \"unitPrice\": \"2.50\"}";
    }

    private static String place(String... lines) {
        HttpResponse<String> placed = orders.postJson(
                "/orders",
                "{\"customerId\": \"c-1\", \"currency\": \"EUR\", \"lines\": [" + String.join(",", lines) + "]}");
        assertThat(placed.statusCode()).isEqualTo(202);
        return ServiceHttp.json(placed).get("orderId").asText();
    }

    /** The type of the order's second event: how it ended (confirmed or rejected). */
    private static String orderEnds(String orderId) {
        try (TopicReader reader =
                new TopicReader(infrastructure.kafkaBootstrapServers(), Topics.ORDERS_EVENTS.name())) {
            List<ConsumerRecord<String, byte[]>> events = reader.await(r -> orderId.equals(r.key()), 2, WAIT);
            assertThat(events).as("events of " + orderId).hasSizeGreaterThanOrEqualTo(2);
            return Envelope.readFrom(events.get(1).headers()).type();
        }
    }

    private static String sagaStatus(String orderId, String expected) {
        return saga(orderId, expected).get("status").asText();
    }

    /** The saga once it reaches {@code expected}, or as it is when the wait runs out. */
    private static JsonNode saga(String orderId, String expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode saga = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = sagas.get("/sagas/" + orderId);
            if (answer.statusCode() == 200) {
                saga = ServiceHttp.json(answer);
                if (saga.get("status").asText().equals(expected)) {
                    return saga;
                }
            }
            sleep();
        }
        return saga;
    }

    /** The stock after the SKU's latest event, once it has been quiet for a moment. */
    private static Stock stock(String sku) {
        try (TopicReader reader =
                new TopicReader(infrastructure.kafkaBootstrapServers(), Topics.INVENTORY_EVENTS.name())) {
            reader.await(r -> sku.equals(r.key()), 1, WAIT);
            List<ConsumerRecord<String, byte[]>> events = reader.drain(r -> sku.equals(r.key()), Duration.ofSeconds(2));
            ConsumerRecord<String, byte[]> last = events.getLast();
            InventoryEvent event = Topics.INVENTORY_EVENTS
                    .valueSerde()
                    .deserializer()
                    .deserialize(last.topic(), last.headers(), last.value());
            return new Stock(event.available(), event.reserved());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
