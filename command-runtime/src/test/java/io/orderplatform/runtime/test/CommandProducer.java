package io.orderplatform.runtime.test;

import io.orderplatform.schemas.catalog.ContractTopic;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.envelope.MessageOrigin;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends commands to a command topic as the saga does (contract JSON, CloudEvents headers), or raw records as anyone could. */
public final class CommandProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public CommandProducer(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends {@code command} keyed (and subject) {@code key}, with the given id and flow, and waits until Kafka has it. */
    public <C> void send(ContractTopic<C> topic, String key, C command, String commandId, MessageOrigin origin)
            throws ExecutionException, InterruptedException {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic.name(), key, topic.valueSerde().toJson(command));
        Envelope.forCommand(commandId, "test-client", topic.types().typeOf(command), key, Instant.now(), origin)
                .writeTo(record.headers());
        send(record);
    }

    /** Sends a record exactly as given. */
    public void send(ProducerRecord<String, byte[]> record) throws ExecutionException, InterruptedException {
        producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
