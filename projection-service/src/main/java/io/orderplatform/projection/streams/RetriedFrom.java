package io.orderplatform.projection.streams;

import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.ContractTopic;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Passes on the redriven records of one source topic from the consumer's retry topic, which holds
 * those of all its sources: the projector of that topic then applies them as its own. A record naming
 * none of the consumer's sources goes on with those of its first source, whose dead letters take it.
 */
final class RetriedFrom implements Processor<String, byte[], String, byte[]> {

    private final ConsumerTopics consumer;
    private final ContractTopic<?> source;
    private ProcessorContext<String, byte[]> context;

    RetriedFrom(ConsumerTopics consumer, ContractTopic<?> source) {
        this.consumer = consumer;
        this.source = source;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        String from = Retries.sourceTopicOf(consumer, topic, record.headers());
        if (consumer.deadLettersFor(from).source().equals(source)) {
            context.forward(record);
        }
    }
}
