package io.orderplatform.saga.adapter.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Ready when the saga topology runs: before that, sagas can neither move nor be queried. */
public class SagaStreamsHealth implements HealthIndicator {

    private final SagaStreams streams;

    public SagaStreamsHealth(SagaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams running = streams.streams();
        if (running == null) {
            return Health.outOfService().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = running.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING ? Health.up() : Health.outOfService();
        return health.withDetail("state", state.name()).build();
    }
}
