package io.orderplatform.runtime.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.runtime.http.CommandProblemHandlers;
import io.orderplatform.runtime.http.CommandResponse;
import io.orderplatform.runtime.http.FieldError;
import io.orderplatform.runtime.http.IdempotencyKeyReusedException;
import io.orderplatform.runtime.http.IdempotencyStore;
import io.orderplatform.runtime.http.IdempotentCommands;
import io.orderplatform.runtime.http.InvalidRequestException;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@link IdempotentCommands} guarantees for one {@code Idempotency-Key}, against the real
 * PostgreSQL: one execution per key and request, the first answer replayed, a reused key refused,
 * nothing kept of a command that failed, and a concurrent repeat waiting for the first to finish.
 *
 * <p>The command under test writes a seat note, the service's own data, in the transaction it is
 * given: counting the notes counts the executions that took effect.
 */
@ServiceIntegrationTest
class IdempotentCommandsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    IdempotentCommands idempotent;

    @Autowired
    IdempotencyStore store;

    @Autowired
    JdbcTemplate jdbc;

    private final AtomicInteger executions = new AtomicInteger();
    private final ExecutorService clients = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() {
        clients.shutdownNow();
    }

    @Test
    void a_request_without_a_key_is_executed_each_time_and_never_marked_replayed() {
        String seat = newSeat();

        ResponseEntity<String> first = idempotent.execute(null, "POST", "/seats/notes", "{}", note(seat, 1));
        ResponseEntity<String> second = idempotent.execute(null, "POST", "/seats/notes", "{}", note(seat, 2));

        assertThat(executions).hasValue(2);
        assertThat(notes(seat)).isEqualTo(2);
        assertThat(first.getHeaders().containsHeader(CommandResponse.REPLAYED_HEADER))
                .isFalse();
        assertThat(second.getHeaders().containsHeader(CommandResponse.REPLAYED_HEADER))
                .isFalse();
    }

    @Test
    void a_repeat_with_the_same_key_and_request_replays_the_stored_answer_without_executing_again() {
        String seat = newSeat();
        String key = newKey();

        ResponseEntity<String> first = idempotent.execute(key, "POST", "/seats/notes", "{\"a\":1}", note(seat, 1));
        ResponseEntity<String> repeat = idempotent.execute(key, "POST", "/seats/notes", "{\"a\":1}", note(seat, 2));

        assertThat(executions).hasValue(1);
        assertThat(notes(seat)).isEqualTo(1);
        assertThat(first.getHeaders().containsHeader(CommandResponse.REPLAYED_HEADER))
                .isFalse();
        assertThat(repeat.getHeaders().getFirst(CommandResponse.REPLAYED_HEADER))
                .isEqualTo("true");
        assertThat(repeat.getStatusCode()).isEqualTo(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(repeat.getBody()).isEqualTo(first.getBody());
        for (String header : List.of("Location", "ETag", CommandResponse.COMMAND_ID_HEADER)) {
            assertThat(repeat.getHeaders().getFirst(header))
                    .as(header)
                    .isNotNull()
                    .isEqualTo(first.getHeaders().getFirst(header));
        }
    }

    @Test
    void the_same_key_with_another_body_is_refused_with_422_executing_nothing_and_the_first_answer_stays() {
        String seat = newSeat();
        String key = newKey();
        ResponseEntity<String> first = idempotent.execute(key, "POST", "/seats/notes", "{\"a\":1}", note(seat, 1));

        assertThatThrownBy(() -> idempotent.execute(key, "POST", "/seats/notes", "{\"a\":2}", note(seat, 2)))
                .isInstanceOfSatisfying(
                        IdempotencyKeyReusedException.class,
                        reused -> assertThat(new CommandProblemHandlers()
                                        .keyReused(reused)
                                        .getStatusCode()
                                        .value())
                                .isEqualTo(422));

        assertThat(executions).hasValue(1);
        assertThat(notes(seat)).isEqualTo(1);
        ResponseEntity<String> repeat = idempotent.execute(key, "POST", "/seats/notes", "{\"a\":1}", note(seat, 3));
        assertThat(repeat.getBody()).isEqualTo(first.getBody());
        assertThat(repeat.getHeaders().getFirst(CommandResponse.REPLAYED_HEADER))
                .isEqualTo("true");
    }

    @Test
    void the_same_key_with_another_path_or_method_is_refused_as_reused() {
        String seat = newSeat();
        String key = newKey();
        idempotent.execute(key, "POST", "/seats/" + seat + "/notes", "{}", note(seat, 1));

        assertThatThrownBy(() -> idempotent.execute(key, "POST", "/seats/other/notes", "{}", note(seat, 2)))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> idempotent.execute(key, "PUT", "/seats/" + seat + "/notes", "{}", note(seat, 3)))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(executions).hasValue(1);
    }

    @Test
    void a_failed_command_stores_neither_its_key_nor_its_effects_so_a_corrected_retry_with_the_key_executes() {
        String seat = newSeat();
        String key = newKey();

        assertThatThrownBy(() -> idempotent.execute(key, "POST", "/seats/notes", "{\"a\":0}", failingAfterNote(seat)))
                .hasMessage("refused after writing");
        assertThat(notes(seat)).as("the failed command's note").isZero();
        assertThat(keyStored(key)).isFalse();

        ResponseEntity<String> retry = idempotent.execute(key, "POST", "/seats/notes", "{\"a\":1}", note(seat, 1));

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getHeaders().containsHeader(CommandResponse.REPLAYED_HEADER))
                .isFalse();
        assertThat(notes(seat)).isEqualTo(1);
        assertThat(keyStored(key)).isTrue();
    }

    @Test
    void a_command_whose_append_met_a_newer_version_runs_again_from_its_claim_and_only_the_last_attempt_stays() {
        String seat = newSeat();
        String key = newKey();
        AtomicInteger attempts = new AtomicInteger();
        Supplier<CommandResponse> staleOnce = () -> {
            int attempt = attempts.incrementAndGet();
            CommandResponse response = note(seat, attempt).get();
            if (attempt == 1) {
                throw new ConcurrencyException("sequence number 6 of " + seat + " was appended meanwhile");
            }
            return response;
        };

        ResponseEntity<String> answer = idempotent.execute(key, "POST", "/seats/notes", "{}", staleOnce);
        ResponseEntity<String> repeat = idempotent.execute(key, "POST", "/seats/notes", "{}", note(seat, 9));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(attempts).hasValue(2);
        assertThat(jdbc.queryForList("SELECT note FROM seat_note WHERE seat_id LIKE ?", String.class, seat + "/%"))
                .containsExactly("note 2");
        assertThat(repeat.getHeaders().getFirst(CommandResponse.REPLAYED_HEADER))
                .isEqualTo("true");
        assertThat(repeat.getBody()).isEqualTo(answer.getBody());
    }

    @Test
    void a_concurrent_repeat_waits_until_the_first_request_commits_then_replays_its_answer() throws Exception {
        String seat = newSeat();
        String key = newKey();
        CountDownLatch firstExecuting = new CountDownLatch(1);
        CountDownLatch letFirstFinish = new CountDownLatch(1);
        Future<ResponseEntity<String>> first = clients.submit(() -> idempotent.execute(
                key, "POST", "/seats/notes", "{}", held(note(seat, 1), firstExecuting, letFirstFinish)));
        assertThat(firstExecuting.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<ResponseEntity<String>> repeat =
                clients.submit(() -> idempotent.execute(key, "POST", "/seats/notes", "{}", note(seat, 2)));
        awaitWaitingOnTheKey();
        assertThat(repeat).as("the repeat while the first is uncommitted").isNotDone();
        letFirstFinish.countDown();

        ResponseEntity<String> firstAnswer = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ResponseEntity<String> repeatAnswer = repeat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(executions).hasValue(1);
        assertThat(notes(seat)).isEqualTo(1);
        assertThat(repeatAnswer.getHeaders().getFirst(CommandResponse.REPLAYED_HEADER))
                .isEqualTo("true");
        assertThat(repeatAnswer.getBody()).isEqualTo(firstAnswer.getBody());
        assertThat(repeatAnswer.getHeaders().getFirst(CommandResponse.COMMAND_ID_HEADER))
                .isEqualTo(firstAnswer.getHeaders().getFirst(CommandResponse.COMMAND_ID_HEADER));
    }

    @Test
    void a_concurrent_repeat_of_a_request_that_then_fails_executes_the_command_itself() throws Exception {
        String seat = newSeat();
        String key = newKey();
        CountDownLatch firstExecuting = new CountDownLatch(1);
        CountDownLatch letFirstFinish = new CountDownLatch(1);
        Future<ResponseEntity<String>> first = clients.submit(() -> idempotent.execute(
                key, "POST", "/seats/notes", "{}", held(failingAfterNote(seat), firstExecuting, letFirstFinish)));
        assertThat(firstExecuting.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<ResponseEntity<String>> repeat =
                clients.submit(() -> idempotent.execute(key, "POST", "/seats/notes", "{}", note(seat, 2)));
        awaitWaitingOnTheKey();
        letFirstFinish.countDown();

        assertThatThrownBy(() -> first.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasRootCauseMessage("refused after writing");
        ResponseEntity<String> repeatAnswer = repeat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(repeatAnswer.getHeaders().containsHeader(CommandResponse.REPLAYED_HEADER))
                .isFalse();
        assertThat(repeatAnswer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(jdbc.queryForList("SELECT note FROM seat_note WHERE seat_id LIKE ?", String.class, seat + "/%"))
                .containsExactly("note 2");
    }

    @Test
    void a_key_that_is_not_1_to_255_printable_ascii_characters_is_refused_with_400_before_anything_runs() {
        String seat = newSeat();
        for (String key : List.of("", "x".repeat(256), "tab\there", "caf\u00e9")) {
            assertThatThrownBy(() -> idempotent.execute(key, "POST", "/seats/notes", "{}", note(seat, 1)))
                    .as("key %s", key)
                    .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> {
                        assertThat(invalid.errors())
                                .extracting(FieldError::field)
                                .containsExactly(IdempotentCommands.KEY_HEADER);
                        assertThat(new CommandProblemHandlers()
                                        .invalid(invalid)
                                        .getStatusCode()
                                        .value())
                                .isEqualTo(400);
                    });
        }
        assertThat(executions).hasValue(0);
        String longest = (newKey() + "x".repeat(255)).substring(0, 255);
        assertThat(idempotent
                        .execute(longest, "POST", "/seats/notes", "{}", note(seat, 1))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void a_key_older_than_the_retention_is_forgotten_and_its_retry_executes_again_while_a_recent_one_stays() {
        String seat = newSeat();
        String old = newKey();
        String recent = newKey();
        idempotent.execute(old, "POST", "/seats/notes", "{}", note(seat, 1));
        idempotent.execute(recent, "POST", "/seats/notes", "{}", note(seat, 2));
        jdbc.update("UPDATE idempotency_key SET created_at = now() - interval '8 days' WHERE idempotency_key = ?", old);

        store.deleteOlderThan(Duration.ofDays(7));

        ResponseEntity<String> afterExpiry = idempotent.execute(old, "POST", "/seats/notes", "{}", note(seat, 3));
        ResponseEntity<String> stillKept = idempotent.execute(recent, "POST", "/seats/notes", "{}", note(seat, 4));
        assertThat(afterExpiry.getHeaders().containsHeader(CommandResponse.REPLAYED_HEADER))
                .isFalse();
        assertThat(stillKept.getHeaders().getFirst(CommandResponse.REPLAYED_HEADER))
                .isEqualTo("true");
        assertThat(notes(seat)).isEqualTo(3);
    }

    /** Writes note {@code n} of a seat and answers 201 naming the seat, as a command that took effect. */
    private Supplier<CommandResponse> note(String seat, int n) {
        return () -> {
            executions.incrementAndGet();
            jdbc.update("INSERT INTO seat_note (seat_id, note) VALUES (?, ?)", seat + "/" + n, "note " + n);
            return CommandResponse.of(
                    HttpStatus.CREATED,
                    "/seats/" + seat + "/notes/" + n,
                    n,
                    new CommandOrigin(UUID.randomUUID().toString(), null),
                    Map.of("seatId", seat, "note", n));
        };
    }

    /** Writes a note, then fails, as a command refused after it has begun to write. */
    private Supplier<CommandResponse> failingAfterNote(String seat) {
        return () -> {
            jdbc.update("INSERT INTO seat_note (seat_id, note) VALUES (?, ?)", seat + "/0", "note 0");
            throw new IllegalStateException("refused after writing");
        };
    }

    /** The command, told to signal once it runs (its key claimed) and to wait before it returns. */
    private static Supplier<CommandResponse> held(
            Supplier<CommandResponse> command, CountDownLatch executing, CountDownLatch finish) {
        return () -> {
            executing.countDown();
            try {
                if (!finish.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never told to finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return command.get();
        };
    }

    /** Waits until a session is blocked on a lock while claiming a key (the repeat on the first's row). */
    private void awaitWaitingOnTheKey() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Long waiting = jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND query LIKE 'INSERT INTO idempotency_key%'",
                    Long.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no request waited on the key's row within " + WAIT);
    }

    private long notes(String seat) {
        return jdbc.queryForObject("SELECT count(*) FROM seat_note WHERE seat_id LIKE ?", Long.class, seat + "/%");
    }

    private boolean keyStored(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class, key)
                > 0;
    }

    private static String newSeat() {
        return "seat-" + UUID.randomUUID();
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }
}
