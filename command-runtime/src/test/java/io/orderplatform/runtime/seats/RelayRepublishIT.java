package io.orderplatform.runtime.seats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.runtime.seats.SeatContracts.BookSeat;
import io.orderplatform.runtime.seats.SeatContracts.SeatBooked;
import io.orderplatform.runtime.test.CommandProducer;
import io.orderplatform.runtime.test.ServiceHttp;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.runtime.test.TopicReader;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /admin/relay/republish} sends the whole event store to the topic once more: afterwards
 * the topic holds every event of the store exactly twice, each aggregate's events in sequence order
 * both times, and {@code GET /admin/relay} reports no lag. A second republish while the first runs is
 * refused with a 409 problem; the relay is held (see {@link RelayGate}) so that the first one is
 * certainly still running.
 */
@ServiceIntegrationTest
class RelayRepublishIT {

    private static final int SEATS = 60;
    private static final int EVENTS_PER_SEAT = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RelayGate gate;

    @Test
    void a_republish_sends_every_stored_event_once_more_in_order_per_aggregate_and_ends_without_lag() throws Exception {
        ServiceHttp http = new ServiceHttp(port);
        String prefix = "seat-" + UUID.randomUUID();
        writeEvents(prefix);
        awaitCaughtUp(http);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        gate.close();
        try {
            HttpResponse<String> accepted = http.post("/admin/relay/republish", null, null);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.headers().firstValue("Location")).hasValue("/admin/relay");
            assertThat(ServiceHttp.json(accepted).path("republishing").asBoolean())
                    .isTrue();

            HttpResponse<String> again = http.post("/admin/relay/republish", null, null);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(again.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(ServiceHttp.json(again).path("type").asText())
                    .isEqualTo("https://orderplatform.io/problems/republish-running");

            JsonNode running = ServiceHttp.json(http.get("/admin/relay"));
            assertThat(running.path("republishing").asBoolean()).isTrue();
            assertThat(running.path("head").asLong()).isEqualTo(head);
            assertThat(running.path("lag").asLong()).isPositive();
        } finally {
            gate.open();
        }

        JsonNode done = awaitCaughtUp(http);
        assertThat(done.path("position").asLong()).isEqualTo(head);
        assertThat(done.path("head").asLong()).isEqualTo(head);
        assertThat(done.path("lag").asLong()).isZero();
        assertThat(done.path("eventsPerSecond").asLong()).isPositive();
        assertThat(done.path("etaSeconds").asDouble()).isZero();

        Map<String, List<Long>> published = sequencesOnTopic(2 * events);
        Map<String, Long> stored = new HashMap<>();
        jdbc.query(
                "SELECT aggregate_identifier, count(*) FROM domain_event_entry GROUP BY aggregate_identifier", row -> {
                    stored.put(row.getString(1), row.getLong(2));
                });
        assertThat(stored.keySet().stream().filter(seat -> seat.startsWith(prefix)))
                .as("the seats written and their template")
                .hasSize(SEATS + 1);
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(stored.keySet());
        stored.forEach((seat, count) -> assertThat(published.get(seat))
                .as("ce_sequence of %s's records in the order they arrived", seat)
                .containsExactlyElementsOf(twice(count)));
    }

    /**
     * One real event (a seat booked through the service), then copies of it as the stored history of
     * {@link #SEATS} seats with {@link #EVENTS_PER_SEAT} events each, written one sequence number at a
     * time, so that the events of one seat are spread over the store between those of the others.
     */
    private void writeEvents(String prefix) throws Exception {
        String template = prefix + "-template";
        try (CommandProducer commands = new CommandProducer(bootstrapServers)) {
            commands.send(
                    SeatContracts.SEAT_COMMANDS,
                    template,
                    new BookSeat(template, "booking-" + UUID.randomUUID()),
                    UUID.randomUUID().toString(),
                    MessageOrigin.NONE);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, template)
                == 0) {
            assertThat(System.nanoTime()).as("the booking's event in the store").isLessThan(deadline);
            Thread.sleep(50);
        }
        for (int sequence = 0; sequence < EVENTS_PER_SEAT; sequence++) {
            jdbc.update("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT gen_random_uuid()::text, c.seat, ?, t.type, t.time_stamp, t.payload_type,
                           t.payload_revision,
                           convert_to(replace(convert_from(t.payload, 'UTF8'), t.aggregate_identifier, c.seat), 'UTF8'),
                           t.meta_data
                    FROM domain_event_entry t
                    CROSS JOIN LATERAL (SELECT ? || '-' || g.i AS seat FROM generate_series(1, ?) AS g(i)) AS c
                    WHERE t.aggregate_identifier = ?
                    """, sequence, prefix, SEATS, template);
        }
    }

    /** Waits until the relay has published everything and no republish runs; returns that status. */
    private static JsonNode awaitCaughtUp(ServiceHttp http) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> response = http.get("/admin/relay");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode status = ServiceHttp.json(response);
            if (status.path("lag").asLong() == 0 && !status.path("republishing").asBoolean()) {
                return status;
            }
            assertThat(System.nanoTime()).as("caught up, last status " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * The ce_sequence of every record on the topic, by subject, in the order they arrived, after
     * {@code expected} records and two quiet seconds more; each record's value is read as a
     * {@code SeatBooked} of its subject.
     */
    private Map<String, List<Long>> sequencesOnTopic(long expected) {
        try (TopicReader reader = new TopicReader(bootstrapServers, SeatContracts.SEAT_EVENTS.name())) {
            reader.await(record -> true, (int) expected, TIMEOUT);
            List<ConsumerRecord<String, byte[]>> records = reader.drain(record -> true, Duration.ofSeconds(2));
            Map<String, List<Long>> sequences = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                Envelope envelope = Envelope.readFrom(record.headers());
                assertThat(envelope.subject()).isEqualTo(record.key());
                SeatBooked event = (SeatBooked) SeatContracts.SEAT_EVENTS
                        .valueSerde()
                        .deserializer()
                        .deserialize(record.topic(), record.headers(), record.value());
                assertThat(event.seatId()).isEqualTo(record.key());
                sequences
                        .computeIfAbsent(record.key(), key -> new ArrayList<>())
                        .add(envelope.sequence());
            }
            return sequences;
        }
    }

    /** 1..count, twice. */
    private static List<Long> twice(long count) {
        List<Long> sequences =
                new ArrayList<>(LongStream.rangeClosed(1, count).boxed().toList());
        sequences.addAll(LongStream.rangeClosed(1, count).boxed().toList());
        return sequences;
    }
}
