package io.orderplatform.runtime.intake;

import io.orderplatform.kafka.deadletter.DeadLetterRecoverer;
import io.orderplatform.runtime.axon.DatabaseUnavailable;
import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.envelope.InvalidEnvelopeException;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Turns on the command intake from Kafka when the service declares an {@link IntakeDefinition}
 * bean named {@code intakeDefinition}. The service's {@link ConsumerTopics} (from the topic catalog, or
 * its own bean) name its dead letters and its retry topic.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnBean(name = "intakeDefinition")
public class CommandIntakeAutoConfiguration {

    /**
     * Other failures that may pass (an append refused because a cached aggregate was stale, a reply
     * Kafka did not take) are retried this often before the record is dead-lettered.
     */
    static final FixedBackOff RETRIES = new FixedBackOff(1_000, 5);

    /**
     * A command that failed because the database cannot be reached is retried until it can: after 1 s,
     * then twice as long each time up to 2 s (so that a partition resumes within 2 s of the database's return,
     * and its backlog is not made longer than the outage by the wait). It is never dead-lettered for that (a request gives up on
     * the database within a second, so {@link #RETRIES} would be spent in seconds), and the partition
     * waits for it, as its later commands would fail alike.
     */
    static BackOff whileDatabaseUnavailable() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2);
        backOff.setMaxInterval(2_000);
        return backOff;
    }

    @Bean
    public <C> CommandIntake<C> commandIntake(
            IntakeDefinition<C> intakeDefinition,
            ConsumerTopics consumerTopics,
            CommandGateway commandGateway,
            KafkaTemplate<String, byte[]> kafkaTemplate,
            @Value("${spring.application.name}") String serviceName,
            Clock clock) {
        return new CommandIntake<>(intakeDefinition, consumerTopics, commandGateway, kafkaTemplate, serviceName, clock);
    }

    /**
     * Sends a record that cannot be processed to the service's {@code <service>.<topic>.dlq} (for a
     * retried record, of its original topic), keyed as before, with the reason: at once if it can never
     * be read, after {@link #RETRIES} otherwise. The partition then moves on. A record failing because
     * the database cannot be reached is retried until it can ({@link #whileDatabaseUnavailable()}).
     */
    @Bean
    public CommonErrorHandler commandErrorHandler(
            KafkaTemplate<String, byte[]> kafkaTemplate, ConsumerTopics consumerTopics, Clock clock) {
        DefaultErrorHandler handler =
                new DefaultErrorHandler(new DeadLetterRecoverer<>(kafkaTemplate, consumerTopics, clock), RETRIES);
        handler.addNotRetryableExceptions(
                InvalidCommandException.class, InvalidEnvelopeException.class, SerializationException.class);
        handler.setBackOffFunction(CommandIntakeAutoConfiguration::backOffFor);
        return handler;
    }

    /** The back-off of a failed record: null for {@link #RETRIES}. */
    static BackOff backOffFor(ConsumerRecord<?, ?> record, Exception failure) {
        return DatabaseUnavailable.isCause(failure) ? whileDatabaseUnavailable() : null;
    }
}
