package io.orderplatform.runtime.axon;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An aggregate cache for Axon's caching repository that only ever holds committed state.
 *
 * <p>Axon caches an aggregate when its unit of work commits, and drops it if that unit of work rolls
 * back. But an HTTP command's unit of work joins the request's transaction (see {@code
 * IdempotentCommands}), which commits later and may still roll back, above all when the database goes
 * away in between: the cache would then hold a version whose events were never stored, and the next
 * command on that aggregate would append after it, leaving a gap and building on state that does not
 * exist. So while a Spring transaction is active, {@link #put} drops the cached copy at once and caches
 * the new one only once that transaction has committed. A copy that is behind is harmless: its append
 * fails on the sequence number and the command is run again on a fresh load.
 *
 * <p>Axon's aggregate repository uses {@link #get}, {@link #put} and {@link #remove}; the other
 * operations are passed on as they are.
 */
public final class CommittedAggregateCache implements Cache {

    private final Cache cache;

    public CommittedAggregateCache(Cache cache) {
        this.cache = cache;
    }

    @Override
    public <K, V> V get(K key) {
        return cache.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            cache.put(key, value);
            return;
        }
        cache.remove(key);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    cache.put(key, value);
                } else {
                    cache.remove(key);
                }
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return cache.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return cache.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public boolean remove(Object key) {
        return cache.remove(key);
    }

    @Override
    public void removeAll() {
        cache.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cache.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return cache.registerCacheEntryListener(cacheEntryListener);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        cache.computeIfPresent(key, update);
    }
}
