package io.orderplatform.runtime.admission;

import java.util.List;

/**
 * What admission control last concluded, as {@code GET /admin/admission} shows it.
 *
 * @param measured false until the groups have been read over a whole check, or while they cannot be
 *     read (the brokers out of reach): admission control then admits everything, since refusing on a
 *     guess would turn a broker failover into an outage of the door
 * @param refusing whether new commands are refused
 * @param waitSeconds the estimated wait of a new command in the watched groups' queues, the sum over
 *     the groups
 * @param maxWaitSeconds the wait above which new commands are refused
 * @param groups each watched group's part
 */
public record AdmissionState(
        boolean measured, boolean refusing, double waitSeconds, double maxWaitSeconds, List<GroupWait> groups) {

    /**
     * One group's part of the wait.
     *
     * @param group the consumer group
     * @param lag records behind on the watched partitions that are moving
     * @param perSecond records it read per second over the rate window
     * @param waitSeconds its lag at that rate; 0 below the minimum backlog or while nothing moves
     * @param partitionsStandingStill partitions behind that have not moved for the whole rate window
     *     (between two consumers, a failover): left out of the estimate
     */
    public record GroupWait(
            String group, long lag, double perSecond, double waitSeconds, int partitionsStandingStill) {}

    static AdmissionState unmeasured(double maxWaitSeconds) {
        return new AdmissionState(false, false, 0, maxWaitSeconds, List.of());
    }
}
