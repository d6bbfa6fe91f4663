package io.orderplatform.kafka.membership;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The stable identity of one running instance of a service, the same before and after a restart:
 * the service's name and the configured {@code platform.instance-id}, or else the host name (a
 * container keeps its host name across restarts). Two instances of one service must not share it.
 * Resolved once per service (a bean); everything that must survive a restart as the same member or
 * owner derives its id from it.
 *
 * @param service the service's name ({@code spring.application.name})
 * @param instanceId this instance's id within the service
 */
public record ServiceInstance(String service, String instanceId) {

    /** The instance with the configured id if there is one, else the host name. */
    public static ServiceInstance resolve(String service, String configuredInstanceId) {
        if (configuredInstanceId != null && !configuredInstanceId.isBlank()) {
            return new ServiceInstance(service, configuredInstanceId.strip());
        }
        try {
            return new ServiceInstance(service, InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("no host name to identify this instance; set platform.instance-id", e);
        }
    }

    /**
     * Its {@code group.instance.id} in a consumer group: static membership lets a restarted instance
     * take its partitions back at once, instead of waiting for its previous session to expire (about
     * 45 s after a kill) while nobody consumes them.
     */
    public String groupInstanceId() {
        return service + "-" + instanceId;
    }

    /** Its name as the owner of something it claims (e.g. an event processor's segment). */
    public String ownerId() {
        return service + "@" + instanceId;
    }
}
