package io.orderplatform.projection.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.projection.view.HistoryEntry;
import io.orderplatform.projection.view.OrderHistory;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.schemas.envelope.Envelope;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the saga's steps to each order's audit log: the commands it sent about the order (stock
 * commands arrive re-keyed by order id) and the participants' replies. These topics have owners that
 * dead-letter what they cannot read; here a record that cannot be read is counted and logged, and left
 * out of the audit log.
 */
final class SagaStepRecorder implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(SagaStepRecorder.class);
    private static final ObjectMapper JSON = ContractJson.mapper();

    private final ProjectionListener listener;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, HistoryEntry> histories;

    SagaStepRecorder(ProjectionListener listener) {
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.histories = context.getStateStore(ProjectionTopology.ORDER_HISTORY);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        try {
            Envelope envelope = Envelope.readFrom(record.headers());
            boolean reply = topic.equals(Topics.FULFILLMENT_REPLIES.name());
            String orderId = reply ? replyOrderId(envelope, record.value()) : commandOrderId(envelope, record.value());
            if (orderId == null || orderId.isBlank() || !Objects.equals(orderId, record.key())) {
                throw new IllegalArgumentException("record key " + record.key() + " is not the order " + orderId);
            }
            HistoryEntry entry = new HistoryEntry(
                    reply ? HistoryEntry.Kind.REPLY : HistoryEntry.Kind.COMMAND,
                    envelope.type(),
                    null,
                    envelope.time(),
                    envelope.id(),
                    JSON.readTree(record.value()));
            histories.put(OrderHistory.key(orderId, entry), entry);
        } catch (RuntimeException | IOException e) {
            log.warn("{} record with key {} left out of the audit log: {}", topic, record.key(), e.toString());
            listener.rejected(topic, DeadLetters.reasonOf(e));
        }
    }

    private static String replyOrderId(Envelope envelope, byte[] value) {
        return Topics.FULFILLMENT_REPLIES
                .valueSerde()
                .fromJson(envelope.type(), value)
                .orderId();
    }

    /** An order command, or a stock command read back from the topic that re-keyed it by order id. */
    private static String commandOrderId(Envelope envelope, byte[] value) {
        if (Topics.ORDERS_COMMANDS.types().byName(envelope.type()).isPresent()) {
            return Topics.ORDERS_COMMANDS
                    .valueSerde()
                    .fromJson(envelope.type(), value)
                    .orderId();
        }
        return Topics.INVENTORY_COMMANDS
                .valueSerde()
                .fromJson(envelope.type(), value)
                .orderId();
    }
}
