package io.orderplatform.projection.it;

import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.orders.OrderEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events as the relays do: with their CloudEvents envelope, in Kafka transactions. */
final class EventWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    EventWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "projection-it-" + UUID.randomUUID(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
    }

    /** Starts a batch; {@link #commit()} publishes it. */
    EventWriter begin() {
        producer.beginTransaction();
        return this;
    }

    EventWriter order(OrderEvent event, long sequence, Instant at) {
        return send(Topics.ORDERS_EVENTS, event.orderId(), event, sequence, at);
    }

    EventWriter stock(InventoryEvent event, long sequence, Instant at) {
        return send(Topics.INVENTORY_EVENTS, event.sku(), event, sequence, at);
    }

    private <V> EventWriter send(ContractTopic<V> topic, String key, V event, long sequence, Instant at) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic.name(), key, topic.valueSerde().toJson(event));
        Envelope.forEvent(
                        key + "-" + sequence,
                        "projection-it",
                        topic.types().typeOf(event),
                        key,
                        sequence,
                        at,
                        MessageOrigin.NONE)
                .writeTo(record.headers());
        producer.send(record);
        return this;
    }

    void commit() {
        producer.commitTransaction();
    }

    @Override
    public void close() {
        producer.close();
    }
}
