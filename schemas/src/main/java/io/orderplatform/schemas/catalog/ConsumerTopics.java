package io.orderplatform.schemas.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one consumer of the platform's topics owns: a dead-letter topic per source topic whose records
 * it may give up on, and one retry topic through which its dead letters come back to it alone.
 *
 * @param consumer the service's name ({@code spring.application.name})
 * @param deadLetters its dead-letter topics, one per source, in the order of its sources
 * @param retry its retry topic
 */
public record ConsumerTopics(String consumer, List<DeadLetterTopic> deadLetters, RetryTopic retry) {

    public ConsumerTopics {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(retry, "retry");
        deadLetters = List.copyOf(deadLetters);
        if (deadLetters.isEmpty()) {
            throw new IllegalArgumentException(consumer + " must read at least one source topic");
        }
        for (DeadLetterTopic topic : deadLetters) {
            if (!topic.consumer().equals(consumer)) {
                throw new IllegalArgumentException(topic.name() + " is not a dead-letter topic of " + consumer);
            }
            if (topic.source().partitions() != retry.partitions()) {
                throw new IllegalArgumentException(retry.name() + " needs as many partitions as "
                        + topic.source().name() + " (" + topic.source().partitions()
                        + "), so that a retried record meets its key's state");
            }
        }
    }

    /**
     * The topics of {@code consumer} reading {@code sources}: dead letters kept with {@code deadLetterConfigs},
     * retries with {@code retryConfigs}. Every source must have the same partition count.
     */
    public static ConsumerTopics of(
            String consumer,
            Map<String, String> deadLetterConfigs,
            Map<String, String> retryConfigs,
            List<? extends ContractTopic<?>> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(consumer + " must read at least one source topic");
        }
        return new ConsumerTopics(
                consumer,
                sources.stream()
                        .map(source -> new DeadLetterTopic(consumer, source, deadLetterConfigs))
                        .toList(),
                new RetryTopic(consumer, sources.getFirst().partitions(), retryConfigs));
    }

    /** The source topics whose records this consumer dead-letters and retries. */
    public List<ContractTopic<?>> sources() {
        return deadLetters.stream()
                .<ContractTopic<?>>map(DeadLetterTopic::source)
                .toList();
    }

    /** Its dead-letter topic for {@code sourceTopic}, if that is one of its sources. */
    public Optional<DeadLetterTopic> deadLettersOf(String sourceTopic) {
        return deadLetters.stream()
                .filter(topic -> topic.source().name().equals(sourceTopic))
                .findFirst();
    }

    /** Its dead-letter topic for {@code source}; throws if that is not one of its sources. */
    public DeadLetterTopic deadLettersOf(ContractTopic<?> source) {
        return deadLettersOf(source.name())
                .orElseThrow(() -> new IllegalArgumentException(consumer + " does not read " + source.name()));
    }

    /**
     * Where a record that came from {@code sourceTopic} goes when given up on: its source's dead-letter
     * topic, or, for a record whose source is none of this consumer's (a retried record naming no known
     * source), the first one's, so that nothing it reads is ever without a place to go.
     */
    public DeadLetterTopic deadLettersFor(String sourceTopic) {
        return deadLettersOf(sourceTopic).orElse(deadLetters.getFirst());
    }

    /** Every topic it owns, dead letters first. */
    public List<Topic<?, ?>> topics() {
        List<Topic<?, ?>> topics = new ArrayList<>(deadLetters);
        topics.add(retry);
        return List.copyOf(topics);
    }
}
