package io.orderplatform.schemas.catalog;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of the platform, named once with everything needed to use and create it. A topic
 * either carries contract records ({@link ContractTopic}), holds what one consumer of another topic
 * gave up on ({@link DeadLetterTopic}), or brings that consumer's redriven dead letters back to it
 * ({@link RetryTopic}); the type tells which, so no caller needs a cast.
 *
 * @param <K> key type
 * @param <V> value type
 */
public sealed interface Topic<K, V> permits ContractTopic, DeadLetterTopic, RetryTopic {

    String name();

    /** How keys are written and read. */
    Serde<K> keySerde();

    /** How values are written and read. */
    Serde<V> valueSerde();

    /** Partition count at creation; records with the same key stay on one partition. */
    int partitions();

    /** Topic-level configs at creation (retention, cleanup policy). */
    Map<String, String> configs();
}
