package io.orderplatform.order.adapter.kafka;

import io.orderplatform.order.domain.OrderRefusedException;
import io.orderplatform.runtime.intake.IntakeDefinition;
import io.orderplatform.runtime.relay.RelayDefinition;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.orders.OrderCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order service's Kafka side: its events go to {@code orders.events}, its commands come from {@code orders.commands}. */
@Configuration(proxyBeanMethods = false)
public class OrderKafkaConfiguration {

    @Bean
    public RelayDefinition relayDefinition() {
        return new RelayDefinition(Topics.ORDERS_EVENTS);
    }

    @Bean
    public IntakeDefinition<OrderCommand> intakeDefinition() {
        return IntakeDefinition.of(
                        Topics.ORDERS_COMMANDS,
                        OrderCommand::orderId,
                        OrderCommand::orderId,
                        OrderRefusedException.class::isInstance)
                .withUnknownAggregate(command -> "order " + command.orderId() + " does not exist");
    }
}
