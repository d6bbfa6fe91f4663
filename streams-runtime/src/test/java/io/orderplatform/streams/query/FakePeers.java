package io.orderplatform.streams.query;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/** Other instances as the router sees them: each answers as told, or is down. */
final class FakePeers extends PeerClient {

    private final Map<HostInfo, Answer> answers = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    void answers(HostInfo peer, int status, String body, Long etag, Long lag) {
        answers.put(
                peer,
                new Answer(
                        status,
                        body.getBytes(StandardCharsets.UTF_8),
                        etag == null ? OptionalLong.empty() : OptionalLong.of(etag),
                        lag == null ? OptionalLong.empty() : OptionalLong.of(lag),
                        1));
    }

    @Override
    public CompletableFuture<Answer> get(HostInfo peer, String pathAndQuery, Duration timeout) {
        asked.add(peer.port() + pathAndQuery);
        Answer answer = answers.get(peer);
        return answer == null
                ? CompletableFuture.failedFuture(new PeerDownException(peer, new ConnectException("refused")))
                : CompletableFuture.completedFuture(answer);
    }
}
