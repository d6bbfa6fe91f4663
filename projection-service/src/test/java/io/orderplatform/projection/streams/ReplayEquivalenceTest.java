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
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the delivery does to a history (events of an order sent again, as after a relay crash or a
 * republish; an event delayed behind later ones of its order, as a lost and re-sent record would be),
 * the views end up exactly as a clean, in-order delivery builds them: the property a rebuild relies on.
 */
class ReplayEquivalenceTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private record Sent(OrderEvent event, long sequence) {}

    @Property(tries = 60)
    void repeats_and_delays_leave_the_same_views_as_a_clean_delivery(
            @ForAll @IntRange(min = 1, max = 12) int orders, @ForAll long seed) {
        Random random = new Random(seed);
        List<Sent> clean = history(orders, random);
        List<Sent> messy = disturb(clean, random);

        try (ProjectionDriver cleanRun = new ProjectionDriver();
                ProjectionDriver messyRun = new ProjectionDriver()) {
            clean.forEach(sent -> cleanRun.orderEvent(sent.event(), sent.sequence()));
            messy.forEach(sent -> messyRun.orderEvent(sent.event(), sent.sequence()));
            for (String store :
                    List.of(ProjectionTopology.ORDERS, ProjectionTopology.ORDER_HISTORY, ProjectionTopology.SALES)) {
                assertThat(messyRun.<Object>all(store)).as(store).isEqualTo(cleanRun.all(store));
            }
            assertThat(messyRun.orderEventsDeadLettered()).isEmpty();
        }
    }

    /** Each order placed, then confirmed or rejected, sometimes cancelled; orders interleaved. */
    private static List<Sent> history(int orders, Random random) {
        List<List<Sent>> perOrder = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = "o-" + i;
            Instant at = T0.plusSeconds(random.nextInt(4 * 3600));
            List<OrderLine> lines =
                    List.of(new OrderLine("SKU-" + random.nextInt(3), 1 + random.nextInt(3), new BigDecimal("2.50")));
            List<Sent> events = new ArrayList<>();
            events.add(new Sent(
                    new OrderPlaced(
                            orderId, "c-1", "EUR", lines, lines.getFirst().lineTotal(), at),
                    1));
            if (random.nextInt(4) == 0) {
                events.add(new Sent(new OrderRejected(orderId, "short", at.plusSeconds(1)), 2));
            } else {
                events.add(new Sent(new OrderConfirmed(orderId, at.plusSeconds(1)), 2));
            }
            if (random.nextInt(3) == 0) {
                events.add(new Sent(new OrderCancelled(orderId, null, at.plusSeconds(7200)), 3));
            }
            perOrder.add(events);
        }
        List<Sent> interleaved = new ArrayList<>();
        while (!perOrder.isEmpty()) {
            List<Sent> next = perOrder.get(random.nextInt(perOrder.size()));
            interleaved.add(next.removeFirst());
            if (next.isEmpty()) {
                perOrder.remove(next);
            }
        }
        return interleaved;
    }

    /** Repeats some events later on, and moves some events behind later events of their order. */
    private static List<Sent> disturb(List<Sent> clean, Random random) {
        List<Sent> messy = new ArrayList<>(clean);
        for (int i = 0; i < clean.size() / 2 + 1; i++) {
            int from = random.nextInt(messy.size());
            messy.add(from + random.nextInt(messy.size() - from + 1), messy.get(from));
        }
        for (int i = 0; i < clean.size() / 3 + 1; i++) {
            int from = random.nextInt(messy.size());
            Sent delayed = messy.remove(from);
            messy.add(from + random.nextInt(messy.size() - from + 1), delayed);
        }
        return messy;
    }
}
