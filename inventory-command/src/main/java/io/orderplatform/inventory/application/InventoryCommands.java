package io.orderplatform.inventory.application;

import io.orderplatform.inventory.domain.InventoryItem;
import io.orderplatform.inventory.domain.ProductState;
import io.orderplatform.runtime.axon.CommandMessages;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.schemas.inventory.AddStock;
import io.orderplatform.schemas.inventory.RegisterProduct;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Registering and restocking products on behalf of HTTP clients. Runs in the caller's transaction, so
 * the events are committed together with whatever else the caller records (its idempotency key).
 */
public class InventoryCommands {

    private final CommandGateway commandGateway;

    public InventoryCommands(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Registers a product with its initial stock; it is then at version 1. */
    public ProductState register(RegisterProduct command, CommandOrigin origin) {
        return commandGateway.sendAndWait(CommandMessages.of(command, origin));
    }

    /**
     * Adds units to a product's stock.
     *
     * @param expectedVersion the version the client last saw (If-Match), or null to restock whatever it is
     */
    public ProductState restock(AddStock command, Long expectedVersion, CommandOrigin origin) {
        Map<String, Object> metaData =
                expectedVersion == null ? Map.of() : Map.of(InventoryItem.EXPECTED_VERSION, expectedVersion);
        return commandGateway.sendAndWait(CommandMessages.of(command, origin, metaData));
    }
}
