package io.orderplatform.runtime.seats;

import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.json.MessageType;
import io.orderplatform.schemas.json.MessageTypes;
import java.util.Map;

/**
 * A second, non-order kind of aggregate for the runtime's own tests: seats booked by bookings. The
 * seat is the aggregate (and record key); the booking is what a command's reply is keyed by.
 */
final class SeatContracts {

    record BookSeat(String seatId, String bookingId) {}

    record SeatBooked(String seatId, String bookingId) {}

    static final MessageType<BookSeat> BOOK_SEAT = new MessageType<>("seats.BookSeat.v1", BookSeat.class);
    static final MessageType<SeatBooked> SEAT_BOOKED = new MessageType<>("seats.SeatBooked.v1", SeatBooked.class);

    static final ContractTopic<BookSeat> SEAT_COMMANDS =
            ContractTopic.of("test.seats.commands", MessageTypes.of(BookSeat.class, BOOK_SEAT), 3, Map.of());
    static final ContractTopic<SeatBooked> SEAT_EVENTS =
            ContractTopic.of("test.seats.events", MessageTypes.of(SeatBooked.class, SEAT_BOOKED), 3, Map.of());

    private SeatContracts() {}
}
