package io.orderplatform.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives {@code POST /orders} against a running order-command with N concurrent clients (closed
 * loop: each client sends its next order when the previous one is answered) and reports accepted
 * orders per second, latency percentiles and the relay's lag, sampled from {@code /actuator/prometheus}.
 *
 * <p>Before measuring, the same load runs for a warm-up period (20 s by default): a freshly started
 * service is still being compiled by the JIT, and measuring it then reports the compiler, not the
 * platform.
 *
 * <p>Usage: {@code java -jar dev-platform/target/dev-platform.jar bench [clients] [seconds] [baseUrl]
 * [warmupSeconds]}.
 */
public final class OrderLoadBenchmark {

    private static final String ORDER = """
            {"customerId": "bench-1", "currency": "EUR", "lines": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.99"}, {"sku": "SKU-2", "quantity": 1, "unitPrice": "5.00"}]}""";

    private OrderLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String base = args.length > 2 ? args[2] : "http://localhost:8081";
        int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        run(http, base, clients, warmupSeconds, new ConcurrentHistogram(3), new AtomicLong(), new AtomicLong());
        waitForLagZero(http, base, Duration.ofSeconds(30));

        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        LongAccumulator maxLag = new LongAccumulator(Math::max, 0);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxLag.accumulate(relayLag(http, base));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long started = System.nanoTime();
        run(http, base, clients, seconds, latency, accepted, failed);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long lagAtEnd = relayLag(http, base);
        long drainStarted = System.nanoTime();
        waitForLagZero(http, base, Duration.ofSeconds(60));
        double drained = (System.nanoTime() - drainStarted) / 1e9;
        sampler.interrupt();

        System.out.printf(
                """
                clients=%d warm-up=%ds duration=%.1fs
                accepted=%d failed=%d throughput=%.0f orders/s
                latency ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f
                relay lag (events): max during run=%d at end=%d, back to 0 after %.2fs
                %n""",
                clients,
                warmupSeconds,
                elapsed,
                accepted.get(),
                failed.get(),
                accepted.get() / elapsed,
                latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(90) / 1e3,
                latency.getValueAtPercentile(99) / 1e3,
                latency.getMaxValue() / 1e3,
                maxLag.get(),
                lagAtEnd,
                drained);
    }

    private static void run(
            HttpClient http,
            String base,
            int clients,
            int seconds,
            Histogram latency,
            AtomicLong accepted,
            AtomicLong failed)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER))
                .build();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        latency.recordValue((System.nanoTime() - start) / 1_000);
                        (response.statusCode() == 202 ? accepted : failed).incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void waitForLagZero(HttpClient http, String base, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (relayLag(http, base) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static long relayLag(HttpClient http, String base) {
        try {
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return metrics.lines()
                    .filter(line -> line.startsWith("platform_relay_lag_events"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
