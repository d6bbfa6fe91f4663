package io.orderplatform.dev.chaos;

import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.StockReleased;
import io.orderplatform.schemas.inventory.StockReserved;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Checks a chaos run from the event topics alone, with a consumer of its own (read committed, from the
 * beginning), as any downstream service would see them: every acknowledged order placed once and ended
 * once, with the outcome its stock called for, and every SKU's stock consistent.
 *
 * <p>An order can be placed without the client ever hearing of it: a plain POST cut off by a kill is
 * not retried, yet its command may have been stored. Such an order is the run's too (it asks for the
 * run's SKUs), so it must end once as well, and if it was confirmed its units are held like any other.
 *
 * <p>The relay may publish an event again after a crash (it commits its position after the Kafka
 * transaction), so, like every consumer, the audit applies an event once per (subject, sequence) and
 * counts the republications apart. Two different events (ids) at one sequence would be a broken store:
 * a violation.
 */
final class TopicAudit {

    /** What the audit found; the run failed if {@link #violations()} is not empty. */
    record Report(
            int acknowledged,
            int placedUnacknowledged,
            int confirmed,
            int rejected,
            int expectedRejections,
            int republished,
            Map<String, Integer> unexpectedRejectionReasons,
            List<String> violations) {}

    private final Map<String, Integer> placed = new HashMap<>();
    /** Every order of the run seen placed on the topic, acknowledged or not, with its units by SKU. */
    private final Map<String, Map<String, Integer>> placedLines = new HashMap<>();

    private final Map<String, List<String>> endings = new HashMap<>();
    private final Map<String, String> rejectionReasons = new HashMap<>();
    /** When each order of the run was placed and when it ended (record timestamps), to place a wrong outcome among the faults. */
    private final Map<String, Long> placedAt = new HashMap<>();

    private final Map<String, Long> endedAt = new HashMap<>();
    private final Map<String, InventoryEvent> lastStock = new HashMap<>();
    private final Map<String, Integer> reservations = new HashMap<>();
    private final Map<String, Integer> releases = new HashMap<>();
    /** Event id by topic, subject and sequence: what has been applied. */
    private final Map<String, String> applied = new HashMap<>();

    private final List<String> brokenStore = new ArrayList<>();
    private int republished;

    static Report check(Map<String, OrderClients.Acknowledged> acknowledged, Catalog catalog, Duration wait) {
        TopicAudit audit = new TopicAudit();
        audit.readUntilEnded(acknowledged.keySet(), Set.copyOf(catalog.all()), wait);
        return audit.report(acknowledged, catalog);
    }

