package io.orderplatform.kafka.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Installs the {@link RoutineRetryLogFilter} in Logback when the application has started, once per
 * logging context (dev mode runs every service in one JVM), after Spring Boot has configured logging.
 */
@AutoConfiguration
@ConditionalOnClass(LoggerContext.class)
public class RoutineRetryLogFilterAutoConfiguration {

    @Bean
    ApplicationListener<ContextRefreshedEvent> routineRetryLogFilterInstaller() {
        return event -> install();
    }

    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
            synchronized (logging) {
                boolean installed =
                        logging.getTurboFilterList().stream().anyMatch(RoutineRetryLogFilter.class::isInstance);
                if (!installed) {
                    RoutineRetryLogFilter filter = new RoutineRetryLogFilter();
                    filter.setContext(logging);
                    filter.start();
                    logging.addTurboFilter(filter);
                }
            }
        }
    }
}
