package io.orderplatform.saga.adapter.streams;

import static io.orderplatform.saga.adapter.streams.SagaDriver.line;
import static io.orderplatform.saga.adapter.streams.SagaDriver.order;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.saga.adapter.streams.SagaDriver.Sent;
import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.saga.domain.SagaStatus;
import io.orderplatform.saga.domain.StepRun;
import io.orderplatform.saga.domain.StepStatus;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.orders.ConfirmOrder;
import io.orderplatform.schemas.orders.RejectOrder;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every path of the fulfillment saga, driven through its topology with a mocked wall clock. */
class FulfillmentSagaTopologyTest {

    private static final String ORDER = "order-1";

    private final SagaDriver saga = new SagaDriver();

    @AfterEach
    void close() {
        saga.close();
    }

    @Test
    void an_order_placed_reserves_every_line_at_once_in_its_flow() {
        String placedId = saga.placed(order(ORDER, line("SKU-1", 2), line("SKU-2", 3)));

        List<Sent> reservations = saga.stockCommands();

        assertThat(reservations)
                .extracting(Sent::command)
                .containsExactly(new ReserveStock(ORDER, "SKU-1", 2), new ReserveStock(ORDER, "SKU-2", 3));
        assertThat(reservations).extracting(Sent::key).containsExactly("SKU-1", "SKU-2");
        assertThat(reservations).allSatisfy(sent -> {
            assertThat(sent.envelope().causationId()).isEqualTo(placedId);
            assertThat(sent.envelope().correlationId()).isEqualTo("flow-" + ORDER);
            assertThat(sent.envelope().source()).isEqualTo("saga-orchestrator");
        });
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(saga.orderCommands()).isEmpty();
    }

