package io.orderplatform.schemas.catalog;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The dead letters of one consumer for one source topic, {@code <consumer>.<source>.dlq}: the records
 * that consumer gave up on, unchanged (key, value and headers as read), with who gave up, why and
 * where they came from in {@code dlq_*} headers. Owned by the consumer, so that an operator sees whose
 * records they are and a redrive goes back to that consumer alone (through its {@link RetryTopic}),
 * never to the source topic. Values are raw bytes because a dead letter may be exactly what could not
 * be read.
 *
 * @param consumer the service that gave up on the records ({@code spring.application.name})
 * @param source the topic it read them from
 * @param configs topic-level configs at creation
 */
public record DeadLetterTopic(String consumer, ContractTopic<?> source, Map<String, String> configs)
        implements Topic<String, byte[]> {

    /** The suffix that ends the name of every dead-letter topic. */
    public static final String SUFFIX = ".dlq";

    public DeadLetterTopic {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(source, "source");
        configs = Map.copyOf(configs);
    }

    /** The name of {@code consumer}'s dead-letter topic for {@code sourceTopic}. */
    public static String nameFor(String consumer, String sourceTopic) {
        return consumer + "." + sourceTopic + SUFFIX;
    }

    @Override
    public String name() {
        return nameFor(consumer, source.name());
    }

    @Override
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    @Override
    public Serde<byte[]> valueSerde() {
        return Serdes.ByteArray();
    }

    /** As many as the source, so that a dead letter keeps its source partition. */
    @Override
    public int partitions() {
        return source.partitions();
    }
}
