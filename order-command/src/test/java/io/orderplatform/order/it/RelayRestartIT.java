package io.orderplatform.order.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.runtime.relay.EventRelay;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.runtime.test.TopicReader;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stops the relay part-way through a stream of events, proves events were written while it was
 * stopped, and starts it again: every event must arrive, in sequence per order, none twice (a clean
 * stop finishes its batch). The crash case is in {@code OrderCommandProcessIT}.
 */
@ServiceIntegrationTest
class RelayRestartIT {

    private static final int ORDERS = 60;

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_relay_stopped_mid_stream_and_restarted_loses_nothing_and_keeps_each_order_in_sequence() throws Exception {
        StreamingEventProcessor relay = processing
                .eventProcessor(EventRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        OrdersHttp http = new OrdersHttp(port);
        Set<String> orderIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            placeConcurrently(clients, http, orderIds, 0, ORDERS / 3);
            relay.shutDown();
            long positionWhenStopped = relayPosition();
            placeConcurrently(clients, http, orderIds, ORDERS / 3, 2 * ORDERS / 3);
            long writtenWhileStopped = headIndex() - positionWhenStopped;
            assertThat(relayPosition()).as("the stopped relay did not move").isEqualTo(positionWhenStopped);
            assertThat(writtenWhileStopped)
                    .as("events written while the relay was stopped")
                    .isGreaterThanOrEqualTo(ORDERS / 3);
            relay.start();
            placeConcurrently(clients, http, orderIds, 2 * ORDERS / 3, ORDERS);
        } finally {
            clients.shutdown();
            if (!relay.isRunning()) {
                relay.start();
            }
        }
        int expected = ORDERS + ORDERS / 2;

        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.ORDERS_EVENTS.name())) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> orderIds.contains(r.key()), expected, Duration.ofSeconds(60));
            records = reader.drain(r -> orderIds.contains(r.key()), Duration.ofSeconds(2));

            Map<String, List<Long>> sequencesByOrder = new HashMap<>();
            Set<String> eventIds = new HashSet<>();
            int duplicates = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                Envelope envelope = Envelope.readFrom(record.headers());
                if (!eventIds.add(envelope.id())) {
                    duplicates++;
                    continue;
                }
                sequencesByOrder
                        .computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(envelope.sequence());
            }
            System.out.printf(
                    "relay restart: %d events expected, %d distinct received, %d published twice%n",
                    expected, eventIds.size(), duplicates);

            assertThat(duplicates)
                    .as("a clean stop finishes its batch: nothing is published twice")
                    .isZero();
            assertThat(eventIds).hasSize(expected);
            assertThat(sequencesByOrder).hasSize(ORDERS);
            sequencesByOrder
                    .values()
                    .forEach(sequences -> assertThat(sequences)
                            .as("sequences of one order, in arrival order")
                            .isEqualTo(sequences.size() == 1 ? List.of(1L) : List.of(1L, 2L)));
        }
    }

    /** Places orders {@code from} until {@code to} on four clients, cancelling every even one; waits for all. */
    private static void placeConcurrently(
            ExecutorService clients, OrdersHttp http, Set<String> orderIds, int from, int to) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int n = i;
            work.add(clients.submit(() -> {
                String orderId = http.placeValidOrder();
                orderIds.add(orderId);
                if (n % 2 == 0) {
                    http.cancel(orderId, null);
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
    }

    private long headIndex() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
    }

    /** The relay's stored position: the index in its token's JSON. */
    private long relayPosition() {
        String token = jdbc.queryForObject(
                "SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = ?",
                String.class,
                EventRelay.PROCESSING_GROUP);
        java.util.regex.Matcher index =
                java.util.regex.Pattern.compile("\"index\"\\s*:\\s*(\\d+)").matcher(token);
        assertThat(index.find()).as("a position in " + token).isTrue();
        return Long.parseLong(index.group(1));
    }
}
