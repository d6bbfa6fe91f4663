package io.orderplatform.projection.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One line of an order's audit log: an event of the order, a command the saga sent for it, or a
 * participant's reply.
 *
 * @param kind what the line records
 * @param type the message type, e.g. {@code orders.OrderPlaced.v1}
 * @param version the order's version after an event; null for commands and replies
 * @param id the message id ({@code ce_id})
 * @param data the message as published
 */
public record HistoryEntry(Kind kind, String type, Long version, Instant time, String id, JsonNode data) {

    /** The three kinds of audit line. */
    public enum Kind {
        EVENT,
        COMMAND,
        REPLY
    }
}
