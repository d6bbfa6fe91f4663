package io.orderplatform.runtime.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings every command service runs with, as Boot's default properties: below everything a
 * service (its {@code @PropertySource}) or its operator configures: the runtime's Kafka records are {@code String} keys and {@code byte[]}
 * CloudEvents values read committed from the earliest offset, Axon runs without Axon Server, the
 * service stops gracefully but within seconds, a request gives up on the database within a second
 * when it cannot be reached, and health, metrics and probes are exposed. A service then only names
 * itself, its port and its database.
 */
public class CommandServiceDefaults implements EnvironmentPostProcessor {

    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer"),
            Map.entry(
                    "spring.kafka.producer.value-serializer",
                    "org.apache.kafka.common.serialization.ByteArraySerializer"),
            Map.entry(
                    "spring.kafka.consumer.key-deserializer",
                    "org.apache.kafka.common.serialization.StringDeserializer"),
            Map.entry(
                    "spring.kafka.consumer.value-deserializer",
                    "org.apache.kafka.common.serialization.ByteArrayDeserializer"),
            Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
            Map.entry("spring.kafka.consumer.isolation-level", "read-committed"),
            // One consumer per partition of a command topic: commands of one aggregate stay in order
            // (one partition), different aggregates are handled in parallel.
            Map.entry("spring.kafka.listener.concurrency", "6"),
            // Replies and dead letters are acknowledged only once every in-sync replica has them (the
            // client's default, stated because a reply lost with a broker would leave a saga waiting).
            Map.entry("spring.kafka.producer.acks", "all"),
            // A reply is sent and awaited per command: do not wait to batch it with others.
            Map.entry("spring.kafka.producer.properties.linger.ms", "0"),
            // The database out of reach is answered 503 within a second (CommandProblemHandlers), not
            // after Hikari's default 30 s wait for a connection; the same wait bounds a request when
            // every connection is busy. Checking an idle connection (on borrow after 500 ms unused)
            // gives up after the validation timeout; pgjdbc counts it in whole seconds, so 1 s.
            Map.entry("spring.datasource.hikari.connection-timeout", "750"),
            Map.entry("spring.datasource.hikari.validation-timeout", "750"),
            // pgjdbc, in seconds: opening a connection to an address that does not answer, so that the
            // pool reconnects within seconds once the database is back; and a read that waits longer
            // than any statement here takes (the relay reads the store in batches, a claim waits at
            // most for another request's transaction), so that a connection to a server that vanished
            // without closing it fails instead of hanging until TCP gives up.
            Map.entry("spring.datasource.hikari.data-source-properties[connectTimeout]", "2"),
            Map.entry("spring.datasource.hikari.data-source-properties[socketTimeout]", "30"),
            // Axon's repository logs every aggregate it cannot load as a WARN with its stack trace, then
            // throws: an order naming a product that does not exist is an expected refusal (answered
            // UNKNOWN_PRODUCT), and a real failure (the database gone) is reported by whoever handles
            // the exception (the HTTP problem handlers, the intake). Its errors still show.
            Map.entry("logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR"),
            Map.entry("axon.axonserver.enabled", "false"),
            Map.entry("axon.update-check.disabled", "true"),
            Map.entry("server.shutdown", "graceful"),
            Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "3s"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.show-details", "always"),
            Map.entry("springdoc.api-docs.path", "/v3/api-docs"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(DEFAULTS, environment.getPropertySources());
    }
}
