package io.orderplatform.runtime.seats;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderplatform.runtime.seats.SeatContracts.BookSeat;
import io.orderplatform.runtime.seats.SeatContracts.SeatBooked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A seat, booked once; booking it again for the same booking succeeds without a new event. */
class Seat {

    /** A seat taken by another booking: a business refusal. */
    static class SeatTaken extends RuntimeException {
        SeatTaken(String seatId, String bookingId) {
            super("seat " + seatId + " is taken by booking " + bookingId);
        }
    }

    @AggregateIdentifier
    private String seatId;

    private String bookingId;

    protected Seat() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(BookSeat command) {
        if (bookingId == null) {
            apply(new SeatBooked(command.seatId(), command.bookingId()));
        } else if (!bookingId.equals(command.bookingId())) {
            throw new SeatTaken(seatId, bookingId);
        }
    }

    @EventSourcingHandler
    void on(SeatBooked event) {
        seatId = event.seatId();
        bookingId = event.bookingId();
    }
}
