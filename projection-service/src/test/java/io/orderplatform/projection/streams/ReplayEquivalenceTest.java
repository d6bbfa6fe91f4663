package io.orderplatform.projection.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.schemas.orders.OrderCancelled;
import io.orderplatform.schemas.orders.OrderConfirmed;
import io.orderplatform.schemas.orders.OrderEvent;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.OrderPlaced;
import io.orderplatform.schemas.orders.OrderRejected;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the delivery does to a history (events of an order sent again, as after a relay crash or a
 * republish; an event delayed behind later ones of its order, as a lost and re-sent record would be),
 * the views end up exactly as a clean, in-order delivery builds them: the property a rebuild relies on.
 *
 * <p>jqwik generates the orders, how their events interleave and what the delivery does to them, so
 * that a failing case shrinks to few orders and few faults. A fault names its event by order and
 * sequence, so that dropping an order or another fault while shrinking leaves it aimed at the same
 * event, and only ever moves the event or a copy of it later, never before it was first sent. Each
 * check runs two topologies, so shrinking is not cut off after jqwik's usual 10 seconds. Applying an
 * event across a gap (instead of holding it until the missing ones arrive) makes the property fail.
 */
class ReplayEquivalenceTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final int MAX_ORDERS = 12;
    /** An order has at most three events. */
    private static final int MAX_EVENTS = 3 * MAX_ORDERS;

    /** What one try in ten at least must include, or the property would hold without testing much: a gap. */
    private static final String AFTER_A_GAP = "an order's event arrived after a gap";

    /** Likewise: an event sent again, as after a relay crash or a republish. */
    private static final String AGAIN = "an event arrived again";

    private record Sent(OrderEvent event, long sequence) {}

    /** An order's life: placed some seconds after {@link #T0}, then confirmed or rejected, maybe cancelled. */
    record OrderPlan(int placedAfterSeconds, int sku, int quantity, boolean rejected, boolean cancelled) {}

    /**
     * Which order sends its next event, turn by turn: each pick is taken modulo the orders with events
     * left; once the picks run out, the first such order goes on.
     */
    record Interleaving(List<Integer> picks) {}

    /** What the delivery does to one event. */
    enum Fault {
        /** A copy of the event is sent again, {@code by} places after it. */
        REPEAT,
        /** The event itself is sent {@code by} places later. */
        DELAY
    }

    /**
     * One fault, applied to the sequence as the faults before it left it.
     *
     * @param order which order's event, modulo the number of orders
     * @param event which of its events (0 is the first), modulo the number it has
     * @param by how many places later the event (or its copy) arrives, capped at the end
     */
    record Disturbance(Fault fault, int order, int event, int by) {}

    @Property(tries = 60, shrinking = ShrinkingMode.FULL)
    void repeats_and_delays_leave_the_same_views_as_a_clean_delivery(
            @ForAll("orders") List<OrderPlan> orders,
            @ForAll("interleavings") Interleaving interleaving,
            @ForAll("disturbances") List<Disturbance> disturbances) {
        List<Sent> clean = interleave(orders, interleaving);
        List<Sent> messy = disturb(clean, orders.size(), disturbances);

        try (ProjectionDriver cleanRun = new ProjectionDriver();
                ProjectionDriver messyRun = new ProjectionDriver()) {
            clean.forEach(sent -> cleanRun.orderEvent(sent.event(), sent.sequence()));
            messy.forEach(sent -> messyRun.orderEvent(sent.event(), sent.sequence()));
            for (String store :
                    List.of(ProjectionTopology.ORDERS, ProjectionTopology.ORDER_HISTORY, ProjectionTopology.SALES)) {
                assertThat(messyRun.<Object>all(store)).as(store).isEqualTo(cleanRun.all(store));
            }
            assertThat(messyRun.orderEventsDeadLettered()).isEmpty();

            Statistics.label(AFTER_A_GAP).collect(messyRun.told.stream().anyMatch(told -> told.startsWith("gap ")));
            Statistics.label(AGAIN).collect(messyRun.told.stream().anyMatch(told -> told.startsWith("duplicate ")));
        }
        Statistics.label(AFTER_A_GAP).coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
        Statistics.label(AGAIN).coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
    }

    @Provide
    Arbitrary<List<OrderPlan>> orders() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4 * 3600 - 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)),
                        Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)))
                .as(OrderPlan::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(MAX_ORDERS);
    }

    @Provide
    Arbitrary<Interleaving> interleavings() {
        return Arbitraries.integers()
                .between(0, MAX_ORDERS - 1)
                .list()
                .ofMaxSize(MAX_EVENTS)
                .map(Interleaving::new);
    }

    @Provide
    Arbitrary<List<Disturbance>> disturbances() {
        return Combinators.combine(
                        Arbitraries.of(Fault.class),
                        Arbitraries.integers().between(0, MAX_ORDERS - 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, MAX_EVENTS))
                .as(Disturbance::new)
                .list()
                .ofMaxSize(MAX_EVENTS);
    }

    /** Each order's events in its own order, the orders interleaved as the picks say. */
    private static List<Sent> interleave(List<OrderPlan> orders, Interleaving interleaving) {
        List<List<Sent>> pending = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            pending.add(events("o-" + i, orders.get(i)));
        }
        List<Sent> sent = new ArrayList<>();
        int turn = 0;
        while (!pending.isEmpty()) {
            int pick = turn < interleaving.picks().size() ? interleaving.picks().get(turn) : 0;
            List<Sent> next = pending.get(pick % pending.size());
            sent.add(next.removeFirst());
            if (next.isEmpty()) {
                pending.remove(next);
            }
            turn++;
        }
        return sent;
    }

    private static List<Sent> events(String orderId, OrderPlan plan) {
        Instant at = T0.plusSeconds(plan.placedAfterSeconds());
        List<OrderLine> lines = List.of(new OrderLine("SKU-" + plan.sku(), plan.quantity(), new BigDecimal("2.50")));
        List<Sent> events = new ArrayList<>();
        events.add(new Sent(
                new OrderPlaced(orderId, "c-1", "EUR", lines, lines.getFirst().lineTotal(), at), 1));
        events.add(
                plan.rejected()
                        ? new Sent(new OrderRejected(orderId, "short", at.plusSeconds(1)), 2)
                        : new Sent(new OrderConfirmed(orderId, at.plusSeconds(1)), 2));
        if (plan.cancelled()) {
            events.add(new Sent(new OrderCancelled(orderId, null, at.plusSeconds(7200)), 3));
        }
        return events;
    }

    /** The clean sequence with each disturbance applied in turn: copies sent again later, events moved later. */
    private static List<Sent> disturb(List<Sent> clean, int orders, List<Disturbance> disturbances) {
        List<Sent> messy = new ArrayList<>(clean);
        for (Disturbance disturbance : disturbances) {
            String orderId = "o-" + disturbance.order() % orders;
            long eventsOfOrder = clean.stream()
                    .filter(sent -> sent.event().orderId().equals(orderId))
                    .count();
            long sequence = disturbance.event() % eventsOfOrder + 1;
            int from = firstPlaceOf(messy, orderId, sequence);
            switch (disturbance.fault()) {
                case REPEAT -> messy.add(Math.min(from + 1 + disturbance.by(), messy.size()), messy.get(from));
                case DELAY -> {
                    Sent delayed = messy.remove(from);
                    messy.add(Math.min(from + disturbance.by(), messy.size()), delayed);
                }
            }
        }
        return messy;
    }

    private static int firstPlaceOf(List<Sent> sequence, String orderId, long eventSequence) {
        for (int i = 0; i < sequence.size(); i++) {
            Sent sent = sequence.get(i);
            if (sent.event().orderId().equals(orderId) && sent.sequence() == eventSequence) {
                return i;
            }
        }
        throw new IllegalStateException(orderId + " has no event " + eventSequence);
    }
}
