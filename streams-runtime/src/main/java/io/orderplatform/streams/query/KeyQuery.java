package io.orderplatform.streams.query;

import io.orderplatform.streams.store.ViewStore;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A query of one view by key.
 *
 * @param store the store holding the view
 * @param key its key
 * @param lookup how the view is read from one partition's store (by default: the value under the key)
 * @param versionOf the version of a view, for {@code minVersion} and the {@code ETag}; 0 if views have none
 * @param rendering what is written as JSON for a view
 * @param minVersion the least version to answer with; 0 for any
 * @param maxWait how long to wait for that version
 * @param pathAndQuery the query as received, to forward to another instance
 * @param forwarded whether another instance forwarded it here (it is then never forwarded again)
 * @param <K> key type
 * @param <V> value type of the store
 * @param <R> the view read
 */
public record KeyQuery<K, V, R>(
        ViewStore<K, V> store,
        K key,
        Lookup<K, V, R> lookup,
        ToLongFunction<R> versionOf,
        Function<R, ?> rendering,
        long minVersion,
        Duration maxWait,
        String pathAndQuery,
        boolean forwarded) {

    /** Reads a view from one partition's store; null if there is none. */
    @FunctionalInterface
    public interface Lookup<K, V, R> {
        R find(ReadOnlyKeyValueStore<K, V> store, K key);
    }

    public KeyQuery {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    }

    /** The value stored under a key, as it is, with no version and no wait. */
    public static <K, V> KeyQuery<K, V, V> of(ViewStore<K, V> store, K key, String pathAndQuery, boolean forwarded) {
        return new KeyQuery<>(
                store,
                key,
                ReadOnlyKeyValueStore::get,
                view -> 0,
                Function.identity(),
                0,
                Duration.ZERO,
                pathAndQuery,
                forwarded);
    }

    /** The same query, reading the view another way. */
    public <T> KeyQuery<K, V, T> lookingUp(Lookup<K, V, T> otherLookup, ToLongFunction<T> otherVersionOf) {
        return new KeyQuery<>(
                store,
                key,
                otherLookup,
                otherVersionOf,
                Function.identity(),
                minVersion,
                maxWait,
                pathAndQuery,
                forwarded);
    }

    /** The same query, with views carrying a version. */
    public KeyQuery<K, V, R> versioned(ToLongFunction<R> otherVersionOf) {
        return new KeyQuery<>(
                store, key, lookup, otherVersionOf, rendering, minVersion, maxWait, pathAndQuery, forwarded);
    }

    /** The same query, answering once the view has {@code version}, waiting up to {@code wait}. */
    public KeyQuery<K, V, R> atLeast(long version, Duration wait) {
        return new KeyQuery<>(store, key, lookup, versionOf, rendering, version, wait, pathAndQuery, forwarded);
    }

    /** The same query, writing {@code render(view)} as the answer. */
    public KeyQuery<K, V, R> rendered(Function<R, ?> render) {
        return new KeyQuery<>(store, key, lookup, versionOf, render, minVersion, maxWait, pathAndQuery, forwarded);
    }
}
