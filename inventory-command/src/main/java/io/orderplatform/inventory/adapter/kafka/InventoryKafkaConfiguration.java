package io.orderplatform.inventory.adapter.kafka;

import io.orderplatform.inventory.domain.InventoryRefusedException;
import io.orderplatform.inventory.domain.ReservationAnswer;
import io.orderplatform.runtime.intake.IntakeDefinition;
import io.orderplatform.runtime.relay.RelayDefinition;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReservationCommand;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.inventory.StockReservationRejected.RejectionReason;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inventory service's Kafka side: its events go to {@code inventory.events} keyed by SKU; stock
 * commands come from {@code inventory.commands} keyed by SKU and are answered on
 * {@code fulfillment.replies} keyed by the order they serve.
 */
@Configuration(proxyBeanMethods = false)
public class InventoryKafkaConfiguration {

    @Bean
    public RelayDefinition relayDefinition() {
        return new RelayDefinition(Topics.INVENTORY_EVENTS);
    }

    @Bean
    public IntakeDefinition<ReservationCommand> intakeDefinition() {
        return IntakeDefinition.of(
                        Topics.INVENTORY_COMMANDS,
                        ReservationCommand::sku,
                        ReservationCommand::orderId,
                        InventoryRefusedException.class::isInstance)
                .withRefusalsIn(result -> result instanceof ReservationAnswer answer ? answer.refusal() : null)
                .withUnknownAggregate(InventoryKafkaConfiguration::unknownProduct);
    }

    /** Reserving an unregistered product is refused; releasing from it succeeds, as nothing is held. */
    private static String unknownProduct(ReservationCommand command) {
        return switch (command) {
            case ReserveStock reserve ->
                RejectionReason.UNKNOWN_PRODUCT + ": no product " + reserve.sku() + " is registered";
            case ReleaseStock release -> null;
        };
    }
}
