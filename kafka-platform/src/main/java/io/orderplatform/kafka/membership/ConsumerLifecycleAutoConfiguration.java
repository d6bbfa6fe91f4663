package io.orderplatform.kafka.membership;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Makes a service's Kafka listeners restart and stop in seconds, in any state.
 *
 * <ul>
 *   <li>Static group membership ({@code group.instance.id}, see {@link ServiceInstance}): after a kill or a
 *       restart, the instance gets its partitions back as soon as it rejoins. The price: partitions of
 *       an instance that never comes back wait {@code session.timeout.ms} (shortened here) before the
 *       others take them over.
 *   <li>A short listener stop timeout: a container that is still joining its group on SIGTERM does not
 *       hold the shutdown for Spring's whole 30 s shutdown phase. A record being processed is either
 *       finished or, uncommitted, redelivered after the restart.
 * </ul>
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class ConsumerLifecycleAutoConfiguration {

    /** How long a dead static member keeps its partitions before the group moves them elsewhere. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);

    /** How long a listener container may take to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    @Bean
    public ServiceInstance serviceInstance(
            @Value("${spring.application.name}") String service,
            @Value("${platform.instance-id:}") String configuredInstanceId) {
        return ServiceInstance.resolve(service, configuredInstanceId);
    }

    @Bean
    public DefaultKafkaConsumerFactoryCustomizer staticGroupMembership(ServiceInstance instance) {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                instance.groupInstanceId(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                (int) SESSION_TIMEOUT.toMillis()));
    }

    @Bean
    public ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> quickListenerStop() {
        return container -> container.getContainerProperties().setShutdownTimeout(STOP_TIMEOUT.toMillis());
    }
}
