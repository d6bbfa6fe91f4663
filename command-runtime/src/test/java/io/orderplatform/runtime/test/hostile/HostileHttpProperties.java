package io.orderplatform.runtime.test.hostile;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * What every command service built on the runtime must keep under hostile HTTP input: random methods,
 * paths (with {@code %00}, dot segments, overlong), Content-Types (multipart without a boundary, bad
 * charsets), Idempotency-Keys, If-Match values, Accept headers, and bodies (valid, truncated, deeply
 * nested, wrong types, binary), plain or chunked. Whatever arrives:
 *
 * <ul>
 *   <li>no answer is a 5xx, from the container up;
 *   <li>every refusal is {@code application/problem+json};
 *   <li>only an accepted command writes, and exactly one event (a replayed answer writes none).
 * </ul>
 *
 * A service extends this with its running instance, its command paths and a few valid bodies.
 */
public abstract class HostileHttpProperties {

    /** The port the service under attack listens on. */
    protected abstract int port();

    /** Paths of the service's commands, e.g. {@code /orders}; random ids are filled in for {@code {id}}. */
    protected abstract List<String> commandPaths();

    /** Valid bodies of its commands: the generator mutates them. */
    protected abstract List<String> validBodies();

    /** Events in the service's store right now. */
    protected abstract long events();

