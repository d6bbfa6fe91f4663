package io.orderplatform.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.runtime.config.CommandServiceDefaults;
import io.orderplatform.runtime.test.FreePort;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How {@link IdempotentCommands} treats a command whose transaction fails: an append that met a newer
 * version of its aggregate runs again in a new transaction, a client's version conflict and a refused
 * statement do not, and the database out of reach becomes a {@link DatabaseUnavailableException}. The
 * transactions and the key store are in memory here ({@code IdempotentCommandsIT} runs on PostgreSQL),
 * except for the one test that asks a pool for a connection to a port nobody listens on.
 */
class IdempotentCommandsTest {

    private static final CommandOrigin ORIGIN = new CommandOrigin("command-1", null);

    private final CountingTransactions transactions = new CountingTransactions();
    private final MemoryStore store = new MemoryStore();
    private final IdempotentCommands idempotent = new IdempotentCommands(new TransactionTemplate(transactions), store);
    private final AtomicInteger executions = new AtomicInteger();

    @Test
    void a_command_that_met_a_newer_version_of_its_aggregate_runs_again_in_a_new_transaction_and_succeeds() {
        ResponseEntity<String> answer = idempotent.execute(
                null,
                "POST",
                "/seats/s-1/restock",
                "{}",
                failingFirst(1, () -> new ConcurrencyException("seq 6 taken")));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(executions).hasValue(2);
        assertThat(transactions.begun).isEqualTo(2);
        assertThat(transactions.rolledBack).isEqualTo(1);
        assertThat(transactions.committed).isEqualTo(1);
    }

    @Test
    void with_a_key_the_whole_transaction_runs_again_claim_included_and_the_answer_is_stored_once() {
        ResponseEntity<String> answer = idempotent.execute(
                "key-1",
                "POST",
                "/seats/s-1/restock",
                "{}",
                failingFirst(2, () -> new CommandExecutionException("failed", new ConcurrencyException("taken"))));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(executions).hasValue(3);
        assertThat(store.claims).containsExactly("key-1", "key-1", "key-1");
        assertThat(store.completed).containsOnlyKeys("key-1");
    }

    @Test
    void a_new_aggregate_whose_first_event_was_appended_meanwhile_runs_again() {
        ResponseEntity<String> answer = idempotent.execute(
                null,
                "POST",
                "/seats",
                "{}",
                failingFirst(1, () -> new AggregateStreamCreationException("seq 0 of s-1 taken")));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(executions).hasValue(2);
    }

