package io.orderplatform.kafka.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.kafka.deadletter.admin.DeadLetterAdmin;
import io.orderplatform.kafka.deadletter.admin.DeadLetterAdminException;
import io.orderplatform.kafka.deadletter.admin.DeadLetterFilter;
import io.orderplatform.kafka.deadletter.admin.Selection;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.json.ContractJson;
import io.orderplatform.schemas.orders.OrderContracts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dead-letter API of a service on the real broker: dead letters listed with their headers, dry
 * runs that count exactly the selection, a redrive that reaches the consumer's retry topic once and
 * never the source topic, and discards.
 */
@SpringBootTest(
        classes = DeadLetterTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=dead-letter-it")
class DeadLetterApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RETRY =
            DeadLetterTestApplication.CONSUMER.retry().name();
    private static final String DLQ = "dead-letter-it.orders.events.dlq";

    private static KafkaProducer<String, String> producer;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedBroker::bootstrapServers);
    }

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void a_dead_letter_is_listed_with_who_gave_up_where_from_why_and_when() {
        String order = "order-" + UUID.randomUUID();
        RecordMetadata source = publishEvent(order);
        deadLetter(source, order, new IllegalArgumentException("order " + order + " skipped a sequence"));

        JsonNode page = ok(get("/admin/dead-letters/orders.events?key=" + order));

        assertThat(page.get("items")).hasSize(1);
        JsonNode letter = page.get("items").get(0);
        assertThat(letter.get("key").asText()).isEqualTo(order);
        assertThat(letter.get("consumer").asText()).isEqualTo("dead-letter-it");
        assertThat(letter.get("sourceTopic").asText()).isEqualTo("orders.events");
        assertThat(letter.get("sourcePartition").asInt()).isEqualTo(source.partition());
        assertThat(letter.get("sourceOffset").asLong()).isEqualTo(source.offset());
        assertThat(letter.get("errorClass").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(letter.get("errorMessage").asText()).contains("skipped a sequence");
        assertThat(Instant.parse(letter.get("failedAt").asText())).isNotNull();
        assertThat(letter.get("type").asText()).isEqualTo("orders.OrderPlaced.v1");
        assertThat(letter.get("headers").get("ce_id").asText()).isEqualTo("event-" + order);
        assertThat(letter.get("payload").asText()).contains(order);
        assertThat(letter.get("redriven").asBoolean()).isFalse();
        assertThat(letter.get("discarded").asBoolean()).isFalse();
        assertThat(page.get("nextPageToken").isNull()).isTrue();

        JsonNode topics = ok(get("/admin/dead-letters"));
        assertThat(topics.get("consumer").asText()).isEqualTo("dead-letter-it");
        assertThat(topics.get("retryTopic").asText()).isEqualTo(RETRY);
        assertThat(topics.get("topics"))
                .extracting(t -> t.get("topic").asText())
                .containsExactly(DLQ, "dead-letter-it.fulfillment.replies.dlq");
        assertThat(topics.get("topics").get(0).get("pending").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void pages_and_dry_runs_take_exactly_the_selection_and_a_redrive_of_one_reaches_the_retry_topic_once()
            throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> orders = List.of("a-" + run, "b-" + run, "c-" + run);
        for (String order : orders) {
            deadLetter(publishEvent(order), order, new IllegalStateException("cannot apply " + order));
        }
        String first = orders.getFirst();

        List<JsonNode> paged = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = ok(get("/admin/dead-letters/orders.events?limit=1&contains=" + run
                    + (token == null ? "" : "&pageToken=" + token)));
            page.get("items").forEach(paged::add);
            token = page.get("nextPageToken").isNull()
                    ? null
                    : page.get("nextPageToken").asText();
        } while (token != null);
        assertThat(paged).extracting(item -> item.get("key").asText()).containsExactlyInAnyOrderElementsOf(orders);

        JsonNode dryRun = ok(post(
                "/admin/dead-letters/orders.events/redrive",
                "{\"filter\": {\"contains\": \"" + run + "\"}, \"dryRun\": true}"));
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("count").asInt()).isEqualTo(3);
        assertThat(dryRun.get("positions"))
                .extracting(
                        p -> p.get("partition").asInt() + "/" + p.get("offset").asLong())
                .containsExactlyInAnyOrderElementsOf(paged.stream()
                        .map(item -> item.get("partition").asInt() + "/"
                                + item.get("offset").asLong())
                        .toList());
        JsonNode onlyFirst = ok(post(
                "/admin/dead-letters/orders.events/redrive?dryRun=true",
                "{\"filter\": {\"key\": \"" + first + "\", \"errorClass\": \"IllegalStateException\"}}"));
        assertThat(onlyFirst.get("count").asInt()).isEqualTo(1);
        assertThat(records(RETRY, r -> r.key().endsWith(run), Duration.ofSeconds(1)))
                .as("a dry run sends nothing")
                .isEmpty();

        JsonNode letter = paged.stream()
                .filter(item -> item.get("key").asText().equals(first))
                .findFirst()
                .orElseThrow();
        String one = "{\"partition\": " + letter.get("partition").asInt() + ", \"offset\": "
                + letter.get("offset").asLong() + "}";
        JsonNode redriven = ok(post("/admin/dead-letters/orders.events/redrive", one));

        assertThat(redriven.get("count").asInt()).isEqualTo(1);
        List<ConsumerRecord<String, String>> retried =
                records(RETRY, r -> first.equals(r.key()), Duration.ofSeconds(2));
        assertThat(retried).singleElement().satisfies(retry -> {
            assertThat(retry.value()).contains(first);
            assertThat(retry.partition())
                    .isEqualTo(letter.get("sourcePartition").asInt());
            assertThat(Envelope.get(retry.headers(), Retries.SOURCE_TOPIC)).isEqualTo("orders.events");
            assertThat(Envelope.get(retry.headers(), Retries.SOURCE_OFFSET))
                    .isEqualTo(letter.get("sourceOffset").asText());
            assertThat(Envelope.get(retry.headers(), "ce_id")).isEqualTo("event-" + first);
            assertThat(retry.headers().toArray()).noneMatch(h -> h.key().startsWith("dlq_"));
        });
        assertThat(records(Topics.ORDERS_EVENTS.name(), r -> first.equals(r.key()), Duration.ofSeconds(1)))
                .as("the source topic still holds only the original")
                .hasSize(1);

        JsonNode again = ok(post("/admin/dead-letters/orders.events/redrive", one));
        assertThat(again.get("count").asInt()).isZero();
        assertThat(again.get("skipped").asInt()).isEqualTo(1);
        assertThat(records(RETRY, r -> first.equals(r.key()), Duration.ofSeconds(1)))
                .as("a repeated redrive sends nothing")
                .hasSize(1);
        JsonNode listed = ok(get("/admin/dead-letters/orders.events?key=" + first));
        assertThat(listed.get("items").get(0).get("redriven").asBoolean()).isTrue();
        assertThat(ok(get("/admin/dead-letters/orders.events?redriven=false&contains=" + run))
                        .get("items"))
                .hasSize(2);
    }

    @Test
    void a_discard_marks_the_selection_handled_and_sends_nothing() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> orders = List.of("d-" + run, "e-" + run);
        for (String order : orders) {
            deadLetter(publishEvent(order), order, new IllegalStateException("harmless " + order));
        }
        String selection = "{\"filter\": {\"contains\": \"" + run + "\"}}";

        JsonNode dryRun = ok(post("/admin/dead-letters/orders.events/discard?dryRun=true", selection));
        assertThat(dryRun.get("count").asInt()).isEqualTo(2);
        assertThat(ok(get("/admin/dead-letters/orders.events?discarded=true&contains=" + run))
                        .get("items"))
                .isEmpty();

        JsonNode discarded = ok(post("/admin/dead-letters/orders.events/discard", selection));

        assertThat(discarded.get("count").asInt()).isEqualTo(2);
        assertThat(ok(get("/admin/dead-letters/orders.events?contains=" + run)).get("items"))
                .hasSize(2)
                .allSatisfy(item -> {
                    assertThat(item.get("discarded").asBoolean()).isTrue();
                    assertThat(item.get("redriven").asBoolean()).isFalse();
                });
        assertThat(ok(post("/admin/dead-letters/orders.events/redrive?dryRun=true", selection))
                        .get("count")
                        .asInt())
                .as("a discarded dead letter is never redriven")
                .isZero();
        assertThat(records(RETRY, r -> r.key().endsWith(run), Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    void redrives_racing_on_several_instances_send_each_dead_letter_once() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> orders = List.of("f-" + run, "g-" + run, "h-" + run);
        for (String order : orders) {
            deadLetter(publishEvent(order), order, new IllegalStateException("race " + order));
        }
        Selection selection = new Selection.Matching(new DeadLetterFilter(null, null, run, null, null));
        List<DeadLetterAdmin> instances = List.of(
                new DeadLetterAdmin(
                        SharedBroker.bootstrapServers(), DeadLetterTestApplication.CONSUMER, Clock.systemUTC()),
                new DeadLetterAdmin(
                        SharedBroker.bootstrapServers(), DeadLetterTestApplication.CONSUMER, Clock.systemUTC()),
                new DeadLetterAdmin(
                        SharedBroker.bootstrapServers(), DeadLetterTestApplication.CONSUMER, Clock.systemUTC()));

        List<CompletableFuture<Integer>> redrives = instances.stream()
                .map(admin -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return admin.redrive("orders.events", selection, false).count();
                    } catch (DeadLetterAdminException.Conflict fenced) {
                        return 0;
                    }
                }))
                .toList();
        int sent = 0;
        for (CompletableFuture<Integer> redrive : redrives) {
            sent += redrive.get(60, TimeUnit.SECONDS);
        }

        assertThat(sent).as("what the redrives say they sent").isEqualTo(3);
        assertThat(records(RETRY, r -> r.key().endsWith(run), Duration.ofSeconds(2)))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void bad_input_is_a_problem_never_a_server_error() {
        assertProblem(get("/admin/dead-letters/orders.commands"), 404);
        assertProblem(get("/admin/dead-letters/orders.events?pageToken=bm90LWEtdG9rZW4"), 400);
        assertProblem(get("/admin/dead-letters/orders.events?pageToken=OTktMA"), 400);
        assertProblem(get("/admin/dead-letters/orders.events?limit=0"), 400);
        assertProblem(get("/admin/dead-letters/orders.events?limit=x"), 400);
        assertProblem(get("/admin/dead-letters/orders.events?redriven=maybe"), 400);
        assertProblem(get("/admin/dead-letters/orders.events?key="), 400);
        for (String body : List.of(
                "",
                "{}",
                "not json",
                "[]",
                "{\"partition\": 1}",
                "{\"partition\": \"1\", \"offset\": 0}",
                "{\"partition\": -1, \"offset\": 0}",
                "{\"all\": false}",
                "{\"all\": true, \"partition\": 0, \"offset\": 0}",
                "{\"all\": true, \"unknown\": 1}",
                "{\"all\": true, \"all\": true}",
                "{\"filter\": {\"key\": 5}}",
                "{\"filter\": {\"colour\": \"red\"}}")) {
            assertProblem(post("/admin/dead-letters/orders.events/redrive", body), 400);
            assertProblem(post("/admin/dead-letters/orders.events/discard", body), 400);
        }
        assertProblem(post("/admin/dead-letters/orders.events/redrive?dryRun=perhaps", "{\"all\": true}"), 400);
        assertProblem(post("/admin/dead-letters/orders.events/redrive", "{\"partition\": 0, \"offset\": 999999}"), 404);
        assertProblem(post("/admin/dead-letters/orders.events/redrive", "{\"partition\": 99, \"offset\": 0}"), 404);
        assertProblem(post("/admin/dead-letters/orders.commands/redrive", "{\"all\": true}"), 404);
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.uri() + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(answer).get("status").asInt()).isEqualTo(status);
    }

    /** Publishes an order event as the relay would; returns where it went. */
    private static RecordMetadata publishEvent(String order) {
        RecordHeaders headers = new RecordHeaders();
        Envelope.forEvent(
                        "event-" + order,
                        "order-command",
                        OrderContracts.ORDER_PLACED,
                        order,
                        1,
                        Instant.now(),
                        MessageOrigin.NONE)
                .writeTo(headers);
        try {
            return producer.send(new ProducerRecord<>(
                            Topics.ORDERS_EVENTS.name(), null, order, "{\"orderId\":\"" + order + "\"}", headers))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives up on the record at {@code source} as the consumer would. */
    private static void deadLetter(RecordMetadata source, String order, Exception failure) {
        RecordHeaders headers = new RecordHeaders();
        Envelope.forEvent(
                        "event-" + order,
                        "order-command",
                        OrderContracts.ORDER_PLACED,
                        order,
                        1,
                        Instant.now(),
                        MessageOrigin.NONE)
                .writeTo(headers);
        try {
            producer.send(DeadLetters.of(
                            DeadLetterTestApplication.CONSUMER,
                            source.topic(),
                            source.partition(),
                            source.offset(),
                            order,
                            "{\"orderId\":\"" + order + "\"}",
                            headers,
                            failure,
                            Instant.now()))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed records of {@code topic} that match, after reading it for {@code quiet}. */
    private static List<ConsumerRecord<String, String>> records(
            String topic, Predicate<ConsumerRecord<String, String>> filter, Duration quiet) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedBroker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.key() != null && filter.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> answer) {
        try {
            return ContractJson.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of an answer that must be a 200. */
    private static JsonNode ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.uri() + ": " + answer.body()).isEqualTo(200);
        return json(answer);
    }
}
