package io.orderplatform.projection.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the service for what it holds. A query it receives this way is marked, so
 * that it is answered from that instance's own copies and never forwarded again.
 */
public final class PeerClient {

    /** Marks a query forwarded by another instance. */
    public static final String FORWARDED = "X-Forwarded-Query";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** An instance's answer. */
    public record Answer(int status, byte[] body, OptionalLong etag, OptionalLong lag, String retryAfter) {}

    /** Thrown when the instance does not answer at all (stopped, killed, unreachable). */
    public static final class PeerDownException extends Exception {
        public PeerDownException(HostInfo peer, Throwable cause) {
            super("instance " + peer.host() + ":" + peer.port() + " did not answer: " + cause, cause);
        }
    }

    /**
     * @param pathAndQuery the query's path and query string, already encoded
     * @param timeout how long the peer may take (it may wait for a version)
     */
    public Answer get(HostInfo peer, String pathAndQuery, Duration timeout) throws PeerDownException {
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery);
        try {
            HttpResponse<byte[]> answer = http.send(
                    HttpRequest.newBuilder(uri)
                            .header(FORWARDED, "1")
                            .timeout(timeout)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(
                    answer.statusCode(),
                    answer.body(),
                    number(answer.headers().firstValue("ETag").orElse(null)),
                    number(answer.headers().firstValue(ViewHeaders.VIEW_LAG).orElse(null)),
                    answer.headers().firstValue("Retry-After").orElse("1"));
        } catch (IOException e) {
            throw new PeerDownException(peer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerDownException(peer, e);
        }
    }

    private static OptionalLong number(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(
                    Long.parseLong(header.replace("\"", "").replace("W/", "").strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
