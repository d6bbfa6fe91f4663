package io.orderplatform.schemas.catalog;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A consumer's private retry topic, {@code <consumer>.retry}: where a redrive of its dead letters sends
 * them, keyed and partitioned as in their source, with the source topic named in a header. Only that
 * consumer reads it, as a second input processed exactly like the source, so that a redrive reaches the
 * consumer that gave up and nobody else, and an event topic keeps its one writer.
 *
 * @param consumer the service that reads it ({@code spring.application.name})
 * @param partitions as many as each of the consumer's sources, so that a retried record lands in the task
 *     (or listener) of its source partition
 * @param configs topic-level configs at creation
 */
public record RetryTopic(String consumer, int partitions, Map<String, String> configs)
        implements Topic<String, byte[]> {

    /** The suffix that ends the name of every retry topic. */
    public static final String SUFFIX = ".retry";

    public RetryTopic {
        Objects.requireNonNull(consumer, "consumer");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        configs = Map.copyOf(configs);
    }

    /** The name of {@code consumer}'s retry topic. */
    public static String nameFor(String consumer) {
        return consumer + SUFFIX;
    }

    @Override
    public String name() {
        return nameFor(consumer);
    }

    @Override
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** The original value, as bytes: what it holds is told by the source topic it is retried from. */
    @Override
    public Serde<byte[]> valueSerde() {
        return Serdes.ByteArray();
    }
}