    @Property(tries = 600)
    void no_5xx_only_problems_and_no_effect_unless_accepted(@ForAll("requests") HostileRequest request)
            throws IOException {
        long before = events();

        RawHttp.Answer answer = RawHttp.send(port(), request);
        Statistics.label("status").collect(answer.status());

        assertThat(answer.status())
                .as("status of %s%n%s", request, answer.rawHead())
                .isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.header("content-type"))
                    .as("content type of %s%n%s", request, answer.rawHead())
                    .startsWith("application/problem+json");
        }
        boolean accepted = request.method().equals("POST")
                && (answer.status() == 201 || answer.status() == 202)
                && !"true".equals(answer.header("Idempotent-Replayed"));
        assertThat(events() - before).as("events written by %s", request).isEqualTo(accepted ? 1 : 0);
    }

    @Provide
    Arbitrary<HostileRequest> requests() {
        return Combinators.combine(methods(), paths(), headers(), bodies(), Arbitraries.of(false, true))
                .as(HostileRequest::new);
    }

    private Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just("POST")),
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "FOO")));
    }

    private Arbitrary<String> paths() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                weirdSegment(),
                Arbitraries.of("%00", "..", "%2e%2e", "..;", "%ff%fe", "a".repeat(5_000), "ü", ""));
        Arbitrary<String> commands =
                Combinators.combine(Arbitraries.of(commandPaths()), ids).as((path, id) -> path.replace("{id}", id));
        Arbitrary<String> fixed = Arbitraries.of(
                "/orders%00",
                "/%2e%2e/%2e%2e/etc/passwd",
                "//orders",
                "/orders?x=%ZZ&y",
                "/orders#frag",
                "*",
                "/actuator/health",
                "/actuator/../orders",
                "/v3/api-docs",
                "/error",
                "/" + "x".repeat(9_000));
        Arbitrary<String> random = weirdSegment().list().ofMaxSize(4).map(segments -> "/" + String.join("/", segments));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, commands),
                net.jqwik.api.Tuple.of(2, fixed),
                net.jqwik.api.Tuple.of(2, random));
    }

    private static Arbitrary<String> weirdSegment() {
        return Arbitraries.strings()
                .withChars("abcXYZ019-._~%:@!$&'()*+,;=\\\"<>[]{}|^`")
                .withChars('ä', 'é', '\u00ff')
                .ofMaxLength(30);
    }

    private Arbitrary<List<Map.Entry<String, String>>> headers() {
        Arbitrary<String> contentTypes = Arbitraries.oneOf(
                Arbitraries.of(
                        "application/json",
                        "application/json",
                        "application/json; charset=utf-8",
                        "application/json; charset=bogus",
                        "application/json;;;",
                        "multipart/form-data",
                        "multipart/form-data; boundary=x",
                        "multipart/mixed",
                        "application/x-www-form-urlencoded",
                        "text/plain",
                        "application/xml",
                        "*/*",
                        "application/*",
                        "",
                        "garbage",
                        "application/problem+json"),
                headerText());
        Arbitrary<String> accepts = Arbitraries.oneOf(
                Arbitraries.of("application/json", "text/html", "application/xml", "*/*", "image/png", "x/y;q=oops"),
                headerText());
        Arbitrary<String> ifMatches = Arbitraries.oneOf(
                Arbitraries.of("\"1\"", "\"2\"", "W/\"1\"", "*", "\"-1\"", "\"99999999999999999999\"", "\"\"", "1"),
                headerText());
        return Combinators.combine(
                        optional("Content-Type", contentTypes, 9),
                        optional("Accept", accepts, 3),
                        optional("Idempotency-Key", headerText(), 3),
                        optional("If-Match", ifMatches, 3),
                        optional("X-Correlation-Id", headerText(), 2),
                        optional("traceparent", headerText(), 2))
                .as((a, b, c, d, e, f) -> {
                    List<Map.Entry<String, String>> all = new ArrayList<>();
                    for (List<Map.Entry<String, String>> one : List.of(a, b, c, d, e, f)) {
                        all.addAll(one);
                    }
                    return all;
                });
    }

    /** The header with a value in {@code inTen} of ten requests. */
    private static Arbitrary<List<Map.Entry<String, String>>> optional(
            String name, Arbitrary<String> values, int inTen) {
        return Arbitraries.integers()
                .between(1, 10)
                .flatMap(roll -> roll <= inTen
                        ? values.map(value -> List.of(Map.entry(name, value)))
                        : Arbitraries.just(List.of()));
    }

    /** Header text: anything a client can put on the wire in a header value (no CR or LF). */
    private static Arbitrary<String> headerText() {
        return Arbitraries.strings()
                .withCharRange(' ', '~')
                .withCharRange('\u0080', '\u00ff')
                .withChars('\t')
                .ofMaxLength(300);
    }

    private Arbitrary<byte[]> bodies() {
        Arbitrary<String> valid = Arbitraries.of(validBodies());
        Arbitrary<String> truncated = Combinators.combine(
                        valid, Arbitraries.doubles().between(0, 1))
                .as((body, cut) -> body.substring(0, (int) (body.length() * cut)));
        Arbitrary<String> nested =
                Arbitraries.integers().between(1, 5_000).map(depth -> "[".repeat(depth) + "]".repeat(depth));
        Arbitrary<String> nestedObject = Arbitraries.integers()
                .between(1, 3_000)
                .map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
        Arbitrary<String> retyped = Combinators.combine(
                        valid,
                        Arbitraries.of(
                                "null",
                                "true",
                                "[]",
                                "{}",
                                "-1",
                                "1e999",
                                "\"\"",
                                "\"\\u0000\"",
                                "99999999999999999999999"))
                .as(HostileHttpProperties::replaceFirstValue);
        Arbitrary<String> json = Arbitraries.of(
                "", "null", "[]", "{}", "\"x\"", "{\"a\":1,\"a\":2}", "{\"a\":", "\u0000", "{\"lines\":[null]}");
        Arbitrary<byte[]> text = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, valid),
                        net.jqwik.api.Tuple.of(2, truncated),
                        net.jqwik.api.Tuple.of(1, nested),
                        net.jqwik.api.Tuple.of(1, nestedObject),
                        net.jqwik.api.Tuple.of(3, retyped),
                        net.jqwik.api.Tuple.of(2, json))
                .map(body -> body.getBytes(UTF_8));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        Arbitrary<byte[]> latin1 = headerText().map(body -> body.getBytes(ISO_8859_1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, text), net.jqwik.api.Tuple.of(1, binary), net.jqwik.api.Tuple.of(1, latin1));
    }

    /** The body with the value of its first field replaced, e.g. a string where a number belongs. */
    private static String replaceFirstValue(String body, String value) {
        int colon = body.indexOf(':');
        if (colon < 0) {
            return body;
        }
        int end = colon + 1;
        while (end < body.length() && ",}".indexOf(body.charAt(end)) < 0) {
            end++;
        }
        return body.substring(0, colon + 1) + " " + value + body.substring(end);
    }
}
