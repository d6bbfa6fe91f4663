package io.orderplatform.inventory.domain;

/**
 * How a product answered an order's reservation. A refusal is an answer, not an error: it is recorded
 * as an event, and a repeat of the command gets the same answer.
 *
 * @param refusal why nothing was reserved, or null if the units are held for the order
 */
public record ReservationAnswer(String refusal) {

    static final ReservationAnswer RESERVED = new ReservationAnswer(null);

    static ReservationAnswer refused(String reason) {
        return new ReservationAnswer(reason);
    }

    public boolean reserved() {
        return refusal == null;
    }
}
