package io.orderplatform.schemas.catalog;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The dead-letter topic of a source topic: records its consumers could not process, unchanged (key,
 * value and headers as read), with the reason and their origin in {@code dlq_*} headers. Values are
 * raw bytes because a dead letter may be exactly what could not be read.
 *
 * @param source the topic whose records end up here
 * @param configs topic-level configs at creation
 */
public record DeadLetterTopic(Topic<String, ?> source, Map<String, String> configs) implements Topic<String, byte[]> {

    /** The suffix that names the dead-letter topic of any topic. */
    public static final String SUFFIX = ".dlq";

    public DeadLetterTopic {
        Objects.requireNonNull(source, "source");
        configs = Map.copyOf(configs);
    }

    /** The name of the dead-letter topic of {@code sourceTopic}. */
    public static String nameFor(String sourceTopic) {
        return sourceTopic + SUFFIX;
    }

    @Override
    public String name() {
        return nameFor(source.name());
    }

    @Override
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    @Override
    public Serde<byte[]> valueSerde() {
        return Serdes.ByteArray();
    }

    @Override
    public int partitions() {
        return source.partitions();
    }
}
