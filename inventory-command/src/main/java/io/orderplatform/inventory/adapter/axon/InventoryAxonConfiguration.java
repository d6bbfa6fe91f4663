package io.orderplatform.inventory.adapter.axon;

import io.orderplatform.inventory.application.InventoryCommands;
import io.orderplatform.inventory.domain.InventoryItem;
import io.orderplatform.runtime.axon.CommittedAggregateCache;
import io.orderplatform.runtime.axon.SnapshottableAggregate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the event-sourced {@link InventoryItem} with Axon, keeping Axon's Spring wiring out of the
 * domain. A popular product takes two commands for every order that wants it, so its history grows
 * without end: a snapshot every {@value #SNAPSHOT_EVERY} events bounds what a load replays, and the
 * loaded state is cached between commands, once committed ({@link CommittedAggregateCache}). A cached
 * copy goes stale when another instance changes the product; it cannot write: its append fails on the
 * sequence number, which drops it from the cache, and the command runs again on a fresh load (HTTP:
 * {@code IdempotentCommands}; Kafka: the intake's redelivery).
 */
@Configuration(proxyBeanMethods = false)
public class InventoryAxonConfiguration {

    /** Events between snapshots of a product. */
    static final int SNAPSHOT_EVERY = 500;

    /** Products kept loaded between commands. */
    static final long CACHED_PRODUCTS = 10_000;

    /** The product's registration, shared by the module that registers it and its factory's bean. */
    private final AggregateConfigurer<InventoryItem> inventoryItem = AggregateConfigurer.defaultConfiguration(
                    InventoryItem.class)
            .configureCommandTargetResolver(config -> new InventoryTargetResolver())
            .configureCache(config -> productCache())
            .configureSnapshotTrigger(
                    config -> new EventCountSnapshotTriggerDefinition(config.snapshotter(), SNAPSHOT_EVERY));

    @Bean
    public ConfigurerModule inventoryItemAggregate() {
        return configurer -> configurer.configureAggregate(inventoryItem);
    }

    /** Without it, Spring's snapshotter does not know the product and writes no snapshot of it. */
    @Bean
    public AggregateFactory<InventoryItem> inventoryItemFactory() {
        return new SnapshottableAggregate<>(inventoryItem);
    }

    /**
     * Loaded products, strongly held up to {@value #CACHED_PRODUCTS}: a weakly held cache would be
     * emptied by every garbage collection, which under load comes often, and every miss replays. Only
     * what a transaction committed is kept.
     */
    private static Cache productCache() {
        CacheManager manager = CacheManagerBuilder.newCacheManagerBuilder().build(true);
        return new CommittedAggregateCache(new EhCache3Adapter((Ehcache) manager.createCache(
                "inventory-items",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        Object.class, Object.class, ResourcePoolsBuilder.heap(CACHED_PRODUCTS)))));
    }

    @Bean
    public InventoryCommands inventoryCommands(CommandGateway commandGateway) {
        return new InventoryCommands(commandGateway);
    }
}
