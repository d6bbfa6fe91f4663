package io.orderplatform.order.adapter.axon;

import io.orderplatform.schemas.orders.OrderCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Routes an order command to its order by {@link OrderCommand#orderId()}, so that the contract
 * records need no Axon annotation. Version checks are the aggregate's own ({@link io.orderplatform.order.domain.Order#EXPECTED_VERSION}).
 */
public final class OrderTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof OrderCommand orderCommand)) {
            throw new IllegalArgumentException(command.getPayloadType().getName() + " is not an order command");
        }
        return new VersionedAggregateIdentifier(orderCommand.orderId(), null);
    }
}
