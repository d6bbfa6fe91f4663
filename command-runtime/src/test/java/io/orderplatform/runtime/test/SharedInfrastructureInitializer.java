package io.orderplatform.runtime.test;

import io.orderplatform.embedded.Infrastructure;
import io.orderplatform.embedded.SharedInfrastructure;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at the PostgreSQL and Kafka shared by all tests of the JVM: the
 * embedded ones by default, containers with {@code -Dplatform.infrastructure=testcontainers}.
 * Each service gets its own database, named after {@code spring.application.name}.
 */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Infrastructure infrastructure = SharedInfrastructure.get();
        String database = context.getEnvironment()
                        .getProperty("spring.application.name", "service")
                        .replace('-', '_')
                + "_test";
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "shared-test-infrastructure",
                        Map.of(
                                "spring.datasource.url", infrastructure.jdbcUrl(database),
                                "spring.datasource.username", infrastructure.databaseUsername(),
                                "spring.datasource.password", infrastructure.databasePassword(),
                                "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers())));
    }
}
