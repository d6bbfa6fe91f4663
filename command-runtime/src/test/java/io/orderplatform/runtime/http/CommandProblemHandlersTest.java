package io.orderplatform.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.orderplatform.http.problem.FrameworkProblemHandlers;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The database out of reach as a client sees it, through Spring MVC with the runtime's handlers and the
 * framework's catch-all behind them: {@code 503} with {@code Retry-After} and a problem, whether the
 * failure was translated by {@link IdempotentCommands} or met by any other endpoint; other failures
 * stay what they were. And the log stays quiet: one warning per ten seconds, not one per request.
 */
class CommandProblemHandlersTest {

    private static final String HIKARI_TIMEOUT =
            "HikariPool-1 - Connection is not available, request timed out after 750ms (total=0, active=0, idle=0,"
                    + " waiting=0)";

    /** Endpoints failing as the services' do while PostgreSQL is down (or, for the last two, not). */
    @RestController
    static class Failing {

        @PostMapping("/command")
        void command() {
            throw new DatabaseUnavailableException(new CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction",
                    new SQLTransientConnectionException(HIKARI_TIMEOUT)));
        }

        /** Like {@code GET /admin/relay}: Axon's event store asked for its head outside any transaction. */
        @GetMapping("/relay")
        void relay() {
            throw new EventStoreException(
                    "Failed to obtain a database connection", new SQLTransientConnectionException(HIKARI_TIMEOUT));
        }

        @PostMapping("/transaction")
        void transaction() {
            throw new CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction",
                    new SQLTransientConnectionException(HIKARI_TIMEOUT));
        }

        @PostMapping("/duplicate")
        void duplicate() {
            throw new EventStoreException("append failed", new SQLException("duplicate key value", "23505"));
        }

        @PostMapping("/conflict")
        void conflict() {
            throw new ConcurrencyException("sequence number taken");
        }

        @PostMapping(path = "/invalid", consumes = MediaType.APPLICATION_JSON_VALUE)
        void invalid() {
            throw new InvalidRequestException(List.of(new FieldError("sku", "must not be empty")));
        }
    }

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final CommandProblemHandlers handlers = new CommandProblemHandlers(now::get);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(handlers, new FrameworkProblemHandlers())
            .build();

    private final Logger log = (Logger) LoggerFactory.getLogger(CommandProblemHandlers.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        log.detachAppender(logged);
    }

    @Test
    void a_command_the_database_could_not_take_is_503_with_retry_after_and_a_problem() throws Exception {
        mvc.perform(post("/command"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://orderplatform.io/problems/database-unavailable"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.title").value("The database cannot be reached"));
    }

    @Test
    void any_endpoint_that_found_no_connection_is_503_too_not_the_catch_all_s_500() throws Exception {
        mvc.perform(get("/relay"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value("https://orderplatform.io/problems/database-unavailable"));
        mvc.perform(post("/transaction"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"));
    }

    @Test
    void other_failures_keep_their_answers() throws Exception {
        mvc.perform(post("/duplicate"))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://orderplatform.io/problems/internal"));
        mvc.perform(post("/conflict"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://orderplatform.io/problems/concurrent-modification"));
        mvc.perform(post("/invalid").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://orderplatform.io/problems/validation"));
    }

    @Test
    void an_outage_is_logged_once_per_ten_seconds_with_the_count_of_requests_answered_503() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/command")).andExpect(status().isServiceUnavailable());
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().getFirst().getFormattedMessage())
                .contains("1 request(s) answered 503")
                .contains(HIKARI_TIMEOUT);
        assertThat(warnings().getFirst().getThrowableProxy()).isNull();

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        mvc.perform(get("/relay")).andExpect(status().isServiceUnavailable());

        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(1).getFormattedMessage()).contains("5 request(s) answered 503");
    }

    private List<ILoggingEvent> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }
}