    private void readUntilEnded(Set<String> orders, Set<String> skus, Duration wait) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.ORDERS_EVENTS.name(), Topics.INVENTORY_EVENTS.name()));
            long deadline = System.nanoTime() + wait.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    quietSince = System.nanoTime();
                    if (!firstTime(record)) {
                        continue;
                    }
                    if (record.topic().equals(Topics.ORDERS_EVENTS.name())) {
                        onOrderEvent(record, skus);
                    } else if (skus.contains(record.key())) {
                        onStockEvent(record);
                    }
                }
                boolean allEnded =
                        endings.keySet().containsAll(orders) && endings.keySet().containsAll(placedLines.keySet());
                if (allEnded && System.nanoTime() - quietSince > 5_000_000_000L) {
                    return;
                }
            }
        }
    }

    /** Whether the record is the first publication of its event; counts the others. */
    private boolean firstTime(ConsumerRecord<String, byte[]> record) {
        Envelope envelope = Envelope.readFrom(record.headers());
        String position = record.topic() + "/" + envelope.subject() + "/" + envelope.sequence();
        String earlier = applied.putIfAbsent(position, envelope.id());
        if (earlier == null) {
            return true;
        }
        if (earlier.equals(envelope.id())) {
            republished++;
        } else {
            brokenStore.add(position + " carries two events: " + earlier + " and " + envelope.id());
        }
        return false;
    }

    private void onOrderEvent(ConsumerRecord<String, byte[]> record, Set<String> skus) {
        OrderEvent event = Topics.ORDERS_EVENTS
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.headers(), record.value());
        if (event instanceof OrderPlaced placedEvent
                && placedEvent.lines().stream().anyMatch(line -> skus.contains(line.sku()))) {
            Map<String, Integer> units = new HashMap<>();
            placedEvent.lines().forEach(line -> units.merge(line.sku(), line.quantity(), Integer::sum));
            placedLines.put(placedEvent.orderId(), units);
        }
        if (!placedLines.containsKey(event.orderId())) {
            return;
        }
        switch (event) {
            case OrderPlaced placedEvent -> {
                placed.merge(placedEvent.orderId(), 1, Integer::sum);
                placedAt.put(placedEvent.orderId(), record.timestamp());
            }
            case OrderConfirmed confirmed ->
                endings.computeIfAbsent(confirmed.orderId(), id -> new ArrayList<>())
                        .add("confirmed");
            case OrderRejected rejectedEvent -> {
                endings.computeIfAbsent(rejectedEvent.orderId(), id -> new ArrayList<>())
                        .add("rejected");
                rejectionReasons.put(rejectedEvent.orderId(), rejectedEvent.reason());
                endedAt.put(rejectedEvent.orderId(), record.timestamp());
            }
            default -> {}
        }
    }

    private void onStockEvent(ConsumerRecord<String, byte[]> record) {
        InventoryEvent event = Topics.INVENTORY_EVENTS
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.headers(), record.value());
        lastStock.put(event.sku(), event);
        switch (event) {
            case StockReserved reserved ->
                reservations.merge(reserved.orderId() + "/" + reserved.sku(), 1, Integer::sum);
            case StockReleased released -> releases.merge(released.orderId() + "/" + released.sku(), 1, Integer::sum);
            default -> {}
        }
    }

    private Report report(Map<String, OrderClients.Acknowledged> acknowledged, Catalog catalog) {
        List<String> violations = new ArrayList<>(brokenStore);
        Map<String, Integer> unexpectedReasons = new TreeMap<>();
        Map<String, Integer> held = new HashMap<>();
        int confirmed = 0;
        int rejected = 0;
        int expectedRejections = 0;
        for (OrderClients.Acknowledged order : acknowledged.values()) {
            String id = order.orderId();
            int timesPlaced = placed.getOrDefault(id, 0);
            List<String> ended = endings.getOrDefault(id, List.of());
            if (timesPlaced != 1) {
                violations.add("order " + id + " placed " + timesPlaced + " times");
            }
            if (timesPlaced > 0 && !order.lines().equals(placedLines.get(id))) {
                violations.add("order " + id + " was placed with " + placedLines.get(id) + ", not the " + order.lines()
                        + " asked for");
            }
            if (ended.size() != 1) {
                violations.add("order " + id + " ended " + ended.size() + " times " + ended);
                continue;
            }
            boolean wasRejected = ended.getFirst().equals("rejected");
            if (order.expectRejection()) {
                expectedRejections++;
            }
            if (wasRejected) {
                rejected++;
                if (!order.expectRejection()) {
                    unexpectedReasons.merge(rejectionReasons.getOrDefault(id, "?"), 1, Integer::sum);
                    violations.add(String.format(
                            Locale.ROOT,
                            "order %s had stock but was rejected: %s (placed %tT, rejected %tT)",
                            id,
                            rejectionReasons.get(id),
                            placedAt.get(id),
                            endedAt.get(id)));
                }
            } else {
                confirmed++;
                if (order.expectRejection()) {
                    violations.add("order " + id + " asked for a sold-out SKU but was confirmed");
                }
            }
        }
        int unacknowledged = 0;
        for (Map.Entry<String, Map<String, Integer>> order : placedLines.entrySet()) {
            List<String> ended = endings.getOrDefault(order.getKey(), List.of());
            if (!acknowledged.containsKey(order.getKey())) {
                unacknowledged++;
                if (placed.getOrDefault(order.getKey(), 0) != 1 || ended.size() != 1) {
                    violations.add("order " + order.getKey() + " (placed, never acknowledged) placed "
                            + placed.getOrDefault(order.getKey(), 0) + " times, ended " + ended);
                }
            }
            if (ended.equals(List.of("confirmed"))) {
                order.getValue().forEach((sku, quantity) -> held.merge(sku, quantity, Integer::sum));
            }
        }
        reservations.forEach((line, times) -> {
            if (times > 1) {
                violations.add("reservation " + line + " applied " + times + " times");
            }
        });
        releases.forEach((line, times) -> {
            if (times > 1) {
                violations.add("release " + line + " applied " + times + " times");
            }
        });
        for (String sku : catalog.all()) {
            InventoryEvent last = lastStock.get(sku);
            int initial = catalog.initialStockOf(sku);
            int expectedReserved = held.getOrDefault(sku, 0);
            if (last == null) {
                violations.add("SKU " + sku + ": no stock events");
            } else if (last.available() < 0
                    || last.reserved() < 0
                    || last.available() + last.reserved() != initial
                    || last.reserved() != expectedReserved) {
                violations.add("SKU " + sku + ": available " + last.available() + ", reserved " + last.reserved()
                        + "; expected " + initial + " in all and " + expectedReserved
                        + " reserved for confirmed orders");
            }
        }
        return new Report(
                acknowledged.size(),
                unacknowledged,
                confirmed,
                rejected,
                expectedRejections,
                republished,
                unexpectedReasons,
                violations);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        ClusterControl.BOOTSTRAP,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "chaos-audit-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2_000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
