package cn.laorenjia.settlement.availability;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commits a tiny transaction that writes (the one row of {@code availability_probe}, V29), so that readiness goes DOWN
 * when commits stall (a synchronous standby gone), not only when connections fail. It must write: PostgreSQL commits a
 * transaction that wrote no WAL without waiting for the standbys, even one that took an id ({@code select
 * txid_current()}), so such a probe stays UP while every sale hangs. The
 * bound is kept from the Java side: a COMMIT waiting for a standby is not cancelled by statement_timeout, so the
 * caller stops waiting after {@code laorenjia.database.probe.bound} while the probe itself runs on, on its own
 * thread, until it finishes or its socket timeout gives the connection back. One probe at a time: a readiness
 * request during a stalled probe waits only what is left of the bound.
 *
 * <p>The one place that takes a connection from the pool itself (the persistence package's rule): a transaction of
 * the service would roll back, not commit, nothing.
 */
@ApplicationScoped
public class CommitProbe {

    private static final Logger LOG = Logger.getLogger(CommitProbe.class);

    /** What the last finished (or overdue) probe found. */
    public record Result(boolean up, String reason, long millis) {
    }

    private final AgroalDataSource dataSource;
    private final DatabaseConfig config;
    private final DatabaseIncidents incidents;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "commit-probe");
        thread.setDaemon(true);
        return thread;
    });

    /** The probe under way and when it began (guarded by this). */
    private CompletableFuture<Result> inFlight;
    private long inFlightSince;
    /** Whether the last answer was UP, to log changes once (guarded by this). */
    private Boolean lastUp;

    public CommitProbe(AgroalDataSource dataSource, DatabaseConfig config, DatabaseIncidents incidents) {
        this.dataSource = dataSource;
        this.config = config;
        this.incidents = incidents;
    }

    /** Probes (or joins the probe under way) and answers within the bound. */
    public Result check() {
        CompletableFuture<Result> probe;
        long since;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                try {
                    inFlight = CompletableFuture.supplyAsync(this::commitOnce, executor);
                } catch (RejectedExecutionException stopping) {
                    return new Result(false, "the service is stopping", 0);
                }
                inFlightSince = System.nanoTime();
            }
            probe = inFlight;
            since = inFlightSince;
        }
        long bound = config.probe().bound().toNanos();
        long left = bound - (System.nanoTime() - since);
        Result result;
        try {
            result = probe.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result = new Result(false, "commit not finished within " + config.probe().bound().toMillis() + " ms",
                    Duration.ofNanos(System.nanoTime() - since).toMillis());
        } catch (ExecutionException e) {
            result = new Result(false, DatabaseIncidents.oneLine(e.getCause()), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Result(false, "interrupted", 0);
        }
        changed(result);
        return result;
    }

    @Scheduled(identity = "commit-probe", every = "${laorenjia.database.probe.every:PT5S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        check();
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    private Result commitOnce() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(Runnable::run, Math.toIntExact(config.probe().networkTimeout().toMillis()));
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local statement_timeout = " + config.probe().bound().toMillis());
                statement.executeUpdate("update availability_probe set committed_at = now() where id = 1");
            }
            connection.commit();
            incidents.fine();
            return new Result(true, "commit in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms",
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        } catch (SQLException | RuntimeException e) {
            return new Result(false, DatabaseFailures.unavailability(e).map(r -> r + ": ").orElse("")
                    + DatabaseIncidents.oneLine(e), Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    /** One line when readiness changes, none while it stays. */
    private void changed(Result result) {
        synchronized (this) {
            if (lastUp != null && lastUp == result.up()) {
                return;
            }
            lastUp = result.up();
        }
        if (result.up()) {
            LOG.infof("Database commits again: readiness UP (%s)", result.reason());
        } else {
            LOG.warnf("Database commits fail or stall: readiness DOWN (%s)", result.reason());
        }
    }
}
