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

/**
 * Stops the relay part-way through a stream of events and starts it again: every event must arrive,
 * in sequence per order. Events published twice are counted and reported, never treated as loss.
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

    @Test
    void a_relay_stopped_mid_stream_and_restarted_loses_nothing_and_keeps_each_order_in_sequence() throws Exception {
        StreamingEventProcessor relay = processing
                .eventProcessor(EventRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        OrdersHttp http = new OrdersHttp(port);
        Set<String> orderIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                int n = i;
                work.add(clients.submit(() -> {
                    String orderId = http.placeValidOrder();
                    orderIds.add(orderId);
                    if (n % 2 == 0) {
                        http.cancel(orderId, null);
                    }
                }));
                if (i == ORDERS / 3) {
                    relay.shutDown();
                }
                if (i == 2 * ORDERS / 3) {
                    relay.start();
                }
            }
            for (Future<?> future : work) {
                future.get();
            }
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

            assertThat(eventIds).hasSize(expected);
            assertThat(sequencesByOrder).hasSize(ORDERS);
            sequencesByOrder
                    .values()
                    .forEach(sequences -> assertThat(sequences)
                            .as("sequences of one order, in arrival order")
                            .isEqualTo(sequences.size() == 1 ? List.of(1L) : List.of(1L, 2L)));
        }
    }
}
