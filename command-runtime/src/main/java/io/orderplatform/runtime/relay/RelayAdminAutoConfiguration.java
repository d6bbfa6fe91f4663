package io.orderplatform.runtime.relay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Gives every command service with a relay its admin API ({@link RelayAdminController}): the relay's
 * status and the republish of its event store.
 */
@AutoConfiguration(after = EventRelayAutoConfiguration.class)
@ConditionalOnBean(RelayDefinition.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RelayAdminAutoConfiguration {

    /** Told of every committed batch like the relay's other listeners; costs one entry per batch. */
    @Bean
    PublishRate relayPublishRate() {
        return new PublishRate(System::nanoTime);
    }

    @Bean
    RelayRepublisher relayRepublisher(EventProcessingConfiguration processing, RelayLag lag, PublishRate rate) {
        return new RelayRepublisher(
                () -> processing
                        .eventProcessor(EventRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                        .orElseThrow(),
                lag,
                rate);
    }

    @Bean
    RelayAdminController relayAdminController(RelayRepublisher relayRepublisher) {
        return new RelayAdminController(relayRepublisher);
    }
}
