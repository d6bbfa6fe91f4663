package io.orderplatform.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Measures read-your-writes through the projections under a steady load: from {@code 202} on
 * {@code POST /orders} to {@code 200} on {@code GET /orders/{id}?minVersion=<the 202's version>} of
 * projection-service, which answers as soon as its view reaches that version. Orders are sent at a
 * fixed rate (open loop) and go through the whole platform (relay, saga, inventory), as in production.
 *
 * <p>Usage: {@code ./bench.sh visible [ordersPerSecond=150] [seconds=30] [warmupSeconds=10]} against
 * {@code ./dev.sh} on the default ports.
 */
public final class VisibilityBenchmark {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    private static final int SKUS = 50;

    private VisibilityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < SKUS; i++) {
            FulfillmentBenchmark.register(http, "http://localhost:8082", "VIS-" + run + "-" + i, 10_000_000);
        }
        run(http, run, rate, warmupSeconds, new ConcurrentHistogram(3), new AtomicLong());
        Histogram visible = new ConcurrentHistogram(3);
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        long sent = run(http, run, rate, seconds, visible, failed);
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                """
                rate=%d orders/s (open loop) duration=%.1fs warm-up=%ds
                placed=%d (%.0f orders/s); not accepted or not visible within 10 s: %d
                202 -> visible in GET /orders/{id}?minVersion ms: n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f
                %n""",
                rate,
                elapsed,
                warmupSeconds,
                sent,
                sent / elapsed,
                failed.get(),
                visible.getTotalCount(),
                visible.getValueAtPercentile(50) / 1e3,
                visible.getValueAtPercentile(90) / 1e3,
                visible.getValueAtPercentile(99) / 1e3,
                visible.getMaxValue() / 1e3);
    }

    private static long run(HttpClient http, String run, int rate, int seconds, Histogram visible, AtomicLong failed)
            throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(128);
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String sku = "VIS-" + run + "-" + (i % SKUS);
            clients.execute(() -> placeAndRead(http, sku, visible, failed));
        }
        clients.shutdown();
        clients.awaitTermination(120, TimeUnit.SECONDS);
        return total;
    }

    private static void placeAndRead(HttpClient http, String sku, Histogram visible, AtomicLong failed) {
        String body = "{\"customerId\": \"bench\", \"currency\": \"EUR\", \"lines\": [{\"sku\": \"" + sku
                + "\", \"quantity\": 1, \"unitPrice\": \"1.00\"}]}";
        try {
            HttpResponse<String> placed = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:8081/orders"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long accepted = System.nanoTime();
            Matcher id = ORDER_ID.matcher(placed.body());
            Matcher version = VERSION.matcher(placed.body());
            if (placed.statusCode() != 202 || !id.find() || !version.find()) {
                failed.incrementAndGet();
                return;
            }
            HttpResponse<String> read = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:8084/orders/" + id.group(1) + "?minVersion="
                                    + version.group(1) + "&waitMs=10000"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (read.statusCode() != 200) {
                failed.incrementAndGet();
                return;
            }
            visible.recordValue(Math.max(1, (System.nanoTime() - accepted) / 1_000));
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
