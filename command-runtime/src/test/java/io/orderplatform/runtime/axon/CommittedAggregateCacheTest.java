package io.orderplatform.runtime.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.common.caching.WeakReferenceCache;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the aggregate cache holds around a transaction: the new copy once it committed, nothing if it
 * rolled back (also when it failed in its commit, as when the database goes away), and the old copy
 * never while the transaction is open.
 */
class CommittedAggregateCacheTest {

    private final WeakReferenceCache backing = new WeakReferenceCache();
    private final CommittedAggregateCache cache = new CommittedAggregateCache(backing);
    private final Transactions transactions = new Transactions();
    private final TransactionTemplate transaction = new TransactionTemplate(transactions);

    private final Object version5 = "SKU-1 at version 5";
    private final Object version6 = "SKU-1 at version 6";

    @Test
    void a_copy_saved_in_a_transaction_is_cached_once_it_committed_and_the_old_one_is_gone_meanwhile() {
        cache.put("SKU-1", version5);

        transaction.executeWithoutResult(status -> {
            cache.put("SKU-1", version6);
            assertThat((Object) cache.get("SKU-1")).isNull();
        });

        assertThat((Object) cache.get("SKU-1")).isSameAs(version6);
    }

    @Test
    void a_copy_saved_in_a_transaction_that_rolled_back_is_not_cached() {
        cache.put("SKU-1", version5);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    cache.put("SKU-1", version6);
                    throw new IllegalStateException("the idempotency key could not be stored");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat((Object) cache.get("SKU-1")).isNull();
    }

    @Test
    void a_copy_saved_in_a_transaction_whose_commit_failed_is_not_cached() {
        transactions.commitFails = true;

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> cache.put("SKU-1", version6)))
                .isInstanceOf(TransactionSystemException.class);

        assertThat((Object) cache.get("SKU-1")).isNull();
    }

    @Test
    void outside_a_transaction_a_copy_is_cached_at_once() {
        cache.put("SKU-1", version6);

        assertThat((Object) cache.get("SKU-1")).isSameAs(version6);
        assertThat(cache.remove("SKU-1")).isTrue();
        assertThat(cache.containsKey("SKU-1")).isFalse();
    }

    /** Transactions with synchronizations and nothing behind them; a commit can be made to fail. */
    static final class Transactions extends AbstractPlatformTransactionManager {
        boolean commitFails;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            if (commitFails) {
                throw new TransactionSystemException("Could not commit JDBC transaction");
            }
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
    }
}
