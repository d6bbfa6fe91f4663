package io.orderplatform.projection.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Random hostile requests against the query API, over a raw socket so that nothing on the client side
 * cleans them up: odd methods, broken escapes, control characters, overlong or negative numbers,
 * forged page tokens and partitions, unacceptable Accept headers.
 */
final class HostileQueries {

    private static final List<String> METHODS =
            List.of("GET", "GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "FOO");
    private static final List<String> PATHS = List.of(
            "/orders/{x}",
            "/orders/{x}?minVersion={n}&waitMs={n}",
            "/orders/{x}/history",
            "/orders?customerId={x}&status={x}&limit={n}&pageToken={x}",
            "/orders?limit={n}",
            "/orders?pageToken={x}",
            "/inventory/{x}?minVersion={n}",
            "/inventory?limit={n}&pageToken={x}",
            "/sales?from={x}&to={x}",
            "/sales?from=2026-11-27T00:00:00Z&to={x}",
            "/internal/views/{x}?partitions={x}",
            "/internal/views/orders?partitions={n}&limit={n}&after={x}",
            "/admin/projections",
            "/admin/projections/rebuild?mode={x}",
            "/{x}",
            "/orders/{x}/{x}");
    private static final List<String> JUNK = List.of(
            "o-0001",
            "%00",
            "%",
            "%zz",
            "..%2F..%2Fetc%2Fpasswd",
            ";a=b",
            "%C0%AF",
            "%E2%82%AC",
            "SKU-1",
            "CONFIRMED",
            "LOST",
            "",
            "AAAA",
            "____",
            "-1",
            "2026-13-45T99:99:99Z",
            "x".repeat(3000));
    private static final List<String> NUMBERS =
            List.of("0", "1", "-1", "3", "500", "501", "30001", "99999999999999999999", "1e3", "abc", "");
    private static final List<String> ACCEPTS = List.of(
            "*/*", "application/json", "text/html", "application/xml", "foo", ";;;", "application/problem+json");

    /** A status line and its content type. */
    record Answer(String request, int status, String contentType, boolean retryAfter) {}

    private HostileQueries() {}

    static String request(Random random, int port) {
        String method = pick(random, METHODS);
        String path = pick(random, PATHS);
        while (path.contains("{x}")) {
            path = path.replaceFirst("\\{x}", java.util.regex.Matcher.quoteReplacement(pick(random, JUNK)));
        }
        while (path.contains("{n}")) {
            path = path.replaceFirst("\\{n}", pick(random, NUMBERS));
        }
        StringBuilder request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: localhost:")
                .append(port)
                .append("\r\nAccept: ")
                .append(pick(random, ACCEPTS))
                .append("\r\nConnection: close\r\n");
        if (random.nextInt(4) == 0) {
            request.append(PeerForwarding.HEADER).append(": 1\r\n");
        }
        if (method.equals("POST") || method.equals("PUT")) {
            String body = random.nextBoolean() ? "{\"mode\": \"in-place\"" : "\u0000\u0001";
            request.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n\r\n")
                    .append(body);
        } else {
            request.append("\r\n");
        }
        return request.toString();
    }

    static Answer send(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(40_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String contentType = "";
            boolean retryAfter = false;
            for (String line : lines) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).strip();
                }
                retryAfter |= line.toLowerCase().startsWith("retry-after:");
            }
            return new Answer(request.lines().findFirst().orElse(""), status, contentType, retryAfter);
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The header marking a forwarded query; a client may forge it. */
    static final class PeerForwarding {
        static final String HEADER = "X-Forwarded-Query";

        private PeerForwarding() {}
    }
}
