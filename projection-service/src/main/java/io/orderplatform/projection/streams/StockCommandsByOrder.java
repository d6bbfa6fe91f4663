package io.orderplatform.projection.streams;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-keys the saga's stock commands (keyed by SKU) by the order they serve, so that they reach the
 * task holding the order's audit log. A command that cannot be read is counted, logged and left out.
 */
final class StockCommandsByOrder implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(StockCommandsByOrder.class);

    private final ProjectionListener listener;
    private ProcessorContext<String, byte[]> context;

    StockCommandsByOrder(ProjectionListener listener) {
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            Envelope envelope = Envelope.readFrom(record.headers());
            String orderId = Topics.INVENTORY_COMMANDS
                    .valueSerde()
                    .fromJson(envelope.type(), record.value())
                    .orderId();
            if (orderId == null || orderId.isBlank()) {
                throw new IllegalArgumentException("the command names no order");
            }
            context.forward(record.withKey(orderId));
        } catch (RuntimeException e) {
            String topic = Topics.INVENTORY_COMMANDS.name();
            log.warn("{} record with key {} left out of the audit log: {}", topic, record.key(), e.toString());
            listener.rejected(topic, DeadLetters.reasonOf(e));
        }
    }
}
