package io.orderplatform.dev.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A chaos run against a running cluster mode ({@code ./cluster.sh}): a steady open-loop load of orders
 * and reads through the front door while it kills -9, in turn, the broker leading most partitions, the
 * relays' transaction coordinator, each instance of each service, PostgreSQL and the load balancer,
 * starting each again after a pause; it also scales the saga out to three instances and back. Then it
 * checks the outcome from the event topics alone ({@link TopicAudit}) and prints the figures of each
 * fault. Exits 1 if any check failed.
 *
 * <p>Usage: {@code ./bench.sh chaos [full|short|scale|PROCESS] [ordersPerSecond=20] [pauseSeconds=10]
 * [settleSeconds=20]}. {@code short} takes only a broker, an order-command instance and a saga instance
 * (the suite's version), {@code scale} only the saga's scaling out and in; a process name of {@code ./cluster.sh status} (e.g. {@code postgres}) kills
 * and restarts only that one, to look at one fault closely.
 */
public final class ChaosRun {

    private static final String FRONT_DOOR = "http://localhost:8080";
    private static final int SKUS = 20;
    private static final int STOCK = 1_000_000;
    private static final int READS_PER_SECOND = 10;

    private ChaosRun() {}

    /**
     * The settings of one run.
     *
     * @param plan {@code full}, {@code short}, or the name of the one process to kill and restart
     * @param clusterDataDir the cluster's data directory ({@code CLUSTER_DATA_DIR}), or null for the default
     */
    public record Settings(
            String plan,
            int ordersPerSecond,
            Duration pause,
            Duration settle,
            Path clusterScript,
            Path clusterDataDir) {}

    /** What a run found: the audit, each fault's figures, and what the clients could not get done. */
    public record Result(
            TopicAudit.Report audit, List<FaultWindow.Figures> faults, long abandoned, long refused, long plainFailed) {

        public boolean passed() {
            return audit.violations().isEmpty() && abandoned == 0 && refused == 0;
        }

        public List<String> violations() {
            return audit.violations();
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(
                args.length > 0 ? args[0] : "full",
                args.length > 1 ? Integer.parseInt(args[1]) : 20,
                Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 10),
                Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 20),
                Path.of("cluster.sh").toAbsolutePath(),
                null);
        Result result = run(settings);
        System.out.println(report(settings, result));
        System.exit(result.passed() ? 0 : 1);
    }

    public static Result run(Settings settings) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Catalog catalog = Catalog.of(run, SKUS, STOCK);
        Timeline timeline = new Timeline();
        List<FaultWindow> windows = new ArrayList<>();
        try (ClusterControl cluster = new ClusterControl(settings.clusterScript(), settings.clusterDataDir());
                OrderClients clients = new OrderClients(FRONT_DOOR, catalog, timeline)) {
            clients.register(catalog);
            log(
                    "registered %d SKUs; load %d orders/s, %d reads/s",
                    SKUS + 1, settings.ordersPerSecond(), READS_PER_SECOND);
            clients.start(settings.ordersPerSecond(), READS_PER_SECOND);
            sleep(settings.settle());
            for (Fault fault : plan(settings.plan(), cluster)) {
                windows.add(inject(fault, settings, cluster));
            }
            clients.stop();
            log(
                    "load stopped; %d orders acknowledged; auditing the topics",
                    clients.acknowledged().size());
            TopicAudit.Report audit = TopicAudit.check(clients.acknowledged(), catalog, Duration.ofSeconds(180));
            List<FaultWindow.Figures> figures = windows.stream()
                    .map(window -> window.figures(timeline, settings.ordersPerSecond()))
                    .toList();
            return new Result(audit, figures, clients.abandoned(), clients.refused(), clients.plainFailed());
        }
    }

    /** One fault: what it does and how it is undone. */
    private record Fault(String name, ThrowingRunnable inject, ThrowingRunnable heal) {}

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static List<Fault> plan(String plan, ClusterControl cluster) throws Exception {
        if (plan.equals("scale")) {
            return List.of(scaleSagaOutAndIn(cluster));
        }
        if (!plan.equals("full") && !plan.equals("short")) {
            return List.of(killAndStart(plan, plan, cluster));
        }
        List<Fault> faults = new ArrayList<>();
        String leader = cluster.leaderOfMostPartitions();
        faults.add(killAndStart("broker leading most partitions (" + leader + ")", leader, cluster));
        if (plan.equals("short")) {
            faults.add(killAndStart("order-command-1", "order-command-1", cluster));
            faults.add(killAndStart("saga-orchestrator-1", "saga-orchestrator-1", cluster));
            return faults;
        }
        // Found when it is injected: the previous fault may have moved it.
        String[] coordinator = new String[1];
        faults.add(new Fault(
                "the relays' transaction coordinator",
                () -> {
                    coordinator[0] = cluster.transactionCoordinator();
                    log("  the relays' transaction coordinator is %s", coordinator[0]);
                    cluster.kill(coordinator[0]);
                },
                () -> cluster.start(coordinator[0])));
        for (String service :
                List.of("order-command", "inventory-command", "saga-orchestrator", "projection-service")) {
            for (int i = 1; i <= 2; i++) {
                faults.add(killAndStart(service + "-" + i, service + "-" + i, cluster));
            }
        }
        faults.add(killAndStart("PostgreSQL", "postgres", cluster));
        faults.add(killAndStart("load balancer", "lb", cluster));
        faults.add(scaleSagaOutAndIn(cluster));
        return faults;
    }

    private static Fault scaleSagaOutAndIn(ClusterControl cluster) {
        return new Fault(
                "saga-orchestrator scaled to 3 and back to 2",
                () -> cluster.scale("saga-orchestrator", 3),
                () -> cluster.scale("saga-orchestrator", 2));
    }

    private static Fault killAndStart(String name, String process, ClusterControl cluster) {
        return new Fault(name, () -> cluster.kill(process), () -> cluster.start(process));
    }

    private static FaultWindow inject(Fault fault, Settings settings, ClusterControl cluster) throws Exception {
        log("fault: %s", fault.name());
        long injected = System.nanoTime();
        fault.inject().run();
        sleep(settings.pause());
        long restart = System.nanoTime();
        fault.heal().run();
        long healed = System.nanoTime();
        log(
                "  back after %.1f s (restarted %.1f s after the kill)",
                (healed - injected) / 1e9, (restart - injected) / 1e9);
        sleep(settings.settle());
        return new FaultWindow(fault.name(), injected, restart, System.nanoTime());
    }

    static String report(Settings settings, Result result) {
        StringBuilder out = new StringBuilder();
        TopicAudit.Report audit = result.audit();
        out.append(String.format(
                Locale.ROOT,
                "%nchaos run (%s): %d orders/s, pause %d s, settle %d s%n",
                settings.plan(),
                settings.ordersPerSecond(),
                settings.pause().toSeconds(),
                settings.settle().toSeconds()));
        out.append(String.format(
                Locale.ROOT,
                "acknowledged %d: confirmed %d, rejected %d (%d asked for the sold-out SKU); placed but never"
                        + " acknowledged (a plain POST cut off) %d; keyed orders given up"
                        + " by the client %d, refused %d; plain POSTs that failed (not retried) %d;"
                        + " events the relays published again (applied once) %d%n",
                audit.acknowledged(),
                audit.confirmed(),
                audit.rejected(),
                audit.expectedRejections(),
                audit.placedUnacknowledged(),
                result.abandoned(),
                result.refused(),
                result.plainFailed(),
                audit.republished()));
        out.append("\n| fault | down (s) | failed keyed commands | failed plain commands | failed reads"
                + " | longest without a command (s) | longest without a read (s) | full rate after restart (s) |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (FaultWindow.Figures f : result.faults()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %d | %d | %d | %.1f | %.1f | %s |%n",
                    f.fault(),
                    f.downSeconds(),
                    f.keyedCommandsFailed(),
                    f.plainCommandsFailed(),
                    f.readsFailed(),
                    f.longestWithoutCommandSeconds(),
                    f.longestWithoutReadSeconds(),
                    f.fullRateAfterRestartSeconds() < 0
                            ? "not within the window"
                            : String.format(Locale.ROOT, "%.0f", f.fullRateAfterRestartSeconds())));
        }
        if (!audit.unexpectedRejectionReasons().isEmpty()) {
            out.append("\nrejections of orders that had stock, by reason: ")
                    .append(audit.unexpectedRejectionReasons())
                    .append('\n');
        }
        out.append(
                audit.violations().isEmpty()
                        ? "\naudit: every acknowledged order placed once and ended once with the outcome its stock"
                                + " called for; every SKU's stock consistent (available + reserved = initial,"
                                + " reserved = confirmed units, nothing negative, no reservation or release twice)\n"
                        : "\naudit FAILED (" + audit.violations().size() + ", by kind: "
                                + kindsOf(audit.violations()) + "):\n  "
                                + String.join(
                                        "\n  ",
                                        audit.violations().stream().limit(40).toList()) + "\n");
        return out.toString();
    }

    /** How many findings of each kind, ids and figures left out: what a long list of them is made of. */
    static Map<String, Long> kindsOf(List<String> violations) {
        return violations.stream()
                .map(violation -> violation
                        .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "…")
                        .replaceAll("CHAOS-[0-9a-f]+-[0-9]+", "…")
                        .replaceAll(" \\(no reply[^)]*\\)\\)?", "")
                        .replaceAll(" \\(placed [0-9].*", "")
                        .replaceAll("-?[0-9]+", "n")
                        .strip())
                .collect(Collectors.groupingBy(kind -> kind, TreeMap::new, Collectors.counting()));
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "%tT " + format + "%n", prepend(System.currentTimeMillis(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
