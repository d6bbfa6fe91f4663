import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projections' replay from a terminal: shows the versions' state, lag, speed and ETA, starts a
 * rebuild, and follows it until the views are served again. Needs only a JDK; talks to any instance of
 * projection-service.
 *
 * <pre>
 *   ./projections.sh status
 *   ./projections.sh rebuild side-by-side|in-place [--no-follow]
 *   ./projections.sh follow
 *   (--url http://host:8084 before the command to talk to another instance)
 * </pre>
 */
public final class ProjectionsCli {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Pattern VERSION = Pattern.compile(
            "\\{\"version\":(\\d+),\"applicationId\":\"([^\"]*)\",\"role\":\"(\\w+)\",\"state\":\"(\\w+)\""
                    + "(?:,\"consumed\":(\\d+),\"lag\":(\\d+),\"eventsPerSecond\":(\\d+),\"etaSeconds\":(\\d+|null))?");

    private ProjectionsCli() {}

    public static void main(String[] args) throws Exception {
        String url = "http://localhost:8084";
        int at = 0;
        if (args.length >= 2 && args[0].equals("--url")) {
            url = args[1];
            at = 2;
        }
        String command = args.length > at ? args[at] : "status";
        switch (command) {
            case "status" -> System.out.println(describe(get(url + "/admin/projections")));
            case "follow" -> follow(url);
            case "rebuild" -> {
                String mode = args.length > at + 1 ? args[at + 1] : "side-by-side";
                HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(
                                url + "/admin/projections/rebuild?mode=" + mode))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
                if (started.statusCode() != 202) {
                    System.err.println("rebuild refused (" + started.statusCode() + "): " + started.body());
                    System.exit(1);
                }
                System.out.println("rebuild " + mode + " started");
                if (!(args.length > at + 2 && args[at + 2].equals("--no-follow"))) {
                    follow(url);
                }
            }
            default -> {
                System.err.println("usage: projections.sh [--url URL] status | follow | rebuild side-by-side|in-place [--no-follow]");
                System.exit(2);
            }
        }
    }

    /** Prints the status every second until the views are served again with nothing under way. */
    private static void follow(String url) throws Exception {
        Thread.sleep(1000);
        while (true) {
            String status;
            try {
                status = get(url + "/admin/projections");
            } catch (java.io.IOException e) {
                System.out.println("projection-service does not answer: " + e.getMessage());
                Thread.sleep(1000);
                continue;
            }
            System.out.println(describe(status));
            if (field(status, "phase").equals("SERVING") && status.contains("\"readable\":true")) {
                System.out.println("done: version " + field(status, "serving") + " serves reads");
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static String describe(String status) {
        StringBuilder line = new StringBuilder(String.format(
                "%s  phase %-21s serving v%s", java.time.LocalTime.now().withNano(0), field(status, "phase"),
                field(status, "serving")));
        Matcher versions = VERSION.matcher(status);
        while (versions.find()) {
            line.append(String.format(
                    " | v%s %s %s", versions.group(1), versions.group(3), versions.group(4)));
            if (versions.group(6) != null) {
                line.append(String.format(
                        " lag %s, %s events/s, ETA %s s", versions.group(6), versions.group(7), versions.group(8)));
            }
        }
        return line.toString();
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        return value.find() ? value.group(1) : "?";
    }

    private static String get(String uri) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
        if (answer.statusCode() != 200) {
            throw new java.io.IOException(uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
