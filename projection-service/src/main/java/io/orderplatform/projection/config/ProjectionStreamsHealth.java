package io.orderplatform.projection.config;

import io.orderplatform.projection.replay.ProjectionRuntime;
import io.orderplatform.projection.replay.ProjectionVersion;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Ready when the serving version runs here (also while it rebalances: queries are then answered from
 * standby copies). A rebuild in place is not "down": reads answer 503 with Retry-After meanwhile.
 */
public final class ProjectionStreamsHealth implements HealthIndicator {

    private final ProjectionRuntime runtime;

    public ProjectionStreamsHealth(ProjectionRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        Optional<ProjectionVersion> serving = runtime.serving();
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
