package io.orderplatform.runtime.intake;

import io.orderplatform.schemas.envelope.InvalidEnvelopeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Turns on the command intake from Kafka when the service declares an {@link IntakeDefinition}
 * bean named {@code intakeDefinition}.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnBean(name = "intakeDefinition")
public class CommandIntakeAutoConfiguration {

    /** Header with the human-readable reason a record was dead-lettered. */
    public static final String DLQ_REASON_HEADER = "dlq_reason";

    /** Transient failures (database down) are retried this often before the record is dead-lettered. */
    static final FixedBackOff RETRIES = new FixedBackOff(1_000, 5);

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public <C> CommandIntake<C> commandIntake(
            IntakeDefinition<C> intakeDefinition,
            CommandGateway commandGateway,
            KafkaTemplate<String, byte[]> kafkaTemplate,
            @Value("${spring.application.name}") String serviceName,
            Clock clock) {
        return new CommandIntake<>(intakeDefinition, commandGateway, kafkaTemplate, serviceName, clock);
    }

    /**
     * Sends a record that cannot be processed to {@code <topic>.dlq}, keyed as before, with the reason:
     * at once if it can never be read, after {@link #RETRIES} otherwise. The partition then moves on.
     */
    @Bean
    public CommonErrorHandler commandErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                kafkaTemplate, (record, exception) -> new TopicPartition(record.topic() + ".dlq", -1));
        recoverer.setHeadersFunction((record, exception) -> {
            Throwable cause = rootCause(exception);
            String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return new RecordHeaders().add(DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, RETRIES);
        handler.addNotRetryableExceptions(
                InvalidCommandException.class, InvalidEnvelopeException.class, SerializationException.class);
        return handler;
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
