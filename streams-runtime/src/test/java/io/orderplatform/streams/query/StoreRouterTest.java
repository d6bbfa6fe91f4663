package io.orderplatform.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderplatform.schemas.catalog.Topics;
import io.orderplatform.streams.store.ViewStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreRouterTest {

    record Item(String id, long version) {}

    static final ViewStore<String, Item> ITEMS = new ViewStore<>(
            "items",
            Topics.ORDERS_EVENTS,
            Serdes.String(),
            Serdes.serdeFrom((topic, item) -> new byte[0], (t, b) -> null));

    static final HostInfo SELF = new HostInfo("self", 1);
    static final HostInfo PEER = new HostInfo("peer", 2);
    static final HostInfo OTHER = new HostInfo("other", 3);
    static final Duration GRACE = Duration.ofMillis(300);

    final LocalInstance here = new LocalInstance(ITEMS.name());
    final FakePeers peers = new FakePeers();
    final ChangeSignal changes = new ChangeSignal();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final StoreRouter router = new StoreRouter(() -> List.of(here.streams), SELF, peers, changes, GRACE, meters);

    @AfterEach
    void close() {
        router.close();
    }

    static KeyQuery<String, Item, Item> query(String key) {
        return KeyQuery.of(ITEMS, key, "/items/" + key, false).versioned(Item::version);
    }

    static Optional<ViewAnswer> await(CompletableFuture<Optional<ViewAnswer>> answer) throws Exception {
        try {
            return answer.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    static String json(ViewAnswer answer) {
        return new String(answer.json(), StandardCharsets.UTF_8);
    }

    @Test
    void the_active_copy_here_answers_without_asking_anyone() throws Exception {
        here.<Item>active(2).with("a", new Item("a", 4));
        here.believes(SELF, Set.of(PEER), 2);

        ViewAnswer answer = await(router.get(query("a"))).orElseThrow();

        assertThat(answer.version()).isEqualTo(4);
        assertThat(answer.lag()).as("a running active copy is not stale").isNull();
        assertThat(json(answer)).contains("\"version\":4");
        assertThat(peers.asked).isEmpty();
    }

    @Test
    void a_key_held_elsewhere_is_forwarded_once_to_its_owner() throws Exception {
        here.believes(PEER, Set.of(OTHER), 2);
        peers.answers(PEER, 200, "{\"id\":\"a\"}", 7L, null);

        ViewAnswer answer = await(router.get(query("a"))).orElseThrow();

        assertThat(json(answer)).isEqualTo("{\"id\":\"a\"}");
        assertThat(answer.version()).isEqualTo(7);
        assertThat(peers.asked).containsExactly("2/items/a");
    }

    @Test
    void a_standby_copy_here_answers_with_its_lag_when_the_owner_does_not() throws Exception {
        here.<Item>standby(2, 5).with("a", new Item("a", 3));
        here.believes(PEER, Set.of(SELF), 2);

        ViewAnswer answer = await(router.get(query("a"))).orElseThrow();

        assertThat(answer.version()).isEqualTo(3);
        assertThat(answer.lag()).isEqualTo(5);
        assertThat(meters.counter("streams.query.answers", "copy", "standby").count())
                .isEqualTo(1);
    }

    @Test
    void a_standby_elsewhere_answers_when_the_owner_is_down_and_nothing_is_held_here() throws Exception {
        here.believes(PEER, Set.of(OTHER), 2);
        peers.answers(OTHER, 200, "{\"id\":\"a\"}", 2L, 9L);

        ViewAnswer answer = await(router.get(query("a"))).orElseThrow();

        assertThat(answer.lag()).isEqualTo(9);
        assertThat(peers.asked).containsExactly("2/items/a", "3/items/a");
    }

    @Test
    void a_stopping_instance_answers_503_not_500() {
        here.<Item>active(2).with("a", new Item("a", 1));
        here.believes(SELF, Set.of(), 2);
        here.stopping();

        assertThatThrownBy(() -> await(router.get(query("a"))))
                .isInstanceOf(QueryUnavailableException.class)
                .hasMessageContaining("PENDING_SHUTDOWN");
    }

    @Test
    void a_store_that_closes_between_lookup_and_read_is_tried_again_within_the_grace() throws Exception {
        here.believes(SELF, Set.of(), 2);
        // Not yet readable: the partition is still being assigned here.
        CompletableFuture<Optional<ViewAnswer>> answer = router.get(query("a"));
        Thread.sleep(100);
        here.<Item>active(2).with("a", new Item("a", 1));

        assertThat(await(answer)).isPresent();
    }

    @Test
    void a_forwarded_query_for_a_partition_not_held_here_is_misdirected() {
        here.believes(PEER, Set.of(OTHER), 2);

        assertThatThrownBy(() -> await(router.get(KeyQuery.of(ITEMS, "a", "/items/a", true))))
                .isInstanceOf(MisdirectedQueryException.class);
        assertThat(peers.asked).as("never forwarded twice").isEmpty();
    }

    @Test
    void a_peer_that_answers_an_error_is_counted_and_not_taken_for_down() {
        here.believes(PEER, Set.of(), 2);
        peers.answers(PEER, 500, "boom", null, null);

        assertThatThrownBy(() -> await(router.get(query("a"))))
                .isInstanceOf(QueryUnavailableException.class)
                .hasMessageContaining("answered 500");
        assertThat(meters.counter("streams.query.peer.errors", "peer", "peer:2").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_read_asking_for_a_version_waits_for_it() throws Exception {
        MapStore<Item> store = here.active(2);
        store.with("a", new Item("a", 1));
        here.believes(SELF, Set.of(), 2);

        CompletableFuture<Optional<ViewAnswer>> answer = router.get(query("a").atLeast(2, Duration.ofSeconds(3)));
        Thread.sleep(50);
        assertThat(answer).isNotDone();
        store.with("a", new Item("a", 2));
        changes.changed();

        assertThat(await(answer).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void a_version_not_reached_in_time_is_behind() {
        here.<Item>active(2).with("a", new Item("a", 1));
        here.believes(SELF, Set.of(), 2);

        assertThatThrownBy(() -> await(router.get(query("a").atLeast(5, Duration.ofMillis(100)))))
                .isInstanceOf(QueryUnavailableException.Behind.class);
    }

    @Test
    void a_key_absent_from_the_only_copy_while_it_is_still_restored_is_unavailable_not_not_found() {
        here.<Item>standby(2, 40);
        here.believes(PEER, Set.of(SELF), 2);

        assertThatThrownBy(() -> await(router.get(query("a"))))
                .as("the view may exist; the copy has 40 records left to restore")
                .isInstanceOf(QueryUnavailableException.class)
                .hasMessageContaining("still being restored");
    }

    @Test
    void an_absent_key_in_a_running_active_copy_is_not_found() throws Exception {
        here.<Item>active(2);
        here.believes(SELF, Set.of(), 2);

        assertThat(await(router.get(query("a")))).isEmpty();
    }

    @Test
    void a_scan_replaces_an_unreadable_peer_answer_with_a_copy_held_here_and_counts_it() throws Exception {
        for (int partition = 0; partition < ITEMS.partitions(); partition++) {
            here.<Item>standby(partition, 1).with("k" + partition, new Item("k" + partition, 1));
        }
        peers.answers(PEER, 200, "not json", null, null);
        StreamsMetadata peerOwningAll = owningEveryPartition(PEER);
        when(here.streams.metadataForAllStreamsClients()).thenReturn(List.of(peerOwningAll));

        ScanResult result = router.scan(
                        new ScanQuery<>(ITEMS, null, null, 10, item -> true, ScanQuery.ONE_PER_KEY, p -> "/scan"))
                .get(5, TimeUnit.SECONDS);

        assertThat(result.views()).extracting(Map.Entry::getKey).containsExactly("k0", "k1", "k2", "k3", "k4", "k5");
        assertThat(result.lag()).isEqualTo(1);
        assertThat(meters.counter("streams.query.peer.errors", "peer", "peer:2").count())
                .isEqualTo(1);
    }

    private static StreamsMetadata owningEveryPartition(HostInfo host) {
        StreamsMetadata metadata = mock(StreamsMetadata.class);
        when(metadata.hostInfo()).thenReturn(host);
        Set<TopicPartition> all = new HashSet<>();
        for (int partition = 0; partition < ITEMS.partitions(); partition++) {
            all.add(new TopicPartition(Topics.ORDERS_EVENTS.name(), partition));
        }
        when(metadata.topicPartitions()).thenReturn(all);
        when(metadata.standbyTopicPartitions()).thenReturn(Set.of());
        return metadata;
    }
}
