package io.orderplatform.runtime.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the relay's records in one Kafka transaction per processor batch.
 *
 * <p>The first record of a batch begins a transaction and registers its commit as a prepare-commit
 * step of the batch's unit of work. Axon stores the processor's position in the same database
 * transaction, which commits only after every prepare-commit step succeeded: the position never
 * moves past a batch that Kafka does not have. If the Kafka commit fails, the unit of work rolls
 * back and the processor retries the batch from the last stored position.
 *
 * <p>Used only by the relay's single processor thread.
 */
public class RelayPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayPublisher.class);
    private static final String TRANSACTION_RESOURCE = RelayPublisher.class.getName() + ".transaction";

    private final Supplier<Producer<String, byte[]>> producerFactory;
    private final List<RelayBatchListener> listeners;
    private Producer<String, byte[]> producer;

    /**
     * @param producerFactory creates a transactional producer; called again after a fatal error
     * @param listeners told of every batch Kafka committed, before the relay's position moves
     */
    public RelayPublisher(Supplier<Producer<String, byte[]>> producerFactory, List<RelayBatchListener> listeners) {
        this.producerFactory = producerFactory;
        this.listeners = List.copyOf(listeners);
    }

    /** Adds a record to the current batch's Kafka transaction, beginning it if needed. */
    public void publish(ProducerRecord<String, byte[]> record) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        AtomicInteger records = batch.getOrComputeResource(TRANSACTION_RESOURCE, key -> begin(batch));
        producer.send(record);
        records.incrementAndGet();
    }

    private AtomicInteger begin(UnitOfWork<?> batch) {
        if (producer == null) {
            producer = producerFactory.get();
            producer.initTransactions();
        }
        producer.beginTransaction();
        AtomicInteger records = new AtomicInteger();
        batch.onPrepareCommit(uow -> commit(records.get()));
        batch.onRollback(uow -> abort());
        return records;
    }

    private void commit(int records) {
        try {
            producer.commitTransaction();
        } catch (KafkaException e) {
            log.warn("Kafka refused the relay batch; it will be published again: {}", e.toString());
            discardProducer();
            throw e;
        }
        listeners.forEach(listener -> listener.committedToKafka(records));
    }

    private void abort() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            discardProducer();
        }
    }

    /** A producer whose transaction failed may be fenced or in an unknown state: start afresh. */
    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /**
     * Producer settings the relay relies on: idempotence, full acknowledgement, transactions. Its
     * sizes and linger are {@link RelaySettings}. A batch begun right after the last one committed may
     * find that transaction still completing (the coordinator writing its markers): the broker answers
     * CONCURRENT_TRANSACTIONS, which the producer retries after its backoff; within milliseconds here,
     * not after the default 100 ms doubling up to a second, which on a replicated cluster set the pace
     * of the whole relay.
     */
    public static Map<String, Object> requiredProducerSettings(String transactionalId) {
        return Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                transactionalId,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                5,
                ProducerConfig.RETRY_BACKOFF_MS_CONFIG,
                5,
                ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG,
                50);
    }
}
