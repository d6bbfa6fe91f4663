package io.orderplatform.saga.adapter.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class DeadlineIndexTest {

    final KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(SagaTopology.DEADLINES), Serdes.String(), Serdes.String())
            .withLoggingDisabled()
            .build();

    DeadlineIndexTest() {
        store.init(new MockProcessorContext<String, String>().getStateStoreContext(), store);
    }

    @Test
    void a_task_starting_on_a_restored_store_knows_its_deadlines_in_time_order() {
        store.put("0000000003000|order-b|command-2", "");
        store.put("0000000001000|order-a|command-1", "");
        store.put("0000000009000|order-c|command-3", "");

        DeadlineIndex index = new DeadlineIndex(store);

        assertThat(index.isEmpty()).isFalse();
        assertThat(index.dueAt(Instant.ofEpochMilli(3_000), 10))
                .containsExactly(
                        new DeadlineIndex.Due("order-a", "command-1"), new DeadlineIndex.Due("order-b", "command-2"));
        assertThat(index.dueAt(Instant.ofEpochMilli(10_000), 2)).hasSize(2);
        assertThat(index.dueAt(Instant.ofEpochMilli(999), 10)).isEmpty();
    }

    @Test
    void an_empty_store_has_no_deadlines() {
        assertThat(new DeadlineIndex(store).isEmpty()).isTrue();
    }
}
