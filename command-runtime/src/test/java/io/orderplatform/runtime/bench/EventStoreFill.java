package io.orderplatform.runtime.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Grows a command service's event store to a given size in seconds, with SQL alone: copies of one
 * real aggregate history (the longest of the store's first aggregates, e.g. an order placed and
 * cancelled), each copy a new aggregate id, inserted by {@code INSERT ... SELECT} over
 * {@code generate_series}. Going through the service's HTTP API would take minutes for the same
 * number of events and measure the command side, not the relay.
 *
 * <p>Copies are interleaved in the store: first the first event of every copy of a chunk, then the
 * second of every copy, so that the events of one aggregate are far apart in global order, in
 * different relay batches and Kafka transactions, as on a busy service. The payload's JSON has the
 * template's aggregate id replaced by the copy's; global indexes are given explicitly, without gaps,
 * and the store's sequence is moved past them. Only for a store nobody writes to meanwhile.
 */
final class EventStoreFill {

    /** Aggregates copied per statement: one transaction each, so that the relay may start on the first. */
    private static final int COPIES_PER_CHUNK = 25_000;

    /** At most this many events of the template's history are copied. */
    private static final int MAX_TEMPLATE_EVENTS = 10;

    private static final String INSERT_COPIES = """
            INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                type, time_stamp, payload_type, payload_revision, payload, meta_data)
            SELECT ? + t.pos * ? + g.i + 1,
                   md5(? || ':' || t.pos || ':' || g.i)::uuid::text,
                   c.id,
                   t.sequence_number, t.type, t.time_stamp, t.payload_type, t.payload_revision,
                   convert_to(replace(convert_from(t.payload, 'UTF8'), t.aggregate_identifier, c.id), 'UTF8'),
                   t.meta_data
            FROM generate_series(0, ? - 1) AS g(i)
            CROSS JOIN LATERAL (SELECT md5(? || ':' || g.i)::uuid::text AS id) AS c
            CROSS JOIN (SELECT e.*, row_number() OVER (ORDER BY e.sequence_number) - 1 AS pos
                        FROM domain_event_entry e
                        WHERE e.aggregate_identifier = ? AND e.sequence_number < ?) AS t
            ORDER BY 1
            """;

    private final Connection connection;

    EventStoreFill(Connection connection) {
        this.connection = connection;
    }

    long events() throws SQLException {
        return single("SELECT count(*) FROM domain_event_entry");
    }

    /**
     * Adds copies of the template history until the store holds at least {@code target} events.
     *
     * @return the number of events added
     */
    long fillTo(long target) throws SQLException {
        long missing = target - events();
        if (missing <= 0) {
            return 0;
        }
        String template = templateAggregate();
        long templateEvents;
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number < ?")) {
            count.setString(1, template);
            count.setInt(2, MAX_TEMPLATE_EVENTS);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                templateEvents = result.getLong(1);
            }
        }
        long copies = (missing + templateEvents - 1) / templateEvents;
        String run = UUID.randomUUID().toString();
        long added = 0;
        for (long done = 0; done < copies; done += COPIES_PER_CHUNK) {
            long chunk = Math.min(COPIES_PER_CHUNK, copies - done);
            long base = single("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
            try (PreparedStatement insert = connection.prepareStatement(INSERT_COPIES)) {
                String prefix = run + ":" + done;
                insert.setLong(1, base);
                insert.setLong(2, chunk);
                insert.setString(3, prefix);
                insert.setLong(4, chunk);
                insert.setString(5, prefix);
                insert.setString(6, template);
                insert.setInt(7, MAX_TEMPLATE_EVENTS);
                added += insert.executeUpdate();
            }
            try (Statement sequence = connection.createStatement()) {
                sequence.execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'),"
                        + " (SELECT max(global_index) FROM domain_event_entry))");
            }
        }
        return added;
    }

    /** The aggregate with the most events among the store's first thousand. */
    private String templateAggregate() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        SELECT aggregate_identifier FROM (
                            SELECT * FROM domain_event_entry ORDER BY global_index LIMIT 1000) AS first
                        GROUP BY aggregate_identifier
                        ORDER BY count(*) DESC, min(global_index)
                        LIMIT 1
                        """)) {
            if (!result.next()) {
                throw new IllegalStateException("the event store is empty: write one aggregate's events first, e.g.\n"
                        + "  curl -X POST localhost:8081/orders -H 'Content-Type: application/json' -d '{\"customerId\":"
                        + " \"c-1\", \"currency\": \"EUR\", \"lines\": [{\"sku\": \"SKU-1\", \"quantity\": 2,"
                        + " \"unitPrice\": \"19.99\"}]}'\n  and cancel it: POST /orders/{orderId}/cancel with"
                        + " If-Match: \"1\" and {\"reason\": \"bench\"}");
            }
            return result.getString(1);
        }
    }

    private long single(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
