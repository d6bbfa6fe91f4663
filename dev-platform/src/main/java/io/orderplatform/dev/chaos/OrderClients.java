package io.orderplatform.dev.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chaos run's clients, through the front door: orders placed at a fixed rate (open loop), most with
 * an {@code Idempotency-Key} and retried with it, as a real client retries, until a definite answer;
 * the rest plain POSTs, sent once; and reads of orders placed earlier, at a fixed rate. Every attempt
 * goes into the {@link Timeline}; every order that got a 2xx into {@link #acknowledged()}.
 */
final class OrderClients implements AutoCloseable {

    /** An order the platform acknowledged with a 2xx: what it asked for. */
    record Acknowledged(String orderId, Map<String, Integer> lines, boolean expectRejection, boolean keyed) {}

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);
    /** One order in this many goes without an Idempotency-Key. */
    private static final int PLAIN_EVERY = 5;
    /** One order in this many asks for a sold-out SKU, so that rejections are part of the load. */
    private static final int SOLD_OUT_EVERY = 10;

    private final String frontDoor;
    private final Catalog catalog;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    private final List<String> readable = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong plainFailed = new AtomicLong();
    private final AtomicLong readsNotFound = new AtomicLong();
    private Thread orderPacer;
    private Thread readPacer;

    OrderClients(String frontDoor, Catalog catalog, Timeline timeline) {
        this.frontDoor = frontDoor;
        this.catalog = catalog;
        this.timeline = timeline;
    }

    /** Starts placing {@code ordersPerSecond} orders and reading {@code readsPerSecond} of them. */
    void start(int ordersPerSecond, int readsPerSecond) {
        orderPacer = Thread.ofPlatform().name("chaos-orders").start(() -> pace(ordersPerSecond, this::placeOne));
        readPacer = Thread.ofPlatform().name("chaos-reads").start(() -> pace(readsPerSecond, this::readOne));
    }

    /** Stops sending new requests and waits for those under way (their retries included) to end. */
    void stop() throws InterruptedException {
        running.set(false);
        orderPacer.join();
        readPacer.join();
        requests.shutdown();
        requests.awaitTermination(GIVE_UP_AFTER.toSeconds() + 10, TimeUnit.SECONDS);
    }

    Map<String, Acknowledged> acknowledged() {
        return acknowledged;
    }

    long abandoned() {
        return abandoned.get();
    }

    long refused() {
        return refused.get();
    }

    long plainFailed() {
        return plainFailed.get();
    }

    long readsNotFound() {
        return readsNotFound.get();
    }

    private void pace(int perSecond, Runnable request) {
        long start = System.nanoTime();
        for (long i = 0; running.get(); i++) {
            long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (running.get()) {
                requests.execute(request);
            }
        }
    }

    private void placeOne() {
        long n = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
        boolean rejection = n % SOLD_OUT_EVERY == 0;
        boolean keyed = n % PLAIN_EVERY != 1;
        Map<String, Integer> lines = catalog.linesFor(n, rejection);
        String key = keyed ? UUID.randomUUID().toString() : null;
        long giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        long backoffMillis = 100;
        while (true) {
            Answer answer = send(post("/orders", Catalog.orderBody(lines), key));
            timeline.record(Timeline.Kind.COMMAND, System.nanoTime(), answer.success(), keyed);
            if (answer.success()) {
                Matcher id = ORDER_ID.matcher(answer.body());
                if (id.find()) {
                    acknowledged.put(id.group(1), new Acknowledged(id.group(1), lines, rejection, keyed));
                    synchronized (readable) {
                        readable.add(id.group(1));
                    }
                }
                return;
            }
            if (answer.definiteRefusal()) {
                refused.incrementAndGet();
                return;
            }
            if (!keyed) {
                plainFailed.incrementAndGet();
                return;
            }
            if (System.nanoTime() > giveUpAt) {
                abandoned.incrementAndGet();
                return;
            }
            sleep(answer.retryAfterMillis().orElse(backoffMillis));
            backoffMillis = Math.min(1_000, backoffMillis * 2);
        }
    }

    private void readOne() {
        String orderId;
        synchronized (readable) {
            // Orders acknowledged a moment ago may not be visible yet: read among the older ones.
            int older = readable.size() - 50;
            if (older <= 0) {
                return;
            }
            orderId = readable.get(ThreadLocalRandom.current().nextInt(older));
        }
        Answer answer = send(HttpRequest.newBuilder(URI.create(frontDoor + "/orders/" + orderId))
                .timeout(ATTEMPT_TIMEOUT)
                .GET()
                .build());
        if (answer.status() == 404) {
            readsNotFound.incrementAndGet();
        }
        timeline.record(Timeline.Kind.READ, System.nanoTime(), answer.success(), true);
    }

    private HttpRequest post(String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(frontDoor + path))
                .timeout(ATTEMPT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(0, "", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", null);
        }
    }

    /** Registers the catalog's products through the front door, retrying as the orders do. */
    void register(Catalog catalog) {
        for (String sku : catalog.all()) {
            int stock = catalog.initialStockOf(sku);
            String key = "register-" + sku;
            for (int attempt = 0; ; attempt++) {
                Answer answer = send(post("/products", Catalog.productBody(sku, stock), key));
                if (answer.status() == 201 || answer.status() == 409) {
                    break;
                }
                if (attempt > 100) {
                    throw new IllegalStateException(
                            "registering " + sku + ": " + answer.status() + " " + answer.body());
                }
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }

    /** One HTTP answer; status 0 when none came (connection refused, reset, timed out). */
    private record Answer(int status, String body, String retryAfter) {

        boolean success() {
            return status >= 200 && status < 300;
        }

        /** A 4xx other than 408/425/429: the request itself is refused, a retry would be too. */
        boolean definiteRefusal() {
            return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
        }

        Optional<Long> retryAfterMillis() {
            try {
                return retryAfter == null
                        ? Optional.empty()
                        : Optional.of(Math.min(2_000, Long.parseLong(retryAfter.trim()) * 1_000));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
