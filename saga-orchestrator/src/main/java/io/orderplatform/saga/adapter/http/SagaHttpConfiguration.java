package io.orderplatform.saga.adapter.http;

import io.orderplatform.saga.adapter.streams.SagaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The saga's query side; its dead-letter API is the platform's ({@code /admin/dead-letters}). */
@Configuration(proxyBeanMethods = false)
public class SagaHttpConfiguration {

    @Bean
    public SagaQueries sagaQueries(
            SagaStreams streams,
            @Value("${saga.advertised-host:localhost}") String advertisedHost,
            @Value("${server.port}") int port) {
        return new SagaQueries(streams, new HostInfo(advertisedHost, port));
    }
}
