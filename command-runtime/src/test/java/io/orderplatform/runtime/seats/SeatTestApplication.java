package io.orderplatform.runtime.seats;

import io.orderplatform.runtime.intake.IntakeDefinition;
import io.orderplatform.runtime.relay.RelayDefinition;
import io.orderplatform.runtime.seats.SeatContracts.BookSeat;
import io.orderplatform.schemas.catalog.ConsumerTopics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** A whole command service built on the runtime around {@link Seat}, with a migration of its own. */
@SpringBootApplication
public class SeatTestApplication {

    @Bean
    ConfigurerModule seatAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Seat.class)
                .configureCommandTargetResolver(config ->
                        command -> new VersionedAggregateIdentifier(((BookSeat) command.getPayload()).seatId(), null)));
    }

    @Bean
    RelayDefinition relayDefinition() {
        return new RelayDefinition(SeatContracts.SEAT_EVENTS);
    }

    @Bean
    IntakeDefinition<BookSeat> intakeDefinition() {
        return IntakeDefinition.of(
                SeatContracts.SEAT_COMMANDS, BookSeat::seatId, BookSeat::bookingId, Seat.SeatTaken.class::isInstance);
    }

    /** Open unless a test closes it (see {@code RelayRepublishIT}). */
    @Bean
    RelayGate relayGate() {
        return new RelayGate();
    }

    /** Not in the platform's catalog: its dead letters and retry topic, as any such service declares them. */
    @Bean
    ConsumerTopics consumerTopics() {
        return ConsumerTopics.of("seat-service", Map.of(), Map.of(), List.of(SeatContracts.SEAT_COMMANDS));
    }

    @Bean
    KafkaAdmin.NewTopics seatTopics(ConsumerTopics consumerTopics) {
        return new KafkaAdmin.NewTopics(
                new NewTopic(SeatContracts.SEAT_COMMANDS.name(), 3, (short) 1),
                new NewTopic(SeatContracts.SEAT_EVENTS.name(), 3, (short) 1),
                new NewTopic(
                        consumerTopics
                                .deadLettersOf(SeatContracts.SEAT_COMMANDS)
                                .name(),
                        3,
                        (short) 1),
                new NewTopic(consumerTopics.retry().name(), 3, (short) 1));
    }
}
