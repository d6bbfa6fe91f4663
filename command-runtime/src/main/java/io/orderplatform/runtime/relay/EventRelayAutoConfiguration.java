package io.orderplatform.runtime.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.schemas.envelope.CloudEventHeaders;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * Turns on the relay from the event store to Kafka when the service declares a {@link RelayDefinition}.
 *
 * <p>The relay runs as a single-threaded tracking processor with one segment, so events leave in
 * store order, and with a propagating error handler: by default Axon only logs a handler's
 * exception and moves on, which for the relay would mean a lost event. Several segments would keep
 * each aggregate's order too (Axon's sequencing policy puts all events of an aggregate in one
 * segment), but each segment's thread reads and decodes the whole stream to pick its share, and each
 * would need a transactional producer of its own: reading is much of the relay's work, so one
 * segment. Its sizes are {@link RelaySettings}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(RelayDefinition.class)
@EnableConfigurationProperties(RelaySettings.class)
public class EventRelayAutoConfiguration {

    @Bean(destroyMethod = "close")
    public RelayPublisher relayPublisher(
            KafkaProperties kafkaProperties,
            RelaySettings relaySettings,
            @Value("${spring.application.name}") String serviceName,
            ObjectProvider<RelayBatchListener> listeners) {
        Map<String, Object> settings = new HashMap<>(kafkaProperties.buildProducerProperties());
        settings.putAll(relaySettings.producerSettings());
        settings.putAll(RelayPublisher.requiredProducerSettings(serviceName + "-relay"));
        return new RelayPublisher(
                () -> new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer()),
                listeners.orderedStream().toList());
    }

    /** Counts the events the relay has published: {@code platform_relay_published_events_total}. */
    @Bean
    public RelayBatchListener publishedEventsCounter(MeterRegistry registry) {
        Counter published = Counter.builder("platform.relay.published")
                .description("Events the relay has published to Kafka (a crash may publish some twice)")
                .baseUnit("events")
                .register(registry);
        return published::increment;
    }

    /** The relay publishes payloads in the form this serializer stored them (the event store's). */
    @Bean
    public EventRelay eventRelay(
            RelayDefinition definition,
            RelayPublisher publisher,
            Serializer serializer,
            @Value("${spring.application.name}") String serviceName) {
        return new EventRelay(definition, publisher, serviceName, serializer);
    }

    /** The relay's processor, and the relay as its only handler (not found by Axon: it has no annotated method). */
    @Bean
    public ConfigurerModule eventRelayProcessor(RelaySettings settings, ObjectProvider<EventRelay> relay) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerEventHandler(config -> relay.getObject())
                .registerTrackingEventProcessor(
                        EventRelay.PROCESSING_GROUP,
                        config -> config.eventStore(),
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.batchSize())
                                .andInitialSegmentsCount(1))
                .registerListenerInvocationErrorHandler(
                        EventRelay.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance()));
    }

    /** Copies the ids of the causing message (Axon's correlation and trace ids) into every event. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Copies the W3C trace context received with a command into the events it causes. */
    @Bean
    public CorrelationDataProvider traceparentCorrelation() {
        return new SimpleCorrelationDataProvider(CloudEventHeaders.TRACEPARENT);
    }

    @Bean
    public RelayLag relayLag(EventStore eventStore, EventProcessingConfiguration processing, MeterRegistry registry) {
        RelayLag lag = new RelayLag(
                eventStore,
                () -> processing
                        .eventProcessor(EventRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                        .orElseThrow());
        Gauge.builder("platform.relay.lag", lag, RelayLag::events)
                .description("Events in the event store that the relay has not yet published to Kafka")
                .baseUnit("events")
                .register(registry);
        return lag;
    }
}
