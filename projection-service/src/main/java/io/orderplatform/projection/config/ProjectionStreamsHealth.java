package io.orderplatform.projection.config;

import io.orderplatform.streams.versions.StreamsVersion;
import io.orderplatform.streams.versions.VersionedApplication;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Ready when the serving version runs here (also while it rebalances: queries are then answered from
 * standby copies). A rebuild in place is not "down": reads answer 503 with Retry-After meanwhile.
 */
public final class ProjectionStreamsHealth implements HealthIndicator {

    private final VersionedApplication runtime;

    public ProjectionStreamsHealth(VersionedApplication runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        Optional<StreamsVersion> serving = runtime.serving();
        Health.Builder health =
                serving.map(v -> v.state().isRunningOrRebalancing()).orElse(false) || runtime.readsPaused()
                        ? Health.up()
                        : Health.outOfService();
        return health.withDetail("version", runtime.state().version())
                .withDetail("state", serving.map(v -> v.state().name()).orElse("NOT_RUNNING"))
                .withDetail("rebuilding", runtime.readsPaused())
                .build();
    }
}