    @Test
    void when_every_line_is_reserved_the_order_is_confirmed_and_the_saga_completes_on_order_confirmed() {
        saga.placed(order(ORDER, line("SKU-1", 2), line("SKU-2", 3)));
        List<Sent> reservations = saga.stockCommands();

        saga.succeeded(reservations.get(0));
        assertThat(saga.orderCommands()).as("not before every line is held").isEmpty();
        saga.succeeded(reservations.get(1));

        Sent confirm = saga.orderCommands().getFirst();
        assertThat(confirm.command()).isEqualTo(new ConfirmOrder(ORDER));
        saga.succeeded(confirm);
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.RUNNING);
        saga.confirmed(ORDER, 2);
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.deadlines()).isZero();
        assertThat(saga.stockCommands()).isEmpty();
    }

    @Test
    void a_refused_line_releases_the_reserved_ones_then_rejects_the_order_naming_the_sku() {
        saga.placed(order(ORDER, line("SKU-1", 2), line("SKU-2", 3)));
        List<Sent> reservations = saga.stockCommands();

        saga.succeeded(reservations.get(0));
        saga.failed(reservations.get(1), "INSUFFICIENT_STOCK: SKU-2 has 1 available, 3 asked");

        List<Sent> releases = saga.stockCommands();
        assertThat(releases).extracting(Sent::command).containsExactly(new ReleaseStock(ORDER, "SKU-1"));
        assertThat(saga.orderCommands())
                .as("the order is rejected once the release is done")
                .isEmpty();
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPENSATING);

        saga.succeeded(releases.getFirst());
        Sent reject = saga.orderCommands().getFirst();
        assertThat(reject.command()).isInstanceOf(RejectOrder.class);
        assertThat(((RejectOrder) reject.command()).reason())
                .contains("SKU-2")
                .contains("INSUFFICIENT_STOCK")
                .doesNotContain("SKU-1");
        saga.succeeded(reject);
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.deadlines()).isZero();
    }

    @Test
    void an_unknown_sku_rejects_the_order_without_releasing_anything() {
        saga.placed(order(ORDER, line("NO-SUCH-SKU", 1)));

        saga.failed(saga.stockCommands().getFirst(), "UNKNOWN_PRODUCT: no product NO-SUCH-SKU is registered");

        assertThat(saga.stockCommands()).isEmpty();
        Sent reject = saga.orderCommands().getFirst();
        assertThat(((RejectOrder) reject.command()).reason())
                .contains("NO-SUCH-SKU")
                .contains("UNKNOWN_PRODUCT");
        saga.rejected(ORDER, ((RejectOrder) reject.command()).reason(), 2);
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPENSATED);
    }

    @Test
    void a_reservation_that_succeeds_after_compensation_began_is_released_too() {
        saga.placed(order(ORDER, line("SKU-1", 1), line("SKU-2", 1)));
        List<Sent> reservations = saga.stockCommands();

        saga.failed(reservations.get(0), "INSUFFICIENT_STOCK: SKU-1 has 0 available, 1 asked");
        assertThat(saga.stockCommands()).as("nothing held yet").isEmpty();
        assertThat(saga.orderCommands()).as("SKU-2 may still be reserved").isEmpty();
        saga.succeeded(reservations.get(1));

        List<Sent> releases = saga.stockCommands();
        assertThat(releases).extracting(Sent::command).containsExactly(new ReleaseStock(ORDER, "SKU-2"));
        saga.succeeded(releases.getFirst());
        assertThat(saga.orderCommands()).extracting(Sent::command).hasOnlyElementsOfType(RejectOrder.class);
    }

    @Test
    void no_reply_within_the_timeout_resends_the_same_command_with_backoff_then_compensates() {
        saga.placed(order(ORDER, line("SKU-1", 1), line("SKU-2", 1)));
        List<Sent> reservations = saga.stockCommands();
        saga.succeeded(reservations.get(0));
        Sent silent = reservations.get(1);

        saga.advance(Duration.ofMillis(4_900));
        assertThat(saga.stockCommands()).as("not before the timeout").isEmpty();
        saga.advance(Duration.ofMillis(200));
        List<Sent> firstResend = saga.stockCommands();
        assertThat(firstResend)
                .extracting(sent -> sent.envelope().id())
                .containsExactly(silent.envelope().id());
        assertThat(firstResend.getFirst().command()).isEqualTo(silent.command());

        saga.advance(Duration.ofSeconds(9));
        assertThat(saga.stockCommands()).as("the second wait is twice as long").isEmpty();
        saga.advance(Duration.ofSeconds(1));
        assertThat(saga.stockCommands())
                .extracting(sent -> sent.envelope().id())
                .containsExactly(silent.envelope().id());

        saga.advance(Duration.ofSeconds(20));
        List<Sent> releases = saga.stockCommands();
        assertThat(releases)
                .extracting(Sent::command)
                .containsExactlyInAnyOrder(new ReleaseStock(ORDER, "SKU-1"), new ReleaseStock(ORDER, "SKU-2"));
        StepRun timedOut = saga.saga(ORDER).run(silent.envelope().id()).orElseThrow();
        assertThat(timedOut.status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(timedOut.attempts()).isEqualTo(3);
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPENSATING);

        releases.forEach(saga::succeeded);
        Sent reject = saga.orderCommands().getFirst();
        assertThat(((RejectOrder) reject.command()).reason()).contains("SKU-2").contains("no reply after 3 attempt(s)");
    }

    @Test
    void a_reply_that_came_in_time_but_is_read_late_is_taken_and_its_step_is_not_timed_out() {
        saga.placed(order(ORDER, line("SKU-1", 1)));
        Sent reservation = saga.stockCommands().getFirst();

        // The saga falls behind: the wall clock passes the step's timeout while it still reads records
        // written before it (another order's, then the reply).
        saga.fallBehind(Duration.ofSeconds(6));
        saga.placed(order("o-other", line("SKU-2", 1)));
        saga.fallBehind(Duration.ofSeconds(6));
        assertThat(saga.stockCommands())
                .as("nothing resent while records from before the deadline are still being read")
                .extracting(Sent::command)
                .containsExactly(new ReserveStock("o-other", "SKU-2", 1));
        saga.succeeded(reservation);

        assertThat(saga.saga(ORDER)
                        .run(reservation.envelope().id())
                        .orElseThrow()
                        .status())
                .isEqualTo(StepStatus.SUCCEEDED);
        assertThat(saga.orderCommands()).extracting(Sent::command).containsExactly(new ConfirmOrder(ORDER));
    }

    @Test
    void a_deadline_fires_by_the_wall_clock_once_the_saga_has_read_everything() {
        saga.placed(order(ORDER, line("SKU-1", 1)));
        Sent reservation = saga.stockCommands().getFirst();

        // Nothing more to read: check intervals without records, then the wall clock decides.
        for (int check = 0; check < SagaProcessor.IDLE_CHECKS; check++) {
            saga.fallBehind(SagaDriver.DEADLINE_CHECK);
        }
        saga.fallBehind(Duration.ofSeconds(5));
        assertThat(saga.stockCommands())
                .extracting(sent -> sent.envelope().id())
                .containsExactly(reservation.envelope().id());
    }

    @Test
    void a_check_fires_a_bounded_number_of_deadlines_and_leaves_the_rest_to_the_next() {
        int orders = SagaProcessor.DEADLINES_PER_CHECK + 50;
        for (int i = 0; i < orders; i++) {
            saga.placed(order("o-" + i, line("SKU-1", 1)));
        }
        assertThat(saga.stockCommands()).hasSize(orders);
        saga.advance(Duration.ofMillis(4_900));
        assertThat(saga.stockCommands()).as("not before the timeout").isEmpty();

        saga.fallBehind(Duration.ofMillis(200));
        assertThat(saga.stockCommands()).as("resent in one check").hasSize(SagaProcessor.DEADLINES_PER_CHECK);
        saga.fallBehind(SagaDriver.DEADLINE_CHECK);
        assertThat(saga.stockCommands()).as("resent in the next").hasSize(50);
    }

    @Test
    void one_check_interval_without_records_is_not_taken_for_the_end_of_the_input() {
        saga.placed(order(ORDER, line("SKU-1", 1)));
        Sent reservation = saga.stockCommands().getFirst();

        // A fetch that comes late (a leader moving, a busy machine, a task that has just started).
        saga.fallBehind(SagaDriver.DEADLINE_CHECK);
        saga.fallBehind(Duration.ofSeconds(6));
        assertThat(saga.stockCommands())
                .as("nothing resent by the wall clock yet")
                .isEmpty();

        saga.succeeded(reservation);
        assertThat(saga.orderCommands()).extracting(Sent::command).containsExactly(new ConfirmOrder(ORDER));
    }

    @Test
    void a_success_that_arrives_after_its_timeout_is_ignored_as_its_release_is_already_on_the_way() {
        saga.placed(order(ORDER, line("SKU-1", 1)));
        Sent reservation = saga.stockCommands().getFirst();
        saga.advance(Duration.ofMillis(5_100));
        saga.advance(Duration.ofSeconds(10));
        saga.advance(Duration.ofSeconds(20));
        List<Sent> sent = saga.stockCommands();
        assertThat(sent).extracting(Sent::command).contains(new ReleaseStock(ORDER, "SKU-1"));

        saga.succeeded(reservation);

        assertThat(saga.stockCommands()).isEmpty();
        assertThat(saga.saga(ORDER)
                        .run(reservation.envelope().id())
                        .orElseThrow()
                        .status())
                .isEqualTo(StepStatus.TIMED_OUT);
    }

    @Test
    void a_cancellation_during_reservation_releases_what_is_held_and_rejects_nothing() {
        saga.placed(order(ORDER, line("SKU-1", 1), line("SKU-2", 1)));
        List<Sent> reservations = saga.stockCommands();
        saga.succeeded(reservations.get(0));

        saga.cancelled(ORDER, 2);
        Sent releaseSku1 = saga.stockCommands().getFirst();
        assertThat(releaseSku1.command()).isEqualTo(new ReleaseStock(ORDER, "SKU-1"));
        saga.succeeded(reservations.get(1));
        Sent releaseSku2 = saga.stockCommands().getFirst();
        assertThat(releaseSku2.command()).isEqualTo(new ReleaseStock(ORDER, "SKU-2"));
        saga.succeeded(releaseSku1);
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPENSATING);
        saga.succeeded(releaseSku2);

        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.orderCommands()).isEmpty();
    }

    @Test
    void a_cancellation_after_confirmation_releases_every_line() {
        saga.placed(order(ORDER, line("SKU-1", 1), line("SKU-2", 4)));
        saga.stockCommands().forEach(saga::succeeded);
        saga.succeeded(saga.orderCommands().getFirst());
        saga.confirmed(ORDER, 2);

        saga.cancelled(ORDER, 3);

        List<Sent> releases = saga.stockCommands();
        assertThat(releases)
                .extracting(Sent::command)
                .containsExactly(new ReleaseStock(ORDER, "SKU-1"), new ReleaseStock(ORDER, "SKU-2"));
        releases.forEach(saga::succeeded);
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.saga(ORDER).history())
                .extracting(transition -> transition.what())
                .contains("COMPLETED -> COMPENSATING: order cancelled");
    }

    @Test
    void a_confirmation_refused_because_the_order_was_cancelled_releases_everything() {
        saga.placed(order(ORDER, line("SKU-1", 1)));
        saga.stockCommands().forEach(saga::succeeded);
        Sent confirm = saga.orderCommands().getFirst();

        saga.failed(confirm, "order order-1 is CANCELLED and cannot be confirmed");
        saga.cancelled(ORDER, 2);

        Sent release = saga.stockCommands().getFirst();
        assertThat(release.command()).isEqualTo(new ReleaseStock(ORDER, "SKU-1"));
        saga.succeeded(release);
        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.orderCommands()).as("a cancelled order is not rejected").isEmpty();
    }

    @Test
    void duplicate_replies_and_repeated_order_events_change_nothing() {
        saga.placed(order(ORDER, line("SKU-1", 1)));
        Sent reservation = saga.stockCommands().getFirst();
        saga.succeeded(reservation);
        SagaState once = saga.saga(ORDER);
        List<Sent> confirm = saga.orderCommands();

        saga.succeeded(reservation);
        saga.failed(reservation, "a late contradiction");
        saga.placed(order(ORDER, line("SKU-1", 1)));

        assertThat(saga.saga(ORDER)).isEqualTo(once);
        assertThat(confirm).hasSize(1);
        assertThat(saga.orderCommands()).isEmpty();
        assertThat(saga.stockCommands()).isEmpty();
        assertThat(saga.orderEventDeadLetters())
                .as("a repeated event is not an error")
                .isEmpty();
        assertThat(saga.replyDeadLetters())
                .as("a repeated reply is not an error")
                .isEmpty();
    }

    @Test
    void an_order_without_lines_has_nothing_to_reserve_and_is_confirmed_rather_than_left_running() {
        saga.placed(order(ORDER));

        assertThat(saga.stockCommands()).isEmpty();
        assertThat(saga.orderCommands()).extracting(Sent::command).containsExactly(new ConfirmOrder(ORDER));
    }

    @Test
    void a_reply_to_a_command_the_saga_never_sent_is_ignored() {
        saga.placed(order(ORDER, line("SKU-1", 1)));
        Sent reservation = saga.stockCommands().getFirst();
        Sent stranger = new Sent(
                Envelope.forCommand(
                        "someone-elses-command",
                        "elsewhere",
                        io.orderplatform.schemas.inventory.InventoryContracts.RESERVE_STOCK,
                        "SKU-1",
                        SagaDriver.START,
                        io.orderplatform.schemas.envelope.MessageOrigin.NONE),
                reservation.command(),
                "SKU-1");

        saga.failed(stranger, "not mine");

        assertThat(saga.saga(ORDER).status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(saga.saga(ORDER)
                        .run(reservation.envelope().id())
                        .orElseThrow()
                        .status())
                .isEqualTo(StepStatus.SENT);
    }

    @Test
    void records_it_cannot_read_go_to_their_dlq_with_the_reason_and_the_partition_goes_on() {
        RecordHeaders noEnvelope = new RecordHeaders();
        saga.rawOrderEvent(ORDER, "{\"orderId\": \"order-1\"}".getBytes(UTF_8), noEnvelope);
        RecordHeaders unknownType = new RecordHeaders();
        Envelope.forCommand(
                        "x",
                        "elsewhere",
                        io.orderplatform.schemas.fulfillment.FulfillmentContracts.COMMAND_REPLY,
                        ORDER,
                        SagaDriver.START,
                        io.orderplatform.schemas.envelope.MessageOrigin.NONE)
                .writeTo(unknownType);
        unknownType.remove("ce_type").add("ce_type", "orders.OrderTeleported.v1".getBytes(UTF_8));
        saga.rawOrderEvent(ORDER, "{}".getBytes(UTF_8), unknownType);
        saga.rawReply(ORDER, "{not json".getBytes(UTF_8), unknownType);

        saga.placed(order(ORDER, line("SKU-1", 1)));

        assertThat(saga.orderEventDeadLetters()).hasSize(2).allSatisfy(dead -> {
            assertThat(Envelope.get(dead.headers(), DeadLetters.REASON)).isNotBlank();
            assertThat(Envelope.get(dead.headers(), DeadLetters.ERROR_CLASS)).isNotBlank();
            assertThat(Envelope.get(dead.headers(), DeadLetters.CONSUMER)).isEqualTo("saga-orchestrator");
            assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("orders.events");
        });
        assertThat(saga.replyDeadLetters())
                .singleElement()
                .satisfies(dead -> assertThat(dead.value()).isEqualTo("{not json".getBytes(UTF_8)));
        assertThat(saga.stockCommands())
                .as("the valid event behind them is processed")
                .hasSize(1);
    }

    @Test
    void redriven_order_events_and_replies_move_the_saga_on_as_if_read_from_their_topics() {
        saga.redriven(() -> saga.placed(order(ORDER, line("SKU-1", 1))));
        Sent reservation = saga.stockCommands().getFirst();

        saga.redriven(() -> saga.succeeded(reservation));

        assertThat(saga.orderCommands()).extracting(Sent::command).containsExactly(new ConfirmOrder(ORDER));
        saga.redriven(() -> saga.placed(order(ORDER, line("SKU-1", 1))));
        assertThat(saga.stockCommands()).as("a redriven repeat is a repeat").isEmpty();
        assertThat(saga.orderEventDeadLetters()).isEmpty();
        assertThat(saga.replyDeadLetters()).isEmpty();
    }

    @Test
    void a_redriven_record_that_fails_again_is_dead_lettered_as_from_its_original_topic_and_place() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Retries.SOURCE_TOPIC, "fulfillment.replies".getBytes(UTF_8));
        headers.add(Retries.SOURCE_PARTITION, "2".getBytes(UTF_8));
        headers.add(Retries.SOURCE_OFFSET, "40".getBytes(UTF_8));

        saga.rawRetried(ORDER, "{not json".getBytes(UTF_8), headers);

        assertThat(saga.replyDeadLetters()).singleElement().satisfies(dead -> {
            assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("fulfillment.replies");
            assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_PARTITION))
                    .isEqualTo("2");
            assertThat(Envelope.get(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("40");
            assertThat(dead.headers().lastHeader(Retries.SOURCE_TOPIC)).isNull();
        });
        assertThat(saga.orderEventDeadLetters()).isEmpty();
    }

    @Test
    void an_event_whose_key_is_not_its_order_is_dead_lettered() {
        RecordHeaders headers = new RecordHeaders();
        var placed = order(ORDER, line("SKU-1", 1));
        Envelope.forEvent(
                        "e-1",
                        "order-command",
                        io.orderplatform.schemas.orders.OrderContracts.ORDER_PLACED,
                        ORDER,
                        1,
                        SagaDriver.START,
                        io.orderplatform.schemas.envelope.MessageOrigin.NONE)
                .writeTo(headers);

        saga.rawOrderEvent(
                "another-order",
                io.orderplatform.schemas.catalog.Topics.ORDERS_EVENTS
                        .valueSerde()
                        .toJson(placed),
                headers);

        assertThat(saga.orderEventDeadLetters())
                .singleElement()
                .satisfies(dead -> assertThat(Envelope.get(dead.headers(), DeadLetters.REASON))
                        .contains("is not the order"));
        assertThat(saga.saga(ORDER)).isNull();
        assertThat(saga.saga("another-order")).isNull();
    }

    @Test
    void an_event_that_names_no_order_is_dead_lettered_and_the_partition_goes_on() {
        RecordHeaders headers = new RecordHeaders();
        Envelope.forEvent(
                        "e-1",
                        "elsewhere",
                        io.orderplatform.schemas.orders.OrderContracts.ORDER_PLACED,
                        null,
                        1,
                        SagaDriver.START,
                        io.orderplatform.schemas.envelope.MessageOrigin.NONE)
                .writeTo(headers);
        var nameless = new io.orderplatform.schemas.orders.OrderPlaced(
                null, "c-1", "EUR", List.of(line("SKU-1", 1)), java.math.BigDecimal.ONE, SagaDriver.START);

        saga.rawOrderEvent(
                null,
                io.orderplatform.schemas.catalog.Topics.ORDERS_EVENTS
                        .valueSerde()
                        .toJson(nameless),
                headers);
        saga.placed(order(ORDER, line("SKU-1", 1)));

        assertThat(saga.orderEventDeadLetters())
                .singleElement()
                .satisfies(dead -> assertThat(Envelope.get(dead.headers(), DeadLetters.REASON))
                        .contains("names no order"));
        assertThat(saga.stockCommands()).hasSize(1);
    }

    @Test
    void the_saga_records_each_step_with_attempts_timestamps_and_its_history() {
        saga.placed(order(ORDER, line("SKU-1", 1)));
        Sent reservation = saga.stockCommands().getFirst();
        saga.advance(Duration.ofSeconds(6));
        saga.stockCommands();
        saga.succeeded(reservation);

        StepRun run = saga.saga(ORDER).run(reservation.envelope().id()).orElseThrow();
        assertThat(run.step()).isEqualTo("reserve-stock");
        assertThat(run.target()).isEqualTo("SKU-1");
        assertThat(run.attempts()).isEqualTo(2);
        assertThat(run.startedAt()).isEqualTo(SagaDriver.START);
        assertThat(run.endedAt()).isEqualTo(SagaDriver.START.plusSeconds(6));
        assertThat(saga.saga(ORDER).history())
                .extracting(transition -> transition.what())
                .containsSubsequence(
                        "started by OrderPlaced: 1 line(s)",
                        "reserve-stock SKU-1 sent",
                        "reserve-stock SKU-1 resent (attempt 2)",
                        "reserve-stock SKU-1 SUCCEEDED",
                        "confirm-order order-1 sent");
    }
}
