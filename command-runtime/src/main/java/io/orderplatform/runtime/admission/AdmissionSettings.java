package io.orderplatform.runtime.admission;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control, {@code platform.admission.*}: which consumer groups stand for the work a new
 * command starts, and how far behind they may be before the door refuses new work.
 *
 * @param watch the consumer groups to watch and, for each, the topics whose backlog counts; empty
 *     (the default) admits everything
 * @param maxWait the longest estimated wait in the watched groups' queues at which a new command is
 *     still accepted; above it, it is refused with 503. Well below the time a downstream step gives
 *     its replies (the saga's reservation window), so that what is accepted is finished on its merits
 * @param minBacklog records behind below which a group never counts as behind, however slow it has
 *     been: a group that has read everything still shows a record or so per partition (transaction
 *     markers), and a short pause of a consumer is no overload
 * @param checkInterval how often the groups' positions are read
 * @param rateWindow how far back a group's progress is measured to estimate how fast it reads
 */
@ConfigurationProperties("platform.admission")
public record AdmissionSettings(
        @DefaultValue Map<String, List<String>> watch,
        @DefaultValue("PT10S") Duration maxWait,
        @DefaultValue("500") long minBacklog,
        @DefaultValue("PT1S") Duration checkInterval,
        @DefaultValue("PT5S") Duration rateWindow) {

    public AdmissionSettings {
        watch = Map.copyOf(watch);
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("platform.admission.max-wait must be positive");
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("platform.admission.check-interval must be positive");
        }
        if (rateWindow.compareTo(checkInterval) <= 0) {
            throw new IllegalArgumentException("platform.admission.rate-window must be longer than the check interval");
        }
    }

    /** Whether anything is watched at all. */
    boolean enabled() {
        return !watch.isEmpty();
    }
}
