package io.orderplatform.inventory.adapter.axon;

import io.orderplatform.schemas.inventory.InventoryCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Routes an inventory command to its product by {@link InventoryCommand#sku()}, so that the contract
 * records need no Axon annotation. Version checks are the aggregate's own.
 */
public final class InventoryTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof InventoryCommand inventoryCommand)) {
            throw new IllegalArgumentException(command.getPayloadType().getName() + " is not an inventory command");
        }
        return new VersionedAggregateIdentifier(inventoryCommand.sku(), null);
    }
}
