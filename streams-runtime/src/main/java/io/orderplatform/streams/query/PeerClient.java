package io.orderplatform.streams.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the service for what it holds, without blocking the caller's thread. The
 * query is marked {@value QueryHeaders#FORWARDED}, so that it is answered from that instance's own copies
 * and never forwarded again.
 */
public class PeerClient {

    private final HttpClient http;

    public PeerClient() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build());
    }

    PeerClient(HttpClient http) {
        this.http = http;
    }

    /**
     * An instance's answer.
     *
     * @param status the HTTP status
     * @param body the body as sent
     * @param etag the version in its {@code ETag}, if any
     * @param lag its {@value QueryHeaders#VIEW_LAG}, if any
     * @param retryAfter its {@code Retry-After} in seconds (1 if absent or unreadable)
     */
    public record Answer(int status, byte[] body, OptionalLong etag, OptionalLong lag, int retryAfter) {}

    /** The instance did not answer at all (stopped, killed, unreachable, too slow). */
    public static final class PeerDownException extends RuntimeException {
        public PeerDownException(HostInfo peer, Throwable cause) {
            super("instance " + peer.host() + ":" + peer.port() + " did not answer: " + cause, cause);
        }
    }

    /**
     * @param pathAndQuery the query's path and query string, already encoded
     * @param timeout how long the peer may take (it may wait for a version)
     * @return the answer; fails with {@link PeerDownException} if there is none
     */
    public CompletableFuture<Answer> get(HostInfo peer, String pathAndQuery, Duration timeout) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery))
                    .header(QueryHeaders.FORWARDED, "1")
                    .timeout(timeout)
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new PeerDownException(peer, e));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                throw new PeerDownException(peer, cause instanceof IOException ? cause : failure);
            }
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    number(response.headers().firstValue("ETag").orElse(null)),
                    number(response.headers().firstValue(QueryHeaders.VIEW_LAG).orElse(null)),
                    (int) Math.max(
                            1,
                            number(response.headers().firstValue("Retry-After").orElse(null))
                                    .orElse(1)));
        });
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
