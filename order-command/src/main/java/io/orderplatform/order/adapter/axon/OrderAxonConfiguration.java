package io.orderplatform.order.adapter.axon;

import io.orderplatform.order.application.OrderCommands;
import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OrderTargetResolver;
import io.orderplatform.runtime.relay.TraceContext;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the event-sourced {@link Order} with Axon, keeping Axon's Spring wiring out of the domain. */
@Configuration(proxyBeanMethods = false)
public class OrderAxonConfiguration {

    @Bean
    public ConfigurerModule orderAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Order.class)
                .configureCommandTargetResolver(config -> new OrderTargetResolver()));
    }

    /** Copies the request's trace context from each command into the events it causes. */
    @Bean
    public CorrelationDataProvider traceparentCorrelation() {
        return new SimpleCorrelationDataProvider(TraceContext.TRACEPARENT);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public OrderCommands orderCommands(CommandGateway commandGateway) {
        return new OrderCommands(commandGateway);
    }
}
