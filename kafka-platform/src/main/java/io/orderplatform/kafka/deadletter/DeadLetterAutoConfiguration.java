package io.orderplatform.kafka.deadletter;

import io.orderplatform.kafka.deadletter.admin.DeadLetterAdmin;
import io.orderplatform.kafka.time.PlatformClockAutoConfiguration;
import io.orderplatform.kafka.topics.TopicCatalogAutoConfiguration;
import io.orderplatform.schemas.catalog.ConsumerTopics;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The dead-letter admin of a service that owns dead letters (has {@link ConsumerTopics}). */
@AutoConfiguration(after = {TopicCatalogAutoConfiguration.class, PlatformClockAutoConfiguration.class})
@ConditionalOnBean(ConsumerTopics.class)
public class DeadLetterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public DeadLetterAdmin deadLetterAdmin(
            ConsumerTopics consumerTopics,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            Clock clock) {
        return new DeadLetterAdmin(bootstrapServers, consumerTopics, clock);
    }
}
