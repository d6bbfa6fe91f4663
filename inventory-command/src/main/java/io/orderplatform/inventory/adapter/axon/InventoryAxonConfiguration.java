package io.orderplatform.inventory.adapter.axon;

import io.orderplatform.inventory.application.InventoryCommands;
import io.orderplatform.inventory.domain.InventoryItem;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the event-sourced {@link InventoryItem} with Axon, keeping Axon's Spring wiring out of the
 * domain. A popular product takes a reservation for every order: its loaded state is cached, so a
 * command does not replay the product's whole history. A stale cached copy cannot write: its append
 * fails on the sequence number and is retried on a fresh load.
 */
@Configuration(proxyBeanMethods = false)
public class InventoryAxonConfiguration {

    @Bean
    public ConfigurerModule inventoryItemAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(InventoryItem.class)
                .configureCommandTargetResolver(config -> new InventoryTargetResolver())
                .configureCache(config -> new WeakReferenceCache()));
    }

    @Bean
    public InventoryCommands inventoryCommands(CommandGateway commandGateway) {
        return new InventoryCommands(commandGateway);
    }
}
