package cn.laorenjia.settlement.ledger.service;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a whole transaction again when it failed for a reason that a new attempt can cure: a concurrent
 * insert of the same client id (the retry then finds it and answers as the first time), a deadlock, a
 * serialisation failure, or a connection lost mid-transaction. Anything else is rethrown at once.
 */
public final class TransientFailures {

    private static final int ATTEMPTS = 5;
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
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
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

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
