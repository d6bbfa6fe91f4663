package io.orderplatform.runtime.axon;

import io.orderplatform.kafka.membership.ServiceInstance;
import io.orderplatform.schemas.json.ContractJson;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.autoconfig.XStreamAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires Axon explicitly onto the service's PostgreSQL: the JDBC event and token stores in
 * snake_case tables created by Flyway, Spring's transaction manager and the contract JSON mapping.
 *
 * <p>Axon's own auto-configuration cannot be trusted with this on Spring Boot 4: it is ordered after
 * Boot 3's DataSource configuration class names, so it may run before the DataSource exists and
 * silently fall back to defaults (an in-memory store, no transactions, its own ObjectMapper that
 * writes {@code Instant}s as numbers). This class runs after Boot's DataSource, transaction manager
 * and Flyway, and before all of Axon's, defining every bean Axon would otherwise guess.
 */
@AutoConfiguration(
        after = {
            DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            FlywayAutoConfiguration.class
        },
        before = {
            AxonAutoConfiguration.class,
            JdbcAutoConfiguration.class,
            NoOpTransactionAutoConfiguration.class,
            org.axonframework.springboot.autoconfig.TransactionAutoConfiguration.class,
            ObjectMapperAutoConfiguration.class,
            XStreamAutoConfiguration.class
        })
public class AxonJdbcAutoConfiguration {

    /** How long the event store waits before polling for events committed by other transactions. */
    static final long EVENT_FETCH_DELAY_MS = 50;

    /** Events the event store reads per query unless {@code platform.event-store.fetch-size} says otherwise. */
    static final int DEFAULT_FETCH_SIZE = 1000;

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /** The serializer of everything Axon stores: events, metadata, tokens, snapshots. */
    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(ContractJson.mapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * The JDBC event store. It reads {@code platform.event-store.fetch-size} events per query (default
     * {@value #DEFAULT_FETCH_SIZE}; Axon's is 100): a processor catching up, above all the relay
     * republishing a store, reads the whole store through it, and every query costs a round trip and a
     * transaction on the relay's one thread whatever it returns. A live processor reads what is new, a
     * few events, whatever the size; loading an aggregate reads its history by the same size.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(
            ConnectionProvider connectionProvider,
            TransactionManager axonTransactionManager,
            Serializer serializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            EventSchema eventSchema,
            @Value("${platform.event-store.fetch-size:" + DEFAULT_FETCH_SIZE + "}") int fetchSize) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(axonTransactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .schema(eventSchema)
                .dataType(byte[].class)
                .batchSize(fetchSize)
                .build();
    }

    /**
     * The event store, polling for newly committed events every {@value #EVENT_FETCH_DELAY_MS} ms
     * instead of Axon's default second: commands commit in the HTTP request's transaction, after
     * Axon has already signalled its processors, so the relay's latency is this delay.
     */
    @Bean
    public EventStore eventStore(EventStorageEngine eventStorageEngine, Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(EVENT_FETCH_DELAY_MS)
                .build();
    }

    /**
     * The processors' positions. Their owner is this instance's stable id (see {@link ServiceInstance}), not
     * Axon's default of process id and host: after a kill, the restarted instance takes its segments
     * back at once instead of waiting for the dead process's claims to time out. A second instance
     * with the same id would share the claims; the relay's Kafka transactional id still fences it.
     */
    @Bean
    public TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            Serializer serializer,
            TokenSchema tokenSchema,
            ServiceInstance instance) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .contentType(byte[].class)
                .nodeId(instance.ownerId())
                .build();
    }
}
