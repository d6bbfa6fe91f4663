package io.orderplatform.runtime.relay;

/**
 * Told of every relay batch that Kafka has committed, in the moment before the relay's position is
 * committed in the database: the one moment in which a crash makes the relay publish the batch
 * again. The relay counts published events with it; fault-injection tests die in it.
 */
@FunctionalInterface
public interface RelayBatchListener {

    /** @param records the number of events the batch published */
    void committedToKafka(int records);
}
