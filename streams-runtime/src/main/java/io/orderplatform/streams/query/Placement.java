package io.orderplatform.streams.query;

import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the copies of one partition of a store live.
 *
 * @param partition the partition
 * @param active the instance holding the active copy; null while none is known
 * @param standbys the instances holding standby copies
 */
record Placement(int partition, HostInfo active, Set<HostInfo> standbys) {

    boolean activeOn(HostInfo host) {
        return host.equals(active);
    }

    boolean standbyOn(HostInfo host) {
        return standbys.contains(host);
    }
}
