package cn.laorenjia.settlement.availability;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which failures mean "the database is not available now" (answered 503 with Retry-After) rather than a fault of
 * the request or of the service: a lost or refused connection (SQLState class 08), a server shutting down or
 * starting (57P01, 57P02, 57P03), a read-only transaction on a standby after a failover (25006), a statement
 * cancelled by its timeout (57014), a socket timeout (a COMMIT waiting for a synchronous standby that is gone), and
 * the pool's acquisition timeout (Agroal raises a plain SQLException without a state, hence its message).
 */
public final class DatabaseFailures {

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "25006", "57014");
    private static final String AGROAL_ACQUISITION_TIMEOUT = "acquisition timeout";

    private DatabaseFailures() {
    }

    /** The reason (an SQLState, or a short name) when {@code e} says the database is unavailable. */
    public static Optional<String> unavailability(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        return search(e, seen);
    }

    private static Optional<String> search(Throwable e, Set<Throwable> seen) {
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return Optional.of("socket timeout");
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                    return Optional.of(state);
                }
                String message = sql.getMessage();
                if (state == null && message != null && message.toLowerCase().contains(AGROAL_ACQUISITION_TIMEOUT)) {
                    return Optional.of("pool acquisition timeout");
                }
                if (sql instanceof SQLTransientConnectionException) {
                    return Optional.of("connection");
                }
                // a batch or a commit failure may carry the real one as its next exception
                if (sql.getNextException() != null) {
                    Optional<String> next = search(sql.getNextException(), seen);
                    if (next.isPresent()) {
                        return next;
                    }
                }
            }
            // a commit failure (JTA) may hide the SQL failure as a suppressed exception
            for (Throwable suppressed : t.getSuppressed()) {
                Optional<String> found = search(suppressed, seen);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
