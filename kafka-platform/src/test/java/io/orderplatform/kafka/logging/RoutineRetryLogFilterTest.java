package io.orderplatform.kafka.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs as the producer does, through Kafka's own {@link LogContext}, into the JVM's Logback. */
class RoutineRetryLogFilterTest {

    private static final String RETRY = "Got error produce response with correlation id {} on topic-partition {},"
            + " retrying ({} attempts left). Error: {}";

    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @AfterEach
    void detach() {
        logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logged);
        logging.getTurboFilterList().removeIf(RoutineRetryLogFilter.class::isInstance);
    }

    @Test
    void drops_only_the_producers_retries_of_a_write_that_met_the_last_transaction_completing() {
        RoutineRetryLogFilterAutoConfiguration.install();
        RoutineRetryLogFilterAutoConfiguration.install();
        logged.setContext(logging);
        logged.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);
        Logger sender = new LogContext("[Producer clientId=p-1] ").logger(RoutineRetryLogFilter.SENDER);

        sender.warn(RETRY, 29, "inventory.commands-3", 5, Errors.CONCURRENT_TRANSACTIONS);
        sender.warn(RETRY, 30, "inventory.commands-3", 5, Errors.NOT_LEADER_OR_FOLLOWER);
        sender.error("Uncaught error in the producer: {}", Errors.CONCURRENT_TRANSACTIONS);
        new LogContext().logger("other").warn(RETRY, 31, "t-0", 5, Errors.CONCURRENT_TRANSACTIONS);

        assertThat(logging.getTurboFilterList())
                .filteredOn(RoutineRetryLogFilter.class::isInstance)
                .hasSize(1);
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("correlation id 29"))
                .anyMatch(message -> message.contains("NOT_LEADER_OR_FOLLOWER"))
                .anyMatch(message -> message.contains("Uncaught error"))
                .anyMatch(message -> message.contains("correlation id 31"))
                .hasSize(3);
    }
}
