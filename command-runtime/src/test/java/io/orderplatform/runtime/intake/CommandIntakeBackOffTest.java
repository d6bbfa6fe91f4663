package io.orderplatform.runtime.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

/**
 * How long the intake retries a command before dead-lettering it: while the database cannot be reached,
 * for as long as that lasts (never more than 2 s apart); any other failure five times, a second apart.
 */
class CommandIntakeBackOffTest {

    private final ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("test.commands", 0, 7, "box-1", null);

    @Test
    void a_command_failing_on_a_database_out_of_reach_is_retried_without_end_at_most_10_s_apart() {
        Exception failure = new ListenerExecutionFailedException(
                "Listener method threw an exception",
                new CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction",
                        new SQLTransientConnectionException(
                                "Connection is not available, request timed out after 750ms")));

        BackOffExecution execution =
                CommandIntakeAutoConfiguration.backOffFor(record, failure).start();

        long waited = 0;
        long interval = 0;
        for (int attempt = 0; attempt < 1_000; attempt++) {
            interval = execution.nextBackOff();
            assertThat(interval).isBetween(1_000L, 2_000L);
            waited += interval;
        }
        assertThat(interval).isEqualTo(2_000);
        assertThat(waited).isGreaterThan(1_900_000);
    }

    @Test
    void other_failures_get_the_usual_five_retries() {
        assertThat(CommandIntakeAutoConfiguration.backOffFor(
                        record, new ListenerExecutionFailedException("failed", new ConcurrencyException("taken"))))
                .isNull();
        assertThat(CommandIntakeAutoConfiguration.RETRIES.getMaxAttempts()).isEqualTo(5);
    }
}
