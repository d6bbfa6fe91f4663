package io.orderplatform.runtime.relay;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay's sizes, {@code platform.relay.*}, chosen for catching up (a republish, a restart after
 * an outage) without slowing a single live event: the processor takes whatever is available up to
 * the batch size and never waits to fill a batch, and every batch ends with a Kafka commit, which
 * sends at once whatever the producer still holds, so neither size nor linger delays a lone event.
 *
 * @param batchSize events per processor batch: one Kafka transaction and one position commit each.
 *     Those two commits are round trips the relay waits for, whatever the batch holds: at 1,000 a
 *     catch-up makes five times fewer of them than at 200. A crash between the two commits publishes
 *     at most one batch again.
 * @param lingerMs how long the producer waits to fill a request while a batch is being sent
 * @param producerBatchBytes the producer's batch per partition ({@code batch.size}): large enough
 *     that a relay batch leaves in a request or two per partition rather than one every 16 KiB,
 *     Kafka's default, with the per-request work that goes with each; every open batch takes this
 *     much of the producer's 32 MiB buffer
 * @param compression the producer's {@code compression.type}: CloudEvents headers repeat from
 *     record to record and shrink well, so the broker writes, and the event topics keep forever, a
 *     fraction of the bytes
 */
@ConfigurationProperties("platform.relay")
public record RelaySettings(
        @DefaultValue("1000") int batchSize,
        @DefaultValue("5") int lingerMs,
        @DefaultValue("262144") int producerBatchBytes,
        @DefaultValue("lz4") String compression) {

    public RelaySettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("platform.relay.batch-size must be at least 1");
        }
    }

    /** The producer settings these sizes stand for. */
    Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, producerBatchBytes,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    }
}
