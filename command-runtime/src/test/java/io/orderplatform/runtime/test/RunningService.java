package io.orderplatform.runtime.test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A service started by a test outside Spring's test context (e.g. by a jqwik container), on a free
 * port, against the infrastructure shared by the tests of the JVM.
 */
public record RunningService(ConfigurableApplicationContext context, int port) implements AutoCloseable {

    public static RunningService start(Class<?> application) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .initializers(new SharedInfrastructureInitializer())
                .run("--server.port=0");
        return new RunningService(
                context, ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** Events in the service's event store. */
    public long events() {
        return jdbc().queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
