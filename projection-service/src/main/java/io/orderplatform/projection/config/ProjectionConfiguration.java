package io.orderplatform.projection.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.kafka.membership.ServiceInstance;
import io.orderplatform.projection.replay.ProjectionAdminController;
import io.orderplatform.projection.streams.ProjectionTopology;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.streams.query.ChangeSignal;
import io.orderplatform.streams.query.PeerClient;
import io.orderplatform.streams.query.StoreRouter;
import io.orderplatform.streams.versions.ControlLog;
import io.orderplatform.streams.versions.CoordinatorElection;
import io.orderplatform.streams.versions.GroupAdmin;
import io.orderplatform.streams.versions.ReplayProgress;
import io.orderplatform.streams.versions.VersionedApplication;
import io.orderplatform.streams.web.QueryResponses;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Wires the projections, their replay and their query side. */
@Configuration(proxyBeanMethods = false)
@Import(QueryResponses.class)
public class ProjectionConfiguration {

    /** The topics the projections read; a version's lag is measured against them. */
    static final List<String> INPUT_TOPICS = List.of(
            Topics.ORDERS_EVENTS.name(),
            Topics.INVENTORY_EVENTS.name(),
            Topics.ORDERS_COMMANDS.name(),
            Topics.INVENTORY_COMMANDS.name(),
            Topics.FULFILLMENT_REPLIES.name(),
            Topics.PROJECTION_SERVICE.retry().name());

    @Bean
    public NewTopic projectionControlTopic(ServiceInstance instance) {
        return ControlLog.topic(VersionedApplication.controlTopic(instance.service()));
    }

    @Bean
    public HostInfo selfHost(
            @Value("${projection.advertised-host:localhost}") String advertisedHost,
            @Value("${server.port}") int port) {
        return new HostInfo(advertisedHost, port);
    }

    @Bean
    public ChangeSignal viewChanges() {
        return new ChangeSignal();
    }

    @Bean
    public ProjectionMetrics projectionMetrics(MeterRegistry registry, ChangeSignal changes) {
        return new ProjectionMetrics(registry, changes);
    }

    @Bean(destroyMethod = "close")
    public GroupAdmin groupAdmin(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return new GroupAdmin(bootstrapServers, INPUT_TOPICS);
    }

    @Bean
    public ReplayProgress replayProgress(GroupAdmin groups, Clock clock) {
        return new ReplayProgress(groups, clock);
    }

    @Bean
    public VersionedApplication projectionRuntime(
            ServiceInstance instance,
            HostInfo self,
            ProjectionMetrics metrics,
            GroupAdmin groups,
            ReplayProgress progress,
            Clock clock,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${projection.commit-interval:PT0.1S}") Duration commitInterval,
            @Value("${projection.state-dir:${java.io.tmpdir}/projection-service}") Path stateDir,
            @Value("${projection.stream-threads:2}") int streamThreads,
            @Value("${projection.cache-bytes:67108864}") long cacheBytes) {
        String controlTopic = VersionedApplication.controlTopic(instance.service());
        return new VersionedApplication(
                instance.service(),
                instance.instanceId(),
                () -> ProjectionTopology.build(metrics),
                applicationId -> streamsSettings(
                        applicationId,
                        instance,
                        self,
                        bootstrapServers,
                        commitInterval,
                        stateDir,
                        streamThreads,
                        cacheBytes),
                onChange -> new ControlLog(bootstrapServers, controlTopic, clock, onChange),
                () -> new CoordinatorElection(
                        bootstrapServers,
                        controlTopic,
                        VersionedApplication.electionGroup(instance.service()),
                        instance.instanceId()),
                groups,
                progress,
                clock);
    }

    /** The Kafka Streams settings of one version of the projections on this instance. */
    static Properties streamsSettings(
            String applicationId,
            ServiceInstance instance,
            HostInfo self,
            String bootstrapServers,
            Duration commitInterval,
            Path stateDir,
            int streamThreads,
            long cacheBytes) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        // The record caches in front of the stores: a rebuild rewrites each order several times per commit.
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 50);
        // Each instance its own state directory, also when several run in one JVM; versions get their own
        // subdirectory from their application id.
        config.put(
                StreamsConfig.STATE_DIR_CONFIG,
                stateDir.resolve(instance.instanceId()).toString());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        // A standby copy of every partition on another instance: reads go on when one instance stops.
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        // An instance that comes back with its state lost (a kill under exactly-once wipes it) first warms up
        // copies of its tasks; it is given them back at the next probing rebalance: after a minute, the
        // shortest Kafka allows, not the default ten, while the other instance carries every task alone.
        config.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000);
        // Static membership: a restarted instance takes its tasks back at once.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance.groupInstanceId());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 15_000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return config;
    }

    @Bean
    public ProjectionStreamsHealth projectionStreamsHealth(VersionedApplication runtime) {
        return new ProjectionStreamsHealth(runtime);
    }

    /** Every query of the views, routed to the copy that can answer it. */
    @Bean(destroyMethod = "close")
    public StoreRouter storeRouter(
            VersionedApplication runtime, HostInfo self, ChangeSignal changes, MeterRegistry registry) {
        return new StoreRouter(runtime, self, new PeerClient(), changes, StoreRouter.DEFAULT_GRACE, registry);
    }

    @Bean
    public ProjectionAdminController projectionAdminController(
            VersionedApplication runtime, ReplayProgress progress, ServiceInstance instance) {
        return new ProjectionAdminController(runtime, progress, instance.instanceId());
    }
}
