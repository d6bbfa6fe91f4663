package io.orderplatform.saga.adapter.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.saga.adapter.streams.SagaStreams;
import io.orderplatform.streams.query.ChangeSignal;
import io.orderplatform.streams.query.PeerClient;
import io.orderplatform.streams.query.ServingStreams;
import io.orderplatform.streams.query.StoreRouter;
import io.orderplatform.streams.web.QueryResponses;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The saga's query side; its dead-letter API is the platform's ({@code /admin/dead-letters}). */
@Configuration(proxyBeanMethods = false)
@Import(QueryResponses.class)
public class SagaHttpConfiguration {

    /** {@code GET /sagas/{orderId}} routed to the instance holding the order's partition. */
    @Bean(destroyMethod = "close")
    public StoreRouter sagaRouter(
            SagaStreams streams,
            MeterRegistry registry,
            @Value("${saga.advertised-host:localhost}") String advertisedHost,
            @Value("${server.port}") int port) {
        return new StoreRouter(
                ServingStreams.of(streams::streams),
                new HostInfo(advertisedHost, port),
                new PeerClient(),
                new ChangeSignal(),
                StoreRouter.DEFAULT_GRACE,
                registry);
    }
}
