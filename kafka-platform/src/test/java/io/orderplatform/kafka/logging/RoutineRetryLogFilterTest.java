package io.orderplatform.kafka.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class RoutineRetryLogFilterTest {

    private static final String RETRY =
            "[Producer clientId={}] Got error produce response with correlation id {} on topic-partition {},"
                    + " retrying ({} attempts left). Error: {}";

    private final LoggerContext logging = new LoggerContext();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Test
    void drops_only_the_producers_retries_of_a_write_that_met_the_last_transaction_completing() {
        RoutineRetryLogFilter filter = new RoutineRetryLogFilter();
        filter.setContext(logging);
        filter.start();
        logging.addTurboFilter(filter);
        logged.setContext(logging);
        logged.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);
        Logger sender = logging.getLogger(RoutineRetryLogFilter.SENDER);

        sender.warn(RETRY, "p-1", 29, "inventory.commands-3", 5, Errors.CONCURRENT_TRANSACTIONS);
        sender.warn(RETRY, "p-1", 30, "inventory.commands-3", 5, Errors.NOT_LEADER_OR_FOLLOWER);
        sender.error("[Producer clientId={}] Uncaught error: {}", "p-1", Errors.CONCURRENT_TRANSACTIONS);
        logging.getLogger("other").warn(RETRY, "p-1", 31, "t-0", 5, Errors.CONCURRENT_TRANSACTIONS);

        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("correlation id 29"))
                .anyMatch(message -> message.contains("NOT_LEADER_OR_FOLLOWER"))
                .anyMatch(message -> message.contains("Uncaught error"))
                .anyMatch(message -> message.contains("correlation id 31"))
                .hasSize(3);
    }
}
