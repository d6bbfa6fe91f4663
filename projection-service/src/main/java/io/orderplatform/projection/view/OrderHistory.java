package io.orderplatform.projection.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The audit log of one order, in time order (ties broken by kind and id, so that a rebuild orders it the
 * same way). A message is recorded once: its id is its identity, so
 * a redelivered event, a resent command or a repeated reply adds nothing.
 */
public record OrderHistory(String orderId, List<HistoryEntry> entries) {

    private static final Comparator<HistoryEntry> IN_TIME_ORDER = Comparator.comparing(HistoryEntry::time)
            .thenComparing(HistoryEntry::kind)
            .thenComparing(HistoryEntry::id);

    public OrderHistory {
        entries = List.copyOf(entries);
    }

    public static OrderHistory empty(String orderId) {
        return new OrderHistory(orderId, List.of());
    }

    /** This history with {@code entry} in its place, or unchanged if it holds the message already. */
    public OrderHistory with(HistoryEntry entry) {
        if (contains(entry)) {
            return this;
        }
        List<HistoryEntry> more = new ArrayList<>(entries);
        more.add(entry);
        more.sort(IN_TIME_ORDER);
        return new OrderHistory(orderId, more);
    }

    public boolean contains(HistoryEntry entry) {
        return entries.stream().anyMatch(e -> e.kind() == entry.kind() && e.id().equals(entry.id()));
    }
}
