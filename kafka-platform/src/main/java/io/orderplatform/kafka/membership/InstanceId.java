package io.orderplatform.kafka.membership;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The stable identity of one running instance of a service, the same before and after a restart:
 * the configured {@code platform.instance-id}, or else the host name (a container keeps its host
 * name across restarts). Two instances of one service must not share it.
 */
public final class InstanceId {

    private InstanceId() {}

    /** The configured id if there is one, else the host name. */
    public static String resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("no host name to identify this instance; set platform.instance-id", e);
        }
    }

    /**
     * The {@code group.instance.id} of this instance in a consumer group: static membership lets a
     * restarted instance take its partitions back at once, instead of waiting for its previous
     * session to expire (about 45 s after a kill) while nobody consumes them.
     */
    public static String groupInstanceId(String service, String instanceId) {
        return service + "-" + instanceId;
    }
}
