package io.orderplatform.streams.query;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A store partition held in memory, for router tests. */
final class MapStore<V> implements ReadOnlyKeyValueStore<String, V> {

    final NavigableMap<String, V> values = new TreeMap<>();

    MapStore<V> with(String key, V value) {
        values.put(key, value);
        return this;
    }

    @Override
    public V get(String key) {
        return values.get(key);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        NavigableMap<String, V> range = values;
        if (from != null) {
            range = range.tailMap(from, true);
        }
        if (to != null) {
            range = range.headMap(to, true);
        }
        return iterator(range.entrySet().iterator());
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return range(null, null);
    }

    @Override
    public long approximateNumEntries() {
        return values.size();
    }

    private static <V> KeyValueIterator<String, V> iterator(Iterator<Map.Entry<String, V>> entries) {
        return new KeyValueIterator<>() {
            @Override
            public void close() {}

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public KeyValue<String, V> next() {
                Map.Entry<String, V> next = entries.next();
                return KeyValue.pair(next.getKey(), next.getValue());
            }
        };
    }
}
