package io.orderplatform.runtime.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures say that PostgreSQL cannot be reached, as they reach the services: pgjdbc's and
 * Hikari's exceptions wrapped by Spring's transaction manager, Spring JDBC and Axon's event store.
 */
class DatabaseUnavailableTest {

    /** What pgjdbc throws: a PSQLException is an SQLException with PostgreSQL's SQLState. */
    private static SQLException postgres(String message, String sqlState) {
        return new SQLException(message, sqlState);
    }

    @Test
    void no_connection_in_the_pool_in_time_when_a_transaction_begins_is_unavailable() {
        SQLTransientConnectionException hikari = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 750ms.",
                "08001",
                postgres("Connection to localhost:5432 refused.", "08001"));

        assertThat(DatabaseUnavailable.isCause(
                        new CannotCreateTransactionException("Could not open JDBC Connection for transaction", hikari)))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(hikari)).isTrue();
    }

    @Test
    void a_connection_refused_or_lost_deep_in_axon_s_wrapping_is_unavailable() {
        assertThat(DatabaseUnavailable.isCause(new CommandExecutionException(
                        "An exception occurred while executing a command",
                        new EventStoreException(
                                "Failed to read events for aggregate [SKU-1]",
                                postgres("An I/O error occurred while sending to the backend.", "08006")))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new JdbcException(
                        "Failed to obtain a connection", postgres("Connection to localhost:5432 refused.", "08001"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException(
                        "could not claim", new RuntimeException(new ConnectException("Connection refused")))))
                .isTrue();
    }

    @Test
    void postgres_shutting_down_crashing_or_still_starting_is_unavailable() {
        for (String state : new String[] {"57P01", "57P02", "57P03"}) {
            assertThat(DatabaseUnavailable.isCause(
                            new EventStoreException("append failed", postgres("terminating connection", state))))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void spring_s_resource_failures_are_unavailable() {
        assertThat(DatabaseUnavailable.isCause(
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new DataAccessResourceFailureException("I/O error")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new TransientDataAccessResourceException("try again")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException(
                        "Could not roll back JDBC transaction", postgres("This connection has been closed.", "08003"))))
                .isTrue();
    }

    @Test
    void a_connection_failure_chained_as_the_next_exception_is_unavailable() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "08006");
        SQLException outer = new SQLException("batch failed");
        outer.setNextException(batch);

        assertThat(DatabaseUnavailable.isCause(new JdbcException("append failed", outer)))
                .isTrue();
    }

    @Test
    void a_refused_statement_is_not_unavailable() {
        SQLException uniqueViolation = postgres(
                "duplicate key value violates unique constraint \"domain_event_entry_aggregate_sequence\"", "23505");

        assertThat(DatabaseUnavailable.isCause(uniqueViolation)).isFalse();
        assertThat(DatabaseUnavailable.isCause(new EventStoreException("append failed", uniqueViolation)))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new DuplicateKeyException("duplicate", uniqueViolation)))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException(
                        "not null", new SQLIntegrityConstraintViolationException("null value", "23502"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(postgres("syntax error at or near \"SELEC\"", "42601")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(postgres("no state", null))).isFalse();
    }

    @Test
    void other_failures_are_not_unavailable() {
        assertThat(DatabaseUnavailable.isCause(new ConcurrencyException("sequence number taken")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug", new EOFException())))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(null)).isFalse();
    }

    @Test
    void a_cause_chain_that_loops_ends() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(DatabaseUnavailable.isCause(first)).isFalse();
    }
}
