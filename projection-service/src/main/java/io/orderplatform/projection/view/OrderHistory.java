package io.orderplatform.projection.view;

import java.time.Instant;
import java.util.List;

/**
 * The audit log of one order: its entries in time order (ties broken by kind and message id, so that a
 * rebuild orders them the same way). Each entry is stored on its own under {@link #key}, so recording a
 * message is one write, whatever the length of the log. A message delivered again (a redelivered event
 * or record) lands on the same key and adds nothing; a command the saga resends carries a new time and
 * shows as a line of its own, one per attempt.
 */
public record OrderHistory(String orderId, List<HistoryEntry> entries) {

    public OrderHistory {
        entries = List.copyOf(entries);
    }

    /**
     * The store key of an entry: the order id with its length first (an id may hold any character, and
     * no order's prefix may take in another's), then the time in nanoseconds, the kind and the id.
     */
    public static String key(String orderId, HistoryEntry entry) {
        return prefix(orderId) + String.format("%019d", nanos(entry.time())) + "|" + entry.kind() + "|" + entry.id();
    }

    /** What every key of the order's entries starts with. */
    public static String prefix(String orderId) {
        return String.format("%05d", orderId.length()) + ":" + orderId + "|";
    }

    /** The last key an entry of the order can have: the end of a range scan. */
    public static String lastKey(String orderId) {
        return prefix(orderId) + "\uffff";
    }

    /** The order's version as its log shows it: the highest event sequence recorded. */
    public long version() {
        return entries.stream()
                .filter(entry -> entry.version() != null)
                .mapToLong(HistoryEntry::version)
                .max()
                .orElse(0);
    }

    private static long nanos(Instant time) {
        return Math.max(0, time.getEpochSecond()) * 1_000_000_000L + time.getNano();
    }
}
