package io.orderplatform.dev;

import io.orderplatform.embedded.EmbeddedKafkaBroker;
import io.orderplatform.projection.ProjectionServiceApplication;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures how fast the projections rebuild from history. It starts its own embedded Kafka broker and
 * one projection-service instance in this JVM (nothing else: the saga would otherwise start a saga for
 * every order of the synthetic history), appends a history of orders to {@code orders.events} (each
 * placed, then confirmed; published as the relay does, in transactions, with full envelopes), waits
 * until the serving version has applied it, then starts a rebuild through the admin endpoint and follows
 * it until the new version has caught up and serves reads.
 *
 * <p>Usage: {@code ./bench.sh rebuild [events=1000000] [mode=side-by-side|in-place]}; stop
 * {@code ./dev.sh} first (it uses the same ports).
 */
public final class RebuildBenchmark {

    private static final String ADMIN = "http://localhost:8084/admin/projections";
    private static final String KAFKA = "localhost:9092";
    private static final Pattern SERVING = Pattern.compile("\"serving\":(\\d+)");
    private static final Pattern PHASE = Pattern.compile("\"phase\":\"(\\w+)\"");
    private static final Pattern VERSIONS = Pattern.compile(
            "\"version\":(\\d+),\"applicationId\":\"[^\"]*\",\"role\":\"(\\w+)\",\"state\":\"\\w+\",\"consumed\":(\\d+),\"lag\":(\\d+)");

    private RebuildBenchmark() {}

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        String mode = args.length > 1 ? args[1] : "side-by-side";
        HttpClient http = HttpClient.newHttpClient();
        java.nio.file.Path work = java.nio.file.Files.createTempDirectory("rebuild-bench");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 9092, 9093);
        org.springframework.context.ConfigurableApplicationContext projections =
                new org.springframework.boot.builder.SpringApplicationBuilder(ProjectionServiceApplication.class)
                        .run(
                                "--server.port=8084",
                                "--spring.kafka.bootstrap-servers=" + KAFKA,
                                "--projection.state-dir=" + work.resolve("state"),
                                "--spring.autoconfigure.exclude="
                                        + String.join(",", CommandSideAutoConfigurations.names()));
        try {
            run(http, events, mode);
        } finally {
            projections.close();
            broker.close();
            DevPlatform.deleteRecursively(work);
        }
    }

    private static void run(HttpClient http, long events, String mode) throws Exception {

        if (events > 0) {
            long appendStarted = System.nanoTime();
            appendHistory(events);
            System.out.printf(
                    "appended %d order events in %.1f s%n", events, (System.nanoTime() - appendStarted) / 1e9);
        }
        String status = awaitCaughtUp(http);
        int serving = Integer.parseInt(find(SERVING, status));
        long history = consumed(status, serving);
        System.out.printf("version %d has applied the history: %d records in the input topics%n", serving, history);

        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(ADMIN + "/rebuild?mode=" + mode))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + answer.body());
        }
        int target = mode.equals("in-place") ? serving : serving + 1;
        double tookOver = 0;
        double steadyFrom = 0;
        long steadyFromRecords = 0;
        double steadyTo = 0;
        long steadyToRecords = 0;
        while (true) {
            Thread.sleep(500);
            status = get(http);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%6.1f s  %s%n", seconds, summary(status));
            long rebuilt = consumed(status, target);
            // The steady rate: between 10 % and 90 % of the history, past the start-up of the new version.
            if (rebuilt >= history / 10 && steadyFrom == 0) {
                steadyFrom = seconds;
                steadyFromRecords = rebuilt;
            }
            if (rebuilt <= history * 9 / 10) {
                steadyTo = seconds;
                steadyToRecords = rebuilt;
            }
            boolean serves = Integer.parseInt(find(SERVING, status)) == target
                    && status.contains("\"readable\":true")
                    && !find(PHASE, status).equals("REBUILDING_IN_PLACE");
            if (serves && tookOver == 0) {
                tookOver = seconds;
            }
            if (serves && find(PHASE, status).equals("SERVING")) {
                System.out.printf(
                        """

                        rebuild %s of a history of %d records (%d order events):
                          new version serving reads after %.1f s: %.0f records/s overall
                          steady rate (10 %% to 90 %% of the history; side by side only): %.0f records/s
                          old version retired and its topics deleted after %.1f s
                        %n""",
                        mode,
                        history,
                        events,
                        tookOver,
                        history / tookOver,
                        mode.equals("in-place")
                                ? Double.NaN
                                : (steadyToRecords - steadyFromRecords) / Math.max(0.001, steadyTo - steadyFrom),
                        seconds);
                return;
            }
        }
    }

    /** Orders of one line each, placed then confirmed, spread over 30 days, on 100 SKUs. */
    private static void appendHistory(long events) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "localhost:9092",
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "rebuild-bench-" + run,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            long orders = events / 2;
            for (long i = 0; i < orders; i++) {
                if (i % 5_000 == 0) {
                    if (i > 0) {
                        producer.commitTransaction();
                    }
                    producer.beginTransaction();
                }
                String orderId = "rb-" + run + "-" + i;
                Instant at = start.plusSeconds(i * 2_592_000L / orders);
                OrderLine line = new OrderLine("RB-SKU-" + (i % 100), 1 + (int) (i % 3), new BigDecimal("9.99"));
                send(
                        producer,
                        orderId,
                        new OrderPlaced(orderId, "c-" + (i % 1000), "EUR", List.of(line), line.lineTotal(), at),
                        1,
                        at);
                send(producer, orderId, new OrderConfirmed(orderId, at.plusSeconds(1)), 2, at.plusSeconds(1));
            }
            producer.commitTransaction();
        }
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, String orderId, OrderEvent event, long sequence, Instant at) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.ORDERS_EVENTS.name(),
                orderId,
                Topics.ORDERS_EVENTS.valueSerde().toJson(event));
        Envelope.forEvent(
                        UUID.randomUUID().toString(),
                        "order-command",
                        Topics.ORDERS_EVENTS.types().typeOf(event),
                        orderId,
                        sequence,
                        at,
                        MessageOrigin.NONE)
                .writeTo(record.headers());
        producer.send(record);
    }

    private static String awaitCaughtUp(HttpClient http) throws Exception {
        while (true) {
            String status = get(http);
            System.out.printf("waiting for the serving version to apply the history: %s%n", summary(status));
            int serving = Integer.parseInt(find(SERVING, status));
            Matcher versions = VERSIONS.matcher(status);
            while (versions.find()) {
                if (Integer.parseInt(versions.group(1)) == serving
                        && Long.parseLong(versions.group(4)) == 0
                        && find(PHASE, status).equals("SERVING")) {
                    return status;
                }
            }
            Thread.sleep(2000);
        }
    }

    private static long consumed(String status, int version) {
        Matcher versions = VERSIONS.matcher(status);
        while (versions.find()) {
            if (Integer.parseInt(versions.group(1)) == version) {
                return Long.parseLong(versions.group(3));
            }
        }
        return 0;
    }

    private static String summary(String status) {
        StringBuilder line = new StringBuilder(find(PHASE, status));
        Matcher versions = VERSIONS.matcher(status);
        while (versions.find()) {
            line.append(String.format(
                    " | v%s %s consumed %s lag %s",
                    versions.group(1), versions.group(2), versions.group(3), versions.group(4)));
        }
        return line.toString();
    }

    private static String get(HttpClient http) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ADMIN)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected status: " + text);
        }
        return matcher.group(1);
    }
}
