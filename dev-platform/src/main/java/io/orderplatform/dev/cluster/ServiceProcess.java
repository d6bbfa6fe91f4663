package io.orderplatform.dev.cluster;

import io.orderplatform.dev.PlatformServices;
import io.orderplatform.dev.PlatformServices.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * One instance of one service, as a process of its own, with the settings dev mode gives that service
 * ({@link PlatformServices#settings}) plus what makes this instance one of several: its instance id (its
 * static group membership and relay claim), its port, its own state directory and the host its peers
 * reach it on. SIGTERM stops it gracefully, as in production.
 */
public final class ServiceProcess {

    static final String USAGE = "service <order-command|inventory-command|saga-orchestrator|projection-service>"
            + " --instance-id <id> --port <port> --kafka <host:port,...> --postgres <host:port>"
            + " --state-dir <dir> [--advertised-host <host>] [-- <further Spring settings>]";

    private ServiceProcess() {}

    public static void main(String[] args) {
        Options options = Options.parse(args, USAGE);
        Service service = Service.named(options.positional(0, "service"));
        String instanceId = options.required("instance-id");
        String advertisedHost = options.optional("advertised-host", "localhost");
        List<String> settings = new ArrayList<>(PlatformServices.settings(
                service,
                new ClusterInfrastructure(options.required("kafka"), options.required("postgres")),
                options.number("port"),
                Path.of(options.required("state-dir")).toAbsolutePath(),
                List.of()));
        settings.add("--platform.instance-id=" + instanceId);
        switch (service) {
            case SAGA_ORCHESTRATOR -> settings.add("--saga.advertised-host=" + advertisedHost);
            case PROJECTION_SERVICE -> settings.add("--projection.advertised-host=" + advertisedHost);
            default -> {}
        }
        settings.addAll(options.passedOn());
        try {
            new SpringApplicationBuilder(PlatformServices.application(service)).run(settings.toArray(String[]::new));
        } catch (RuntimeException e) {
            // Spring has logged why; clients' threads left behind would keep a failed instance alive.
            System.exit(1);
        }
    }
}
