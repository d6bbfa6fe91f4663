package io.orderplatform.projection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.schemas.inventory.ProductRegistered;
import io.orderplatform.schemas.inventory.StockAdded;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the projection service on a real broker: every view answered by both, pages that do
 * not depend on the instance, rebuilds side by side and in place that give back the same views, and
 * reads that go on when one instance stops. Each test waits for what it starts from (both instances
 * serving, every view visible), so none depends on another having run before it.
 */
class ProjectionServiceIT {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final int ORDERS = 40;
    private static final int PRODUCTS = 5;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static ProjectionCluster cluster;
    private static EventWriter events;
    /** The version each order's view must reach. */
    private static final Map<String, Long> versions = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProjectionCluster();
        // The instances create the platform's topics.
        cluster.start("a");
        cluster.start("b");
        events = new EventWriter(cluster.bootstrapServers());
        writeHistory();
    }

    @AfterAll
    static void stop() {
        events.close();
        cluster.close();
    }

    /** Products, then orders confirmed, rejected or cancelled after confirmation, with some events sent twice. */
    private static void writeHistory() {
        events.begin();
        for (int p = 0; p < PRODUCTS; p++) {
            String sku = "SKU-" + p;
            events.stock(new ProductRegistered(sku, "Product " + p, 100, 100, 0, T0), 1, T0);
            events.stock(new StockAdded(sku, 10, 110, 0, T0.plusSeconds(1)), 2, T0.plusSeconds(1));
        }
        events.commit();
        placeOrders("o-", ORDERS);
        // A republished stretch of history: every event of the first orders again.
        placeOrders("o-", 5);
    }

    private static void placeOrders(String prefix, int count) {
        placeOrders(prefix, count, T0);
    }

    private static void placeOrders(String prefix, int count, Instant start) {
        for (int i = 0; i < count; i++) {
            String orderId = prefix + String.format("%04d", i);
            Instant at = start.plusSeconds(60L * i);
            OrderLine line = new OrderLine("SKU-" + (i % PRODUCTS), 1 + i % 3, new BigDecimal("10.00"));
            events.begin()
                    .order(new OrderPlaced(orderId, "c-" + (i % 3), "EUR", List.of(line), line.lineTotal(), at), 1, at);
            long version = 2;
            if (i % 4 == 3) {
                events.order(new OrderRejected(orderId, "SKU short", at.plusSeconds(1)), 2, at.plusSeconds(1));
            } else {
                events.order(new OrderConfirmed(orderId, at.plusSeconds(1)), 2, at.plusSeconds(1));
                if (i % 10 == 0) {
                    events.order(
                            new OrderCancelled(orderId, "changed my mind", at.plusSeconds(2)), 3, at.plusSeconds(2));
                    version = 3;
                }
            }
            events.commit();
            synchronized (versions) {
                versions.put(orderId, version);
            }
        }
    }

    @Test
    void both_instances_answer_every_view_and_cut_the_same_pages() throws Exception {
        awaitIdle();
        awaitAllVisible();
        for (String orderId : versions.keySet()) {
            HttpResponse<String> a = cluster.get("a", "/orders/" + orderId);
            HttpResponse<String> b = cluster.get("b", "/orders/" + orderId);
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(b.body()).isEqualTo(a.body());
            assertThat(a.headers().firstValue("ETag")).contains("\"" + versions.get(orderId) + "\"");
        }
        JsonNode cancelled = ProjectionCluster.json(cluster.get("b", "/orders/o-0010"));
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("reason").asText()).isEqualTo("changed my mind");
        assertThat(cluster.get("a", "/orders/o-9999").statusCode()).isEqualTo(404);

        List<String> pagesA = pages("a", "/orders?limit=7");
        assertThat(pagesA).isEqualTo(pages("b", "/orders?limit=7"));
        assertThat(ids(pagesA)).containsExactlyElementsOf(versions.keySet());

        List<String> confirmedOfC1 = ids(pages("b", "/orders?customerId=c-1&status=CONFIRMED&limit=3"));
        assertThat(confirmedOfC1).isNotEmpty().allSatisfy(id -> {
            int i = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
            assertThat(i % 3).isEqualTo(1);
            assertThat(i % 4).isNotEqualTo(3);
            assertThat(i % 10).isNotEqualTo(0);
        });

        JsonNode history = ProjectionCluster.json(cluster.get("a", "/orders/o-0010/history"));
        assertThat(history.get("entries"))
                .extracting(e -> e.get("version").asLong())
                .containsExactly(1L, 2L, 3L);

        JsonNode stock = ProjectionCluster.json(cluster.get("b", "/inventory/SKU-3"));
        assertThat(stock.get("available").asInt()).isEqualTo(110);
        assertThat(stock.get("name").asText()).isEqualTo("Product 3");
        assertThat(ids(pages("a", "/inventory?limit=2"), "sku")).hasSize(PRODUCTS);

        JsonNode sales =
                ProjectionCluster.json(cluster.get("a", "/sales?from=2026-11-27T10:00:00Z&to=2026-11-27T11:00:00Z"));
        long units = 0;
        for (JsonNode bucket : sales.get("sales")) {
            units += bucket.get("units").asLong();
        }
        assertThat(units).isEqualTo(expectedUnitsSoldInFirstHour());

        assertThat(cluster.get("a", "/orders?limit=0").statusCode()).isEqualTo(400);
        assertThat(cluster.get("a", "/orders?status=LOST").statusCode()).isEqualTo(400);
        assertThat(cluster.get("a", "/orders?pageToken=%25%25").statusCode()).isEqualTo(400);
        assertThat(cluster.get("a", "/sales?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(cluster.get("a", "/sales?to=%25").statusCode()).isEqualTo(400);
        assertThat(HostileQueries.send(
                                cluster.port("a"), "GET /sales?to=% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .status())
                .as("a broken escape in the query string")
                .isEqualTo(400);
    }

    @Test
    void hostile_queries_get_no_5xx_and_every_refusal_is_a_problem() throws Exception {
        awaitIdle();
        awaitAllVisible();
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> tryLater = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String request = HostileQueries.request(random, cluster.port("a"));
            if (request.startsWith("POST /admin/projections/rebuild?mode=in-place ")
                    || request.startsWith("POST /admin/projections/rebuild?mode=side-by-side ")) {
                continue;
            }
            HostileQueries.Answer answer = HostileQueries.send(cluster.port("a"), request);
            statuses.merge(answer.status(), 1, Integer::sum);
            // A well-formed query may meet partitions moving between the two instances (they have just
            // started) or a version not yet reached: 503 with Retry-After then, never another 5xx.
            boolean tryAgainLater = answer.status() == 503 && answer.retryAfter();
            if (tryAgainLater) {
                tryLater.add(answer.request());
            } else {
                assertThat(answer.status())
                        .as("seed %d: %s", seed, answer.request())
                        .isLessThan(500);
            }
            if (answer.status() >= 400 && !answer.request().startsWith("HEAD")) {
                assertThat(answer.contentType())
                        .as("seed %d: %s", seed, answer.request())
                        .startsWith("application/problem+json");
            }
        }
        System.out.println("hostile queries, statuses: " + statuses + "; 503 for " + tryLater);
        assertThat(tryLater).as("queries answered 503 + Retry-After").hasSizeLessThan(40);
    }

    @Test
    void a_version_not_yet_reached_is_waited_for_then_answered_503() {
        awaitIdle();
        HttpResponse<String> behind = cluster.get("b", "/orders/o-0001?minVersion=9&waitMs=300");
        assertThat(behind.statusCode()).isEqualTo(503);
        assertThat(behind.headers().firstValue("Retry-After")).isPresent();

        Thread later = Thread.ofVirtual().start(() -> {
            sleep(500);
            placeOrders("late-", 1);
        });
        HttpResponse<String> waited = cluster.get("a", "/orders/late-0000?minVersion=2&waitMs=10000");
        assertThat(waited.statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(
                        waited.headers().firstValue("ETag").orElseThrow().replace("\"", "")))
                .isGreaterThanOrEqualTo(2);
        join(later);
    }

    @Test
    void a_side_by_side_rebuild_under_write_load_switches_without_errors_or_going_backwards() throws Exception {
        int serving = awaitIdle();
        awaitAllVisible();
        Map<String, String> before = snapshot("a");
        Reader reader = new Reader();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().start(() -> {
            int batch = 0;
            while (writing.get()) {
                // Sold on another day than the history compared before and after.
                placeOrders("w" + batch++ + "-", 5, Instant.parse("2026-12-01T10:00:00Z"));
                sleep(100);
            }
        });

        try {
            HttpResponse<String> started = cluster.post("b", "/admin/projections/rebuild?mode=side-by-side");
            assertThat(started.statusCode()).isEqualTo(202);
            assertThat(cluster.post("a", "/admin/projections/rebuild?mode=in-place")
                            .statusCode())
                    .as("one rebuild at a time")
                    .isEqualTo(409);
            awaitPhase("a", serving + 1);
            awaitPhase("b", serving + 1);
        } finally {
            writing.set(false);
            writer.join();
            reader.stop();
        }

        assertThat(reader.failures)
                .as("answers other than 200 during the switch")
                .isEmpty();
        assertThat(reader.backwards).as("views seen going backwards").isEmpty();
        assertThat(reader.reads.get()).isGreaterThan(50);
        awaitAllVisible();
        Map<String, String> after = snapshot("b");
        assertThat(after.keySet()).containsAll(before.keySet());
        before.forEach((view, json) -> assertThat(after.get(view)).as(view).isEqualTo(json));
        awaitTopicsGone("projection-service-v" + serving + "-");
    }

    @Test
    void a_rebuild_in_place_answers_503_meanwhile_and_gives_back_the_same_views() {
        awaitIdle();
        awaitAllVisible();
        Map<String, String> before = snapshot("a");
        assertThat(cluster.post("a", "/admin/projections/rebuild?mode=in-place").statusCode())
                .isEqualTo(202);
        boolean saw503 = false;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> read = cluster.get("b", "/orders/o-0001");
            if (read.statusCode() == 503) {
                assertThat(read.headers().firstValue("Retry-After")).isPresent();
                saw503 = true;
            } else if (read.statusCode() == 200 && saw503 && phase("a").equals("SERVING")) {
                break;
            } else {
                assertThat(read.statusCode()).isIn(200, 503);
            }
            sleep(50);
        }
        assertThat(saw503).as("reads answered 503 during the rebuild").isTrue();
        awaitAllVisible();
        assertThat(snapshot("b")).isEqualTo(before);
    }

    @Test
    void reads_go_on_when_one_of_two_instances_stops() {
        awaitIdle();
        awaitAllVisible();
        Map<String, String> before = snapshot("a");
        cluster.stop("b");
        try {
            int stale = 0;
            for (String orderId : versions.keySet()) {
                HttpResponse<String> read = cluster.get("a", "/orders/" + orderId);
                assertThat(read.statusCode()).as(orderId).isEqualTo(200);
                assertThat(read.body()).isEqualTo(before.get("/orders/" + orderId));
                if (read.headers().firstValue("View-Lag").isPresent()) {
                    stale++;
                }
            }
            assertThat(pages("a", "/orders?limit=50")).isNotEmpty();
            assertThat(ids(pages("a", "/orders?limit=50"))).containsExactlyElementsOf(versions.keySet());
            // b keeps its partitions until its session times out (static membership): its orders are read
            // from a's standby copies meanwhile.
            assertThat(stale).as("reads answered from a standby copy").isPositive();
        } finally {
            cluster.start("b");
        }
    }

    // --- helpers

    private static long expectedUnitsSoldInFirstHour() {
        long units = 0;
        for (int i = 0; i < ORDERS && i < 60; i++) {
            if (i % 4 != 3 && i % 10 != 0) {
                units += 1 + i % 3;
            }
        }
        return units;
    }

    /** Every view a user can read, by path. */
    private static Map<String, String> snapshot(String instance) {
        Map<String, String> views = new TreeMap<>();
        Set<String> ids;
        synchronized (versions) {
            ids = Set.copyOf(versions.keySet());
        }
        for (String orderId : ids) {
            views.put(
                    "/orders/" + orderId,
                    cluster.get(instance, "/orders/" + orderId).body());
            views.put(
                    "/orders/" + orderId + "/history",
                    cluster.get(instance, "/orders/" + orderId + "/history").body());
        }
        views.put("/inventory", String.join("\n", pages(instance, "/inventory?limit=2")));
        views.put(
                "/sales",
                cluster.get(instance, "/sales?from=2026-11-27T00:00:00Z&to=2026-11-29T00:00:00Z")
                        .body());
        return views;
    }

    private static void awaitAllVisible() {
        Map<String, Long> wanted;
        synchronized (versions) {
            wanted = Map.copyOf(versions);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Map.Entry<String, Long> order : wanted.entrySet()) {
            while (true) {
                HttpResponse<String> read = cluster.get(
                        "a", "/orders/" + order.getKey() + "?minVersion=" + order.getValue() + "&waitMs=5000");
                if (read.statusCode() == 200) {
                    break;
                }
                assertThat(System.nanoTime())
                        .as("view of " + order.getKey() + ": " + read.body())
                        .isLessThan(deadline);
                sleep(200);
            }
        }
    }

    private static List<String> pages(String instance, String firstPage) {
        List<String> pages = new ArrayList<>();
        String path = firstPage;
        for (int guard = 0; guard < 1000; guard++) {
            HttpResponse<String> page = cluster.get(instance, path);
            assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
            JsonNode body = ProjectionCluster.json(page);
            pages.add(body.get("items").toString());
            JsonNode next = body.get("nextPageToken");
            if (next == null || next.isNull()) {
                return pages;
            }
            path = firstPage + "&pageToken=" + next.asText();
        }
        throw new AssertionError("no last page");
    }

    private static List<String> ids(List<String> pages) {
        return ids(pages, "orderId");
    }

    private static List<String> ids(List<String> pages, String field) {
        List<String> ids = new ArrayList<>();
        for (String page : pages) {
            try {
                for (JsonNode item :
                        io.orderplatform.schemas.json.ContractJson.mapper().readTree(page)) {
                    ids.add(item.get(field).asText());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return ids;
    }

    private static String phase(String instance) {
        return ProjectionCluster.json(cluster.get(instance, "/admin/projections"))
                .get("phase")
                .asText();
    }

    /** Waits until no rebuild is under way on either instance; the version serving then. */
    private static int awaitIdle() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode a = ProjectionCluster.json(cluster.get("a", "/admin/projections"));
            JsonNode b = ProjectionCluster.json(cluster.get("b", "/admin/projections"));
            if (a.get("phase").asText().equals("SERVING")
                    && b.get("phase").asText().equals("SERVING")
                    && a.get("serving").asInt() == b.get("serving").asInt()) {
                return a.get("serving").asInt();
            }
            assertThat(System.nanoTime()).as("still " + a + " / " + b).isLessThan(deadline);
            sleep(200);
        }
    }

    private static void awaitPhase(String instance, int servingVersion) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode status = ProjectionCluster.json(cluster.get(instance, "/admin/projections"));
            if (status.get("phase").asText().equals("SERVING")
                    && status.get("serving").asInt() == servingVersion) {
                return;
            }
            assertThat(System.nanoTime()).as("still " + status).isLessThan(deadline);
            sleep(200);
        }
    }

    private static void awaitTopicsGone(String prefix) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                List<String> left = admin.listTopics().names().get().stream()
                        .filter(topic -> topic.startsWith(prefix))
                        .toList();
                if (left.isEmpty()) {
                    return;
                }
                assertThat(System.nanoTime()).as("topics left: " + left).isLessThan(deadline);
                sleep(200);
            }
        }
    }

    /** Keeps reading random orders from both instances, noting any failure and any view going backwards. */
    private static final class Reader {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> backwards = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = Thread.ofPlatform().start(this::run);

        private void run() {
            List<String> ids = List.copyOf(versions.keySet());
            while (running.get()) {
                String orderId = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                String instance = ThreadLocalRandom.current().nextBoolean() ? "a" : "b";
                HttpResponse<String> read = cluster.get(instance, "/orders/" + orderId);
                reads.incrementAndGet();
                if (read.statusCode() != 200) {
                    failures.add(instance + " " + orderId + " " + read.statusCode() + " " + read.body());
                    continue;
                }
                long version = Long.parseLong(
                        read.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
                Long before = seen.put(orderId, version);
                if (before != null && version < before) {
                    backwards.add(orderId + " " + before + " -> " + version + " on " + instance);
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
