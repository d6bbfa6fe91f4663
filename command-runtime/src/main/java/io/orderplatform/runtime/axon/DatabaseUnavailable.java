package io.orderplatform.runtime.axon;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure because PostgreSQL cannot be reached (down, restarting, refusing connections, no
 * connection free in the pool within its timeout, a connection lost under a statement) from every
 * other failure, whatever Spring or Axon wrapped it in: the whole cause chain is looked at.
 *
 * <p>Such a failure is nobody's fault and goes away with the database coming back: an HTTP command
 * is answered {@code 503} with {@code Retry-After}, a Kafka command is retried until it goes through.
 * A refused statement (a unique violation, a constraint, a syntax error) is not one of them.
 */
public final class DatabaseUnavailable {

    /** SQLState class 08: connection exception (08001 cannot connect, 08006 connection failure, ...). */
    private static final String CONNECTION_EXCEPTION = "08";

    /** PostgreSQL's admin shutdown, crash shutdown and cannot-connect-now (starting up, shutting down, recovering). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnavailable() {}

    /** Whether the failure, or anything it was caused by, says that the database cannot be reached. */
    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isUnavailable(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql.getNextException();
                        next != null && seen.add(next);
                        next = next.getNextException()) {
                    if (isUnavailable(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isUnavailable(Throwable cause) {
        if (cause instanceof CannotCreateTransactionException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessResourceException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof ConnectException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith(CONNECTION_EXCEPTION) || SERVER_GOING_AWAY.contains(state);
        }
        return false;
    }
}
