package io.orderplatform.kafka.topics;

import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.Topic;
import io.orderplatform.schemas.catalog.Topics;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates every topic of the catalog at start-up, idempotently: existing topics are left as they are.
 * Spring's {@link KafkaAdmin} creates the declared {@link NewTopic}s when the context starts. A service
 * the catalog names as a consumer also gets its {@link ConsumerTopics} (its dead letters and retry
 * topic) as a bean, unless it declares its own.
 */
@AutoConfiguration
public class TopicCatalogAutoConfiguration {

    @Bean
    public KafkaAdmin.NewTopics platformTopics(
            @Value("${platform.kafka.replication-factor:-1}") short replicationFactor) {
        Optional<Short> replicas = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        return new KafkaAdmin.NewTopics(
                Topics.all().stream().map(topic -> newTopic(topic, replicas)).toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(CatalogConsumerCondition.class)
    public ConsumerTopics consumerTopics(@Value("${spring.application.name}") String service) {
        return Topics.consumer(service).orElseThrow();
    }

    private static NewTopic newTopic(Topic<?, ?> topic, Optional<Short> replicas) {
        return new NewTopic(topic.name(), Optional.of(topic.partitions()), replicas).configs(topic.configs());
    }
}
