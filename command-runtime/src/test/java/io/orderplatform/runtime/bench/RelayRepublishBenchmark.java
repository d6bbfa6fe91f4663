package io.orderplatform.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * How fast a command service's relay republishes its whole event store, and whether anything is
 * lost on the way: against a running service (dev mode's order-command by default), it grows the
 * event store to N events with SQL ({@link EventStoreFill}), waits until the relay has published
 * them, then calls {@code POST /admin/relay/republish} and polls {@code GET /admin/relay} until the
 * republish is over and the lag is 0. It then reads what the republish put on the topic and checks
 * it against the store ({@link RepublishAudit}): every (subject, sequence) present, in order per
 * aggregate.
 *
 * <p>Reported: events, seconds and events/s from the POST until lag 0, the rate the service itself
 * reported at its best, and the rate between the first and the last republished record's CreateTime
 * (Kafka's view, without the HTTP polling's granularity).
 *
 * <p>Usage: {@code bin/republish-bench.sh [events=200000] [baseUrl=http://localhost:8081]
 * [jdbcUrl=jdbc:postgresql://localhost:15432/order_command] [kafka=localhost:9092]
 * [topic=orders.events]}; database user and password from {@code BENCH_DB_USER} and
 * {@code BENCH_DB_PASSWORD} (postgres, postgres). The store must hold one aggregate's events to copy,
 * e.g. one order placed and cancelled. With {@code BENCH_TRIGGER=manual} it does not call the
 * endpoint but waits for the republish to be started by hand (a service without the endpoint:
 * stop it, delete its {@code event-relay} row of {@code token_entry}, start it) and reports the
 * Kafka-side rate only.
 */
public final class RelayRepublishBenchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    private RelayRepublishBenchmark(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        String baseUrl = args.length > 1 ? args[1] : "http://localhost:8081";
        String jdbcUrl = args.length > 2 ? args[2] : "jdbc:postgresql://localhost:15432/order_command";
        String kafka = args.length > 3 ? args[3] : "localhost:9092";
        String topic = args.length > 4 ? args[4] : "orders.events";
        boolean manual = "manual".equals(System.getenv("BENCH_TRIGGER"));
        RelayRepublishBenchmark bench = new RelayRepublishBenchmark(baseUrl);

        try (Connection store = DriverManager.getConnection(
                jdbcUrl,
                Objects.requireNonNullElse(System.getenv("BENCH_DB_USER"), "postgres"),
                Objects.requireNonNullElse(System.getenv("BENCH_DB_PASSWORD"), "postgres"))) {
            EventStoreFill fill = new EventStoreFill(store);
            long fillStarted = System.nanoTime();
            long added = fill.fillTo(events);
            long stored = fill.events();
            System.out.printf("event store: %d events (%d added in %.1f s)%n", stored, added, seconds(fillStarted));
            long relayStarted = System.nanoTime();
            bench.awaitLagZero();
            System.out.printf("relay caught up with the store %.1f s after the fill%n", seconds(relayStarted));

            Map<TopicPartition, Long> before = RepublishAudit.endOffsets(kafka, topic);
            long started = System.nanoTime();
            double bestRate = 0;
            if (manual) {
                System.out.println(
                        "BENCH_TRIGGER=manual: reset the relay's token now; waiting for the topic to grow by " + stored
                                + " records and settle");
                bench.awaitTopicGrowth(kafka, topic, before, stored);
            } else {
                bestRate = bench.republish();
            }
            double elapsed = seconds(started);
            Map<TopicPartition, Long> after = RepublishAudit.endOffsets(kafka, topic);

            RepublishAudit.Result audit = RepublishAudit.check(store, kafka, before, after);
            System.out.printf(
                    """
                    republish of %d events: %s
                    Kafka CreateTime of the first to the last republished record: %.2f s, %.0f events/s
                    on the topic: %d records; %d events expected, %d missing, %d duplicates, %d aggregates out of order, %d records of unknown aggregates: %s
                    %n""",
                    stored,
                    manual
                            ? "started by hand"
                            : String.format(
                                    "%.2f s from POST to lag 0, %.0f events/s (best reported by the service: %.0f events/s)",
                                    elapsed, stored / elapsed, bestRate),
                    (audit.lastTimestamp() - audit.firstTimestamp()) / 1000.0,
                    audit.producedPerSecond(),
                    audit.records(),
                    audit.expectedEvents(),
                    audit.missing(),
                    audit.duplicates(),
                    audit.outOfOrder(),
                    audit.unknownSubjects(),
                    audit.complete() ? "COMPLETE" : "INCOMPLETE");
            if (!audit.complete()) {
                System.exit(1);
            }
        }
    }

    /** Starts the republish and waits for its end; returns the best events/s the service reported. */
    private double republish() throws InterruptedException {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/relay/republish"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(
                    "POST /admin/relay/republish answered " + accepted.statusCode() + ": " + accepted.body());
        }
        double best = 0;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = status();
            best = Math.max(best, status.path("eventsPerSecond").asDouble());
            if (!status.path("republishing").asBoolean() && status.path("lag").asLong() == 0) {
                return best;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the republish did not end within " + TIMEOUT);
    }

    /** Waits until the relay has published everything: GET /admin/relay, or the lag metric of a service without it. */
    private void awaitLagZero() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (lag() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the relay did not catch up within " + TIMEOUT);
    }

    private long lag() {
        HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/relay"))
                .GET()
                .build());
        if (status.statusCode() == 200) {
            return json(status.body()).path("lag").asLong();
        }
        String metrics = send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                        .GET()
                        .build())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith("platform_relay_lag_events"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no relay lag at " + baseUrl));
    }

    private JsonNode status() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/relay"))
                .GET()
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /admin/relay answered " + response.statusCode());
        }
        return json(response.body());
    }

    /** For a republish started by hand: waits until the topic grew by {@code records} and then stayed still for 3 s. */
    private void awaitTopicGrowth(String kafka, String topic, Map<TopicPartition, Long> before, long records)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long last = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> now = RepublishAudit.endOffsets(kafka, topic);
            long grown = now.entrySet().stream()
                    .mapToLong(end -> end.getValue() - before.get(end.getKey()))
                    .sum();
            if (grown != last) {
                last = grown;
                stillSince = System.nanoTime();
            } else if (grown >= records && seconds(stillSince) >= 3) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the topic did not grow by " + records + " within " + TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return ContractJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
