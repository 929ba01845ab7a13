package cn.laorenjia.settlement.ledger.service;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a whole transaction again when it failed for a reason that a new attempt can cure: a concurrent
 * insert of the same client id (the retry then finds it and answers as the first time), a deadlock, a
 * serialisation failure, or a connection lost mid-transaction. Anything else is rethrown at once.
 *
 * <p>A lost connection is retried only within {@link #RETRY_WINDOW_NANOS} of the first attempt, and a socket timeout
 * never: the counter waits 8 s, and a database that is down or stalls is answered 503 (the counter sends the sale
 * again with the same id later) rather than retried past that. The races (a concurrent same id, a deadlock) are
 * retried whenever they come: under load the first attempt may have waited long, and its retry is quick.
 */
public final class TransientFailures {

    private static final int ATTEMPTS = 5;
    private static final long RETRY_WINDOW_NANOS = java.time.Duration.ofMillis(1500).toNanos();
    private static final Set<String> RETRYABLE_STATES = Set.of(
            "23505",  // unique_violation: the same entry id committed concurrently
            "40001",  // serialization_failure
            "40P01",  // deadlock_detected
            "57P01",  // admin_shutdown: the backend was terminated
            "57P02", "57P03");

    private TransientFailures() {
    }

    public static <T> T retry(Supplier<T> transaction) {
        RuntimeException last = null;
        long start = System.nanoTime();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (!isTransient(e) || attempt == ATTEMPTS || timedOut(e)
                        || (connectionLost(e) && System.nanoTime() - start > RETRY_WINDOW_NANOS)) {
                    throw e;
                }
                last = e;
                sleepQuietly(attempt * 20L);
            }
        }
        throw last;
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (RETRYABLE_STATES.contains(state) || state.startsWith("08"))) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The connection is gone (SQLState class 08, or the server shutting down), not a race between transactions. */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A socket timeout: the time is spent (and a commit may be in doubt; the client's resend settles it). */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
