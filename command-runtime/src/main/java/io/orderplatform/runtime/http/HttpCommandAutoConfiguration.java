package io.orderplatform.runtime.http;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The HTTP conventions every command service shares: problem details, size limit, idempotency. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableScheduling
public class HttpCommandAutoConfiguration {

    /** The largest command body accepted. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    @Bean
    public CommandProblemHandlers commandProblemHandlers() {
        return new CommandProblemHandlers();
    }

    @Bean
    public WebMvcConfigurer commandOriginResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new HttpCommandOrigins());
            }
        };
    }

    @Bean
    public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(MAX_BODY_BYTES, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    public IdempotencyStore idempotencyStore(DataSource dataSource) {
        return new IdempotencyStore(JdbcClient.create(dataSource));
    }

    @Bean
    public IdempotentCommands idempotentCommands(
            PlatformTransactionManager transactionManager, IdempotencyStore idempotencyStore) {
        return new IdempotentCommands(new TransactionTemplate(transactionManager), idempotencyStore);
    }

    @Bean
    public IdempotencyKeyExpiry idempotencyKeyExpiry(
            IdempotencyStore idempotencyStore, @Value("${platform.idempotency.retention:P7D}") Duration retention) {
        return new IdempotencyKeyExpiry(idempotencyStore, retention);
    }

    /** Forgets Idempotency-Keys once they are older than the retention (seven days by default). */
    public record IdempotencyKeyExpiry(IdempotencyStore store, Duration retention) {
        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
        public void expire() {
            store.deleteOlderThan(retention);
        }
    }
}