    @Test
    void after_three_attempts_the_conflict_is_answered() {
        assertThatThrownBy(() -> idempotent.execute(
                        null,
                        "POST",
                        "/seats/s-1/restock",
                        "{}",
                        failingFirst(Integer.MAX_VALUE, () -> new ConcurrencyException("taken"))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(executions).hasValue(IdempotentCommands.ATTEMPTS).hasValue(3);
    }

    @Test
    void a_conflict_with_the_version_the_client_named_is_not_run_again() {
        assertThatThrownBy(() -> idempotent.execute(
                        null,
                        "POST",
                        "/seats/s-1/restock",
                        "{}",
                        failingFirst(1, () -> new ConflictingAggregateVersionException("s-1", 4, 6))))
                .isInstanceOf(ConflictingAggregateVersionException.class);
        assertThat(executions).hasValue(1);
    }

    @Test
    void a_refusal_the_service_names_as_a_stale_copy_s_runs_again_other_refusals_do_not() {
        class StaleIfMatch extends RuntimeException {}
        class OtherRefusal extends RuntimeException {}

        ResponseEntity<String> answer = idempotent.execute(
                null,
                "POST",
                "/seats/s-1/restock",
                "{}",
                failingFirst(1, StaleIfMatch::new),
                StaleIfMatch.class::isInstance);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(executions).hasValue(2);

        executions.set(0);
        assertThatThrownBy(() -> idempotent.execute(
                        null,
                        "POST",
                        "/seats/s-1/restock",
                        "{}",
                        failingFirst(1, OtherRefusal::new),
                        StaleIfMatch.class::isInstance))
                .isInstanceOf(OtherRefusal.class);
        assertThat(executions).hasValue(1);
    }

    @Test
    void a_connection_failure_wrapped_by_axon_becomes_database_unavailable_and_is_not_run_again() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");

        assertThatThrownBy(() -> idempotent.execute(
                        "key-1",
                        "POST",
                        "/seats/s-1/restock",
                        "{}",
                        failingFirst(
                                1,
                                () -> new CommandExecutionException(
                                        "failed", new EventStoreException("Failed to read events", lost)))))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasRootCause(lost);
        assertThat(executions).hasValue(1);
        assertThat(store.completed).isEmpty();
    }

    @Test
    void a_refused_statement_is_passed_on_as_it_is() {
        EventStoreException duplicate =
                new EventStoreException("append failed", new SQLException("duplicate key value", "23505"));

        assertThatThrownBy(() -> idempotent.execute(null, "POST", "/seats", "{}", failingFirst(1, () -> duplicate)))
                .isSameAs(duplicate);
    }

    /**
     * The pool as the runtime configures it, already running, asked for a connection while nothing
     * listens on the database's port: the command is refused as unavailable within about a second
     * (Hikari's default would wait 30 s), and never runs.
     */
    @Test
    void with_the_runtime_s_pool_settings_a_database_nobody_listens_on_is_unavailable_within_a_second() {
        try (HikariDataSource pool = runtimePool("jdbc:postgresql://127.0.0.1:" + FreePort.pick() + "/nowhere")) {
            IdempotentCommands onPool = new IdempotentCommands(
                    new TransactionTemplate(new JdbcTransactionManager(pool)),
                    new IdempotencyStore(JdbcClient.create(pool)));

            Supplier<CommandResponse> command = () -> {
                executions.incrementAndGet();
                return accepted();
            };
            // The first request also starts the pool; the second meets it running, as after an outage began.
            assertThatThrownBy(() -> onPool.execute("key-1", "POST", "/seats", "{}", command))
                    .isInstanceOf(DatabaseUnavailableException.class);

            long started = System.nanoTime();
            assertThatThrownBy(() -> onPool.execute("key-1", "POST", "/seats", "{}", command))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasCauseInstanceOf(CannotCreateTransactionException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("750 ms for a connection, and the answer").isLessThan(Duration.ofMillis(1_250));
            assertThat(executions).hasValue(0);
        }
    }

    /** A HikariDataSource bound to the runtime's defaults, as Boot binds {@code spring.datasource.hikari}. */
    static HikariDataSource runtimePool(String url) {
        StandardEnvironment environment = new StandardEnvironment();
        new CommandServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
        HikariDataSource pool = new HikariDataSource();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        // As in a service that started with its database: the pool exists and waits for connections.
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    private Supplier<CommandResponse> failingFirst(int failures, Supplier<? extends RuntimeException> failure) {
        return () -> {
            if (executions.incrementAndGet() <= failures) {
                throw failure.get();
            }
            return accepted();
        };
    }

    private static CommandResponse accepted() {
        return CommandResponse.of(HttpStatus.ACCEPTED, "/seats/s-1", 2, ORIGIN, Map.of("seat", "s-1"));
    }

    /** Counts what TransactionTemplate does; no resource behind it. */
    static final class CountingTransactions extends AbstractPlatformTransactionManager {
        int begun;
        int committed;
        int rolledBack;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun++;
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            committed++;
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rolledBack++;
        }
    }

    /** Keys claimed and answers completed; every claim is new (a failed attempt's claim was rolled back). */
    static final class MemoryStore extends IdempotencyStore {
        final List<String> claims = new ArrayList<>();
        final Map<String, CommandResponse> completed = new HashMap<>();

        MemoryStore() {
            super(null);
        }

        @Override
        boolean claim(String key, String requestHash) {
            claims.add(key);
            return true;
        }

        @Override
        void complete(String key, CommandResponse response) {
            completed.put(key, response);
        }

        @Override
        Optional<Stored> find(String key) {
            return Optional.empty();
        }
    }
}
