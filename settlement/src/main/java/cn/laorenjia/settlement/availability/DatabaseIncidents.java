package cn.laorenjia.settlement.availability;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * One log line per request failed by an unavailable database, and the stack trace once per incident: an incident
 * begins with the first such failure after the database was fine, and ends when a commit succeeds again
 * ({@link CommitProbe}). A 15 s outage under load used to write ~100 lines of stack trace per request.
 */
@ApplicationScoped
public class DatabaseIncidents {

    private static final Logger LOG = Logger.getLogger(DatabaseIncidents.class);

    /** The incident under way, or null while the database is fine (guarded by this). */
    private Incident current;

    private record Incident(String id, long startedNanos, long[] failures) {
    }

    /** Logs a request that failed because the database is unavailable; returns the incident's id. */
    public String failed(Throwable e, String reason, String request) {
        Incident incident;
        boolean first;
        synchronized (this) {
            first = current == null;
            if (first) {
                current = new Incident(UUID.randomUUID().toString().substring(0, 8), System.nanoTime(), new long[1]);
            }
            incident = current;
            incident.failures()[0]++;
        }
        if (first) {
            LOG.errorf(e, "Database unavailable (%s): incident %s begins; %s answered 503. Later failures of this "
                    + "incident are logged in one line each", reason, incident.id(), request);
        } else {
            LOG.warnf("Database unavailable (%s), incident %s: %s answered 503: %s", reason, incident.id(), request,
                    oneLine(e));
        }
        return incident.id();
    }

    /**
     * A background job (the ledger sealer, the terminal-contact flush) failed: when the database is unavailable, one
     * line (the stack trace if it begins the incident) and true; otherwise false, and the job logs as it always did.
     */
    public boolean jobFailed(Throwable e, String job) {
        java.util.Optional<String> reason = DatabaseFailures.unavailability(e);
        if (reason.isEmpty()) {
            return false;
        }
        Incident incident;
        boolean first;
        synchronized (this) {
            first = current == null;
            if (first) {
                current = new Incident(UUID.randomUUID().toString().substring(0, 8), System.nanoTime(), new long[1]);
            }
            incident = current;
        }
        if (first) {
            LOG.errorf(e, "Database unavailable (%s): incident %s begins; %s failed, retried at its next run",
                    reason.get(), incident.id(), job);
        } else {
            LOG.warnf("Database unavailable (%s), incident %s: %s failed, retried at its next run: %s", reason.get(),
                    incident.id(), job, oneLine(e));
        }
        return true;
    }

    /** The database committed again: the incident under way, if any, is over. */
    public void fine() {
        Incident ended;
        synchronized (this) {
            ended = current;
            current = null;
        }
        if (ended != null) {
            LOG.infof("Database available again: incident %s ended after %d s, %d requests answered 503", ended.id(),
                    Duration.ofNanos(System.nanoTime() - ended.startedNanos()).toSeconds(), ended.failures()[0]);
        }
    }

    public synchronized boolean underWay() {
        return current != null;
    }

    /** The innermost message of the chain, on one line. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.replaceAll("\\s+", " ");
    }
}
