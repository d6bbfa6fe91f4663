package io.orderplatform.runtime.intake;

import io.orderplatform.kafka.deadletter.DeadLetterRecoverer;
import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.envelope.InvalidEnvelopeException;
import java.time.Clock;
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
import org.springframework.util.backoff.FixedBackOff;

/**
 * Turns on the command intake from Kafka when the service declares an {@link IntakeDefinition}
 * bean named {@code intakeDefinition}. The service's {@link ConsumerTopics} (from the topic catalog, or
 * its own bean) name its dead letters and its retry topic.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnBean(name = "intakeDefinition")
public class CommandIntakeAutoConfiguration {

    /** Transient failures (database down) are retried this often before the record is dead-lettered. */
    static final FixedBackOff RETRIES = new FixedBackOff(1_000, 5);

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
     * be read, after {@link #RETRIES} otherwise. The partition then moves on.
     */
    @Bean
    public CommonErrorHandler commandErrorHandler(
            KafkaTemplate<String, byte[]> kafkaTemplate, ConsumerTopics consumerTopics, Clock clock) {
        DefaultErrorHandler handler =
                new DefaultErrorHandler(new DeadLetterRecoverer<>(kafkaTemplate, consumerTopics, clock), RETRIES);
        handler.addNotRetryableExceptions(
                InvalidCommandException.class, InvalidEnvelopeException.class, SerializationException.class);
        return handler;
    }
}
