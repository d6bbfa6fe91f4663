package io.orderplatform.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import io.orderplatform.schemas.orders.RejectOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The saga against simulated participants under random interleavings: replies early, late, twice or
 * after their timeout; commands lost; time jumping; customers cancelling at any moment; several orders
 * competing for the same stock. Messages keep Kafka's order per key (per order for events and replies,
 * per SKU for stock commands). Whatever happens, every saga ends COMPLETED or COMPENSATED, every order
 * ends CONFIRMED, REJECTED or CANCELLED, and what stays reserved is exactly the lines of confirmed orders.
 */
class SagaInterleavingTest {

    private static final List<String> SKUS = List.of("A", "B", "C");
    private static final SagaDefinition<OrderEvent> SAGA = FulfillmentSaga.definition(Duration.ofSeconds(5), 2);

    /** What to test: the orders, the stock, and the choices that drive the interleaving. */
    record Scenario(List<List<OrderLine>> orders, Map<String, Integer> stock, List<Integer> choices) {}

    @Property(tries = 400)
    void every_saga_ends_final_and_only_confirmed_orders_hold_stock(@ForAll("scenarios") Scenario scenario) {
        World world = new World(scenario);

        world.run(scenario.choices());
        world.drain();

        world.orders.forEach((orderId, order) -> {
            SagaState saga = world.sagas.get(orderId);
            assertThat(saga).as("saga of " + orderId).isNotNull();
            assertThat(saga.status()).as("saga of " + orderId).isIn(SagaStatus.COMPLETED, SagaStatus.COMPENSATED);
            assertThat(order.status).as("order " + orderId).isIn("CONFIRMED", "REJECTED", "CANCELLED");
            Statistics.label("order ends").collect(order.status);
        });
        for (String sku : SKUS) {
            Item item = world.items.get(sku);
            if (item == null) {
                continue;
            }
            int confirmed = world.orders.entrySet().stream()
                    .filter(order -> order.getValue().status.equals("CONFIRMED"))
                    .flatMap(order -> order.getValue().lines.stream())
                    .filter(line -> line.sku().equals(sku))
                    .mapToInt(OrderLine::quantity)
                    .sum();
            assertThat(item.reserved).as("reserved of " + sku).isEqualTo(confirmed);
            assertThat(item.available).as("available of " + sku).isGreaterThanOrEqualTo(0);
            assertThat(item.available + item.reserved)
                    .isEqualTo(scenario.stock().get(sku));
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<OrderLine> line = Combinators.combine(
                        Arbitraries.of("A", "B", "C", "UNKNOWN"),
                        Arbitraries.integers().between(1, 3))
                .as((sku, quantity) -> new OrderLine(sku, quantity, BigDecimal.ONE));
        Arbitrary<List<OrderLine>> order = line.list().ofMinSize(1).ofMaxSize(3).uniqueElements(OrderLine::sku);
        Arbitrary<Map<String, Integer>> stock = Arbitraries.integers()
                .between(0, 6)
                .list()
                .ofSize(3)
                .map(counts -> {
                    Map<String, Integer> bySku = new LinkedHashMap<>();
                    for (int i = 0; i < SKUS.size(); i++) {
                        bySku.put(SKUS.get(i), counts.get(i));
                    }
                    return bySku;
                });
        return Combinators.combine(
                        order.list().ofMinSize(1).ofMaxSize(3),
                        stock,
                        Arbitraries.integers().between(0, 999).list().ofMaxSize(60))
                .as(Scenario::new);
    }

    /** A product as inventory-command keeps it: per order, what was asked and answered. */
    static final class Item {
        int available;
        int reserved;
        final Map<String, Integer> held = new HashMap<>();
        final Map<String, String> answered = new HashMap<>();

        Item(int stock) {
            available = stock;
        }
    }

    /** An order as order-command keeps it. */
    static final class Order {
        String status = "PENDING";
        long sequence = 1;
        final List<OrderLine> lines;

        Order(List<OrderLine> lines) {
            this.lines = lines;
        }
    }

    /** A message in flight: an order event, a reply, or a command. */
    sealed interface Message {}

    record Event(OrderEvent event, long sequence) implements Message {}

    record Reply(CommandReply reply) implements Message {}

    record Command(SagaCommand<?> command) implements Message {}

    static final class World {
        final Map<String, Order> orders = new LinkedHashMap<>();
        final Map<String, Item> items = new HashMap<>();
        final Map<String, SagaState> sagas = new HashMap<>();
        final Map<String, Deque<Message>> queues = new LinkedHashMap<>();
        final AtomicInteger ids = new AtomicInteger();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        int drops;

        World(Scenario scenario) {
            scenario.stock().forEach((sku, count) -> items.put(sku, new Item(count)));
            for (int i = 0; i < scenario.orders().size(); i++) {
                String orderId = "order-" + i;
                List<OrderLine> lines = scenario.orders().get(i);
                orders.put(orderId, new Order(lines));
                enqueue(
                        "events:" + orderId,
                        new Event(new OrderPlaced(orderId, "c", "EUR", lines, BigDecimal.ONE, now), 1));
            }
        }

        void run(List<Integer> choices) {
            for (int choice : choices) {
                List<String> busy = queues.entrySet().stream()
                        .filter(queue -> !queue.getValue().isEmpty())
                        .map(Map.Entry::getKey)
                        .toList();
                switch (choice % 6) {
                    case 0, 1 -> {
                        if (!busy.isEmpty()) {
                            deliver(busy.get(choice / 6 % busy.size()));
                        }
                    }
                    case 2 -> {
                        List<String> replies = busy.stream()
                                .filter(key -> key.startsWith("replies:"))
                                .toList();
                        if (!replies.isEmpty()) {
                            String key = replies.get(choice / 6 % replies.size());
                            queues.get(key).addLast(queues.get(key).peekFirst());
                        }
                    }
                    case 3 -> {
                        List<String> commands = busy.stream()
                                .filter(key -> key.startsWith("to-"))
                                .toList();
                        if (!commands.isEmpty() && drops < 4) {
                            queues.get(commands.get(choice / 6 % commands.size()))
                                    .pollFirst();
                            drops++;
                        }
                    }
                    case 4 -> advance(Duration.ofSeconds(1 + choice / 6 % 12));
                    default -> cancel(new ArrayList<>(orders.keySet()).get(choice / 6 % orders.size()));
                }
            }
        }

        /** Lets everything in flight arrive, in order per key, and time pass, until all is quiet. */
        void drain() {
            for (int round = 0; round < 500; round++) {
                String next = queues.entrySet().stream()
                        .filter(queue -> !queue.getValue().isEmpty())
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
                if (next != null) {
                    deliver(next);
                } else if (sagas.values().stream()
                        .anyMatch(saga ->
                                !saga.status().isFinal() || !saga.waiting().isEmpty())) {
                    advance(Duration.ofSeconds(30));
                } else {
                    return;
                }
            }
        }

        void deliver(String key) {
            Message message = queues.get(key).pollFirst();
            switch (message) {
                case Event event -> {
                    String orderId = event.event().orderId();
                    apply(SAGA.apply(
                            sagas.get(orderId),
                            new SagaInput.Event<>(
                                    event.event(), event.sequence(), "e-" + ids.incrementAndGet(), null, null, now),
                            this::newId));
                }
                case Reply reply -> {
                    String orderId = reply.reply().orderId();
                    apply(SAGA.apply(
                            sagas.get(orderId),
                            new SagaInput.Reply<>(reply.reply(), "r-" + ids.incrementAndGet(), now),
                            this::newId));
                }
                case Command command ->
                    enqueueReply(command.command(), handle(command.command().payload()));
            }
        }

        void advance(Duration duration) {
            now = now.plus(duration);
            for (SagaState saga : List.copyOf(sagas.values())) {
                for (StepRun run : saga.waiting()) {
                    if (!run.deadline().isAfter(now)) {
                        apply(SAGA.apply(
                                sagas.get(saga.orderId()),
                                new SagaInput.Deadline<>(run.commandId(), now),
                                this::newId));
                    }
                }
            }
        }

        void cancel(String orderId) {
            Order order = orders.get(orderId);
            if (order.status.equals("PENDING") || order.status.equals("CONFIRMED")) {
                order.status = "CANCELLED";
                enqueue("events:" + orderId, new Event(new OrderCancelled(orderId, null, now), ++order.sequence));
            }
        }

        private void apply(SagaChange change) {
            if (change.ignored() != null) {
                return;
            }
            sagas.put(change.state().orderId(), change.state());
            for (SagaCommand<?> command : change.commands()) {
                enqueue("to-" + command.destination().topic().name() + ":" + command.key(), new Command(command));
            }
        }

        /** The participant's answer: null on success, else the refusal. */
        private String handle(Object command) {
            return switch (command) {
                case ReserveStock reserve -> reserve(reserve);
                case ReleaseStock release -> {
                    Item item = items.get(release.sku());
                    Integer held = item == null ? null : item.held.remove(release.orderId());
                    if (held != null) {
                        item.available += held;
                        item.reserved -= held;
                    }
                    yield null;
                }
                case ConfirmOrder confirm ->
                    decide(confirm.orderId(), "CONFIRMED", new OrderConfirmed(confirm.orderId(), now));
                case RejectOrder reject ->
                    decide(reject.orderId(), "REJECTED", new OrderRejected(reject.orderId(), reject.reason(), now));
                default -> throw new IllegalStateException(command.toString());
            };
        }

        private String reserve(ReserveStock reserve) {
            Item item = items.get(reserve.sku());
            if (item == null) {
                return "UNKNOWN_PRODUCT";
            }
            if (item.answered.containsKey(reserve.orderId())) {
                return item.answered.get(reserve.orderId()).isEmpty() ? null : item.answered.get(reserve.orderId());
            }
            if (reserve.quantity() > item.available) {
                item.answered.put(reserve.orderId(), "INSUFFICIENT_STOCK");
                return "INSUFFICIENT_STOCK";
            }
            item.available -= reserve.quantity();
            item.reserved += reserve.quantity();
            item.held.put(reserve.orderId(), reserve.quantity());
            item.answered.put(reserve.orderId(), "");
            return null;
        }

        private String decide(String orderId, String outcome, OrderEvent event) {
            Order order = orders.get(orderId);
            if (order.status.equals(outcome)) {
                return null;
            }
            if (!order.status.equals("PENDING")) {
                return "order is " + order.status;
            }
            order.status = outcome;
            enqueue("events:" + orderId, new Event(event, ++order.sequence));
            return null;
        }

        private void enqueueReply(SagaCommand<?> command, String refusal) {
            String orderId = switch (command.payload()) {
                case ReserveStock reserve -> reserve.orderId();
                case ReleaseStock release -> release.orderId();
                case ConfirmOrder confirm -> confirm.orderId();
                case RejectOrder reject -> reject.orderId();
                default -> throw new IllegalStateException();
            };
            CommandReply reply = refusal == null
                    ? CommandReply.succeeded(command.commandId(), "type", orderId, now)
                    : CommandReply.failed(command.commandId(), "type", orderId, refusal, now);
            enqueue("replies:" + orderId, new Reply(reply));
        }

        private void enqueue(String key, Message message) {
            queues.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(message);
        }

        private String newId() {
            return "cmd-" + ids.incrementAndGet();
        }
    }
}
