package io.orderplatform.saga.adapter.streams;

import io.orderplatform.kafka.membership.ServiceInstance;
import io.orderplatform.saga.domain.FulfillmentSaga;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the saga topology with exactly-once processing: a saga's new state, its deadlines and the
 * commands it sends are committed in one Kafka transaction, so no outbox table is needed.
 */
@Configuration(proxyBeanMethods = false)
public class SagaStreamsConfiguration {

    @Bean
    public SagaStreamsHealth sagaStreamsHealth(SagaStreams sagaStreams) {
        return new SagaStreamsHealth(sagaStreams);
    }

    @Bean
    public SagaStreams sagaStreams(
            ServiceInstance instance,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${saga.step-timeout:PT5S}") Duration stepTimeout,
            @Value("${saga.reserve-resends:2}") int reserveResends,
            @Value("${saga.deadline-check:PT0.2S}") Duration deadlineCheck,
            @Value("${saga.commit-interval:PT0.05S}") Duration commitInterval,
            @Value("${saga.state-dir:${java.io.tmpdir}/saga-orchestrator}") Path stateDir,
            @Value("${saga.advertised-host:localhost}") String advertisedHost,
            @Value("${server.port}") int port) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, instance.service());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Every hop of a saga waits up to one commit interval: short, for the place-to-confirmed latency.
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // A transaction begun right after a commit may find the last one still completing
        // (CONCURRENT_TRANSACTIONS): retry within milliseconds, not after the default 100 ms and more.
        config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 50);
        // Each instance its own state directory, also when several run in one JVM.
        config.put(
                StreamsConfig.STATE_DIR_CONFIG,
                stateDir.resolve(instance.instanceId()).toString());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + port);
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        // An instance that comes back with its state lost (a kill under exactly-once wipes it) first warms up
        // copies of its tasks; it is given them back at the next probing rebalance: after a minute, the
        // shortest Kafka allows, not the default ten, while the other instance carries every task alone.
        config.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000);
        // Static membership: a restarted instance takes its tasks back at once.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance.groupInstanceId());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 15_000);
        return new SagaStreams(
                SagaTopology.build(
                        FulfillmentSaga.definition(stepTimeout, reserveResends),
                        deadlineCheck,
                        () -> UUID.randomUUID().toString()),
                config);
    }
}
