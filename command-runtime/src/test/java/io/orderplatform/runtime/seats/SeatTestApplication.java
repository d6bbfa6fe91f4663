package io.orderplatform.runtime.seats;

import io.orderplatform.runtime.intake.IntakeDefinition;
import io.orderplatform.runtime.relay.RelayDefinition;
import io.orderplatform.runtime.seats.SeatContracts.BookSeat;
import io.orderplatform.schemas.catalog.DeadLetterTopic;
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

    @Bean
    KafkaAdmin.NewTopics seatTopics() {
        return new KafkaAdmin.NewTopics(
                new NewTopic(SeatContracts.SEAT_COMMANDS.name(), 3, (short) 1),
                new NewTopic(SeatContracts.SEAT_EVENTS.name(), 3, (short) 1),
                new NewTopic(DeadLetterTopic.nameFor(SeatContracts.SEAT_COMMANDS.name()), 3, (short) 1));
    }
}
