package io.orderplatform.kafka.deadletter;

import io.orderplatform.schemas.catalog.ConsumerTopics;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Gives up on a listener's record by writing its {@link DeadLetters dead letter} to the consumer's
 * dead-letter topic of the record's source (for a retried record, of its original source), and waits
 * until Kafka has it: the listener's offset moves past the record only once its dead letter is safe.
 */
public class DeadLetterRecoverer<K, V> implements ConsumerRecordRecoverer {

    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final KafkaOperations<K, V> kafka;
    private final ConsumerTopics consumer;
    private final Clock clock;

    /**
     * @param kafka writes records of the listener's own key and value types
     * @param consumer the listening service's own topics
     */
    public DeadLetterRecoverer(KafkaOperations<K, V> kafka, ConsumerTopics consumer, Clock clock) {
        this.kafka = kafka;
        this.consumer = consumer;
        this.clock = clock;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> failed, Exception exception) {
        @SuppressWarnings("unchecked") // the listener consumes the key and value types it writes
        ConsumerRecord<K, V> record = (ConsumerRecord<K, V>) failed;
        try {
            kafka.send(DeadLetters.of(consumer, record, exception, clock.instant()))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while dead-lettering " + failed.topic() + "@" + failed.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("could not dead-letter " + failed.topic() + "@" + failed.offset(), e);
        }
    }
}
