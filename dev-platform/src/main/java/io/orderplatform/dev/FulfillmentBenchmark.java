package io.orderplatform.dev;

import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.orders.OrderContracts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Measures the whole fulfillment path of a running platform under a steady load: from {@code 202} on
 * {@code POST /orders} to the order's {@code OrderConfirmed} (all lines in stock) or
 * {@code OrderRejected} (one line sold out: reserved lines released first) on {@code orders.events}, as
 * an independent consumer sees them. Orders are sent at a fixed rate (open loop), so a slow platform
 * shows as latency, not as a lower load. After the run it checks the stock invariants: for every SKU,
 * available + reserved = its initial stock, nothing negative, and reserved = the units of confirmed
 * orders.
 *
 * <p>Usage: {@code ./bench.sh fulfillment [ordersPerSecond=150] [seconds=30] [rejectedPercent=20]
 * [warmupSeconds=15]} against {@code ./dev.sh} on the default ports.
 */
public final class FulfillmentBenchmark {

    private static final int SKUS = 50;
    private static final int STOCK = 10_000_000;
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");

    private record Placed(long sentNanos, long acceptedNanos, boolean expectRejection, Map<String, Integer> lines) {}

    private FulfillmentBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rejectedPercent = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        String orders = "http://localhost:8081";
        String inventory = "http://localhost:8082";
        String kafka = "localhost:9092";
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            skus.add("BENCH-" + run + "-" + i);
            register(http, inventory, skus.get(i), STOCK);
        }
        String soldOut = "BENCH-" + run + "-SOLD-OUT";
        register(http, inventory, soldOut, 0);

        Map<String, Outcome> seen = new ConcurrentHashMap<>();
        Thread collector = Thread.ofPlatform().daemon().start(() -> collectOutcomes(kafka, seen));
        Thread.sleep(3_000);
        Map<String, Placed> warmup = new ConcurrentHashMap<>();
        load(http, orders, skus, soldOut, rate, warmupSeconds, rejectedPercent, warmup);
        Map<String, Placed> placed = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        Refusals refusals = load(http, orders, skus, soldOut, rate, seconds, rejectedPercent, placed);
        double elapsed = (System.nanoTime() - started) / 1e9;

        Map<String, Placed> all = new HashMap<>(warmup);
        all.putAll(placed);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!seen.keySet().containsAll(all.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        collector.interrupt();
        Map<String, String> outcomes = new HashMap<>();
        Histogram confirmed = new ConcurrentHistogram(3);
        Histogram rejected = new ConcurrentHistogram(3);
        all.forEach((orderId, order) -> {
            Outcome outcome = seen.get(orderId);
            if (outcome == null) {
                return;
            }
            outcomes.put(orderId, outcome.type());
            if (placed.containsKey(orderId)) {
                long micros = Math.max(1, (outcome.seenNanos() - order.acceptedNanos()) / 1_000);
                (outcome.type().equals(OrderContracts.ORDER_CONFIRMED.name()) ? confirmed : rejected)
                        .recordValue(micros);
            }
        });

        long wrongOutcome = placed.entrySet().stream()
                .filter(order -> outcomes.containsKey(order.getKey()))
                .filter(order -> order.getValue().expectRejection()
                        != outcomes.get(order.getKey()).equals(OrderContracts.ORDER_REJECTED.name()))
                .count();
        String invariants = checkStock(kafka, all, outcomes, skus, soldOut);
        System.out.printf(
                """
                rate=%d orders/s (open loop) duration=%.1fs warm-up=%ds rejected share=%d%%
                placed=%d (%.0f orders/s) refused at the door (503 overloaded)=%d, other HTTP failures=%d; outcome seen for %d, missing %d, unexpected %d
                place -> confirmed ms: n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f
                place -> rejected  ms: n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f
                stock invariants: %s
                outcomes per second, by 5 s from the start of the run: %s
                %n""",
                rate,
                elapsed,
                warmupSeconds,
                rejectedPercent,
                placed.size(),
                placed.size() / elapsed,
                refusals.overloaded().get(),
                refusals.failed().get(),
                placed.keySet().stream().filter(outcomes::containsKey).count(),
                placed.keySet().stream().filter(id -> !outcomes.containsKey(id)).count(),
                wrongOutcome,
                confirmed.getTotalCount(),
                confirmed.getValueAtPercentile(50) / 1e3,
                confirmed.getValueAtPercentile(90) / 1e3,
                confirmed.getValueAtPercentile(99) / 1e3,
                confirmed.getMaxValue() / 1e3,
                rejected.getTotalCount(),
                rejected.getValueAtPercentile(50) / 1e3,
                rejected.getValueAtPercentile(90) / 1e3,
                rejected.getValueAtPercentile(99) / 1e3,
                rejected.getMaxValue() / 1e3,
                invariants,
                outcomesPerSecond(placed, seen, started));
    }

    /** Outcomes of the run's orders per second in each 5 s from its start, as the consumer saw them. */
    private static String outcomesPerSecond(Map<String, Placed> placed, Map<String, Outcome> seen, long started) {
        long bucket = 5_000_000_000L;
        java.util.TreeMap<Long, Integer> counts = new java.util.TreeMap<>();
        placed.keySet().stream()
                .map(seen::get)
                .filter(java.util.Objects::nonNull)
                .forEach(outcome -> counts.merge(Math.max(0, outcome.seenNanos() - started) / bucket, 1, Integer::sum));
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (long b = 0; b <= counts.lastKey(); b++) {
            out.append(counts.getOrDefault(b, 0) / 5).append(' ');
        }
        return out.toString().trim();
    }

    /** What the door refused: 503 for overload (admission control), and any other failure. */
    private record Refusals(AtomicLong overloaded, AtomicLong failed) {}

    /** Sends {@code rate} orders per second for {@code seconds}; returns what HTTP refused. */
    private static Refusals load(
            HttpClient http,
            String base,
            List<String> skus,
            String soldOut,
            int rate,
            int seconds,
            int rejectedPercent,
            Map<String, Placed> placed)
            throws InterruptedException {
        Refusals refusals = new Refusals(new AtomicLong(), new AtomicLong());
        ExecutorService senders = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            boolean reject = i % 100 < rejectedPercent;
            Map<String, Integer> lines = new HashMap<>();
            lines.put(skus.get((int) (i % skus.size())), 1 + (int) (i % 3));
            lines.put(skus.get((int) ((i * 7 + 3) % skus.size())), 1);
            if (reject) {
                lines.put(soldOut, 1);
            }
            senders.execute(() -> place(http, base, lines, reject, placed, refusals));
        }
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        return refusals;
    }

    private static void place(
            HttpClient http,
            String base,
            Map<String, Integer> lines,
            boolean reject,
            Map<String, Placed> placed,
            Refusals refusals) {
        StringBuilder body = new StringBuilder("{\"customerId\": \"bench\", \"currency\": \"EUR\", \"lines\": [");
        lines.forEach((sku, quantity) -> body.append("{\"sku\": \"")
                .append(sku)
                .append("\", \"quantity\": ")
                .append(quantity)
                .append(", \"unitPrice\": \"1.00\"},"));
        body.setLength(body.length() - 1);
        body.append("]}");
        long sent = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/orders"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = ORDER_ID.matcher(answer.body());
            if (answer.statusCode() == 202 && id.find()) {
                placed.put(id.group(1), new Placed(sent, System.nanoTime(), reject, lines));
            } else if (answer.statusCode() == 503 && answer.body().contains("/problems/overloaded")) {
                refusals.overloaded().incrementAndGet();
            } else {
                refusals.failed().incrementAndGet();
            }
        } catch (IOException e) {
            refusals.failed().incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How an order ended and when an independent consumer saw it. */
    private record Outcome(String type, long seenNanos) {}

    /** Records the first OrderConfirmed or OrderRejected of every order seen on orders.events, until interrupted. */
    private static void collectOutcomes(String kafka, Map<String, Outcome> seen) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, "latest")) {
            consumer.subscribe(List.of(Topics.ORDERS_EVENTS.name()));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    String type = Envelope.readFrom(record.headers()).type();
                    if (type.equals(OrderContracts.ORDER_CONFIRMED.name())
                            || type.equals(OrderContracts.ORDER_REJECTED.name())) {
                        seen.putIfAbsent(record.key(), new Outcome(type, now));
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String checkStock(
            String kafka, Map<String, Placed> all, Map<String, String> outcomes, List<String> skus, String soldOut) {
        Map<String, Integer> held = new HashMap<>();
        all.forEach((orderId, order) -> {
            if (OrderContracts.ORDER_CONFIRMED.name().equals(outcomes.get(orderId))) {
                order.lines().forEach((sku, quantity) -> held.merge(sku, quantity, Integer::sum));
            }
        });
        Set<String> watched = new java.util.HashSet<>(skus);
        watched.add(soldOut);
        Map<String, InventoryEvent> last = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, "earliest")) {
            consumer.subscribe(List.of(Topics.INVENTORY_EVENTS.name()));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < 3_000_000_000L) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    quietSince = System.nanoTime();
                    if (watched.contains(record.key())) {
                        last.put(
                                record.key(),
                                Topics.INVENTORY_EVENTS
                                        .valueSerde()
                                        .deserializer()
                                        .deserialize(record.topic(), record.headers(), record.value()));
                    }
                }
            }
        }
        List<String> broken = new ArrayList<>();
        for (String sku : watched) {
            InventoryEvent event = last.get(sku);
            int initial = sku.equals(soldOut) ? 0 : STOCK;
            int expectedReserved = held.getOrDefault(sku, 0);
            if (event == null
                    || event.available() < 0
                    || event.available() + event.reserved() != initial
                    || event.reserved() != expectedReserved) {
                broken.add(sku + "=" + (event == null ? "no events" : event.available() + "/" + event.reserved())
                        + " expected reserved " + expectedReserved);
            }
        }
        return broken.isEmpty()
                ? "hold for all " + watched.size()
                        + " SKUs (available + reserved = initial, reserved = confirmed units)"
                : "BROKEN: " + broken;
    }

    static void register(HttpClient http, String base, String sku, int stock) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(base + "/products"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"sku\": \"" + sku + "\", \"name\": \"bench\", \"initialQuantity\": " + stock + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("registering " + sku + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String kafka, String offsetReset) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        offsetReset,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
