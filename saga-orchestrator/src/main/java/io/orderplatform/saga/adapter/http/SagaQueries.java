package io.orderplatform.saga.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.saga.adapter.streams.SagaStreams;
import io.orderplatform.saga.adapter.streams.SagaTopology;
import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.schemas.json.ContractJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds a saga wherever it lives: in this instance's store when it holds the order's partition (as
 * active or standby; during a rebalance a standby's possibly stale copy answers rather than nobody), or
 * else by asking the instance that does.
 */
public class SagaQueries {

    /** Marks a query forwarded by another instance, so that it is never forwarded again. */
    static final String FORWARDED = "X-Forwarded-Query";

    private static final ObjectMapper JSON = ContractJson.mapper();

    private final SagaStreams streams;
    private final HostInfo self;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SagaQueries(SagaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** Thrown while no instance can answer for the order yet (starting, rebalancing). */
    public static class NotReady extends RuntimeException {
        NotReady(String message) {
            super(message);
        }
    }

    /**
     * The saga of an order, if there is one.
     *
     * @param forwarded whether another instance already forwarded this query here
     * @throws NotReady if the order's partition has no instance able to answer right now
     */
    public Optional<SagaView> find(String orderId, boolean forwarded) {
        KafkaStreams running = streams.streams();
        if (running == null || !running.state().isRunningOrRebalancing()) {
            throw new NotReady("the saga store is not running yet");
        }
        KeyQueryMetadata owner = running.queryMetadataForKey(
                SagaTopology.SAGAS, orderId, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new NotReady("no instance holds the order's partition yet");
        }
        if (self.equals(owner.activeHost()) || owner.standbyHosts().contains(self)) {
            return local(running, orderId, owner.partition()).map(SagaView::of);
        }
        if (forwarded) {
            throw new NotReady("the order's partition is moving between instances");
        }
        return ask(owner.activeHost(), orderId);
    }

    private static Optional<SagaState> local(KafkaStreams running, String orderId, int partition) {
        try {
            ReadOnlyKeyValueStore<String, SagaState> store = running.store(StoreQueryParameters.fromNameAndType(
                            SagaTopology.SAGAS, QueryableStoreTypes.<String, SagaState>keyValueStore())
                    .withPartition(partition)
                    .enableStaleStores());
            return Optional.ofNullable(store.get(orderId));
        } catch (InvalidStateStoreException e) {
            throw new NotReady("the saga store is being restored: " + e.getMessage());
        }
    }

    private Optional<SagaView> ask(HostInfo owner, String orderId) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/sagas/"
                + URLEncoder.encode(orderId, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(uri)
                            .header(FORWARDED, "1")
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return switch (answer.statusCode()) {
                case 200 -> Optional.of(JSON.readValue(answer.body(), SagaView.class));
                case 404 -> Optional.empty();
                default -> throw new NotReady("the owning instance answered " + answer.statusCode());
            };
        } catch (IOException e) {
            throw new NotReady("the owning instance " + owner + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("interrupted");
        }
    }
}
