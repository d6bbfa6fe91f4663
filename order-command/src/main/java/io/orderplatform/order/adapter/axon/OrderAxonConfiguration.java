package io.orderplatform.order.adapter.axon;

import io.orderplatform.order.application.OrderCommands;
import io.orderplatform.order.domain.Order;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
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

    @Bean
    public OrderCommands orderCommands(CommandGateway commandGateway) {
        return new OrderCommands(commandGateway);
    }
}
