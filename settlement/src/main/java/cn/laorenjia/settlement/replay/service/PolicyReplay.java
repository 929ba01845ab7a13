package cn.laorenjia.settlement.replay.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.policy.PolicyBook;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule change would have cost: replays a period of real counter traffic under a proposed policy version and
 * compares it with what the ledger paid (settlement/REPLAY.md). Reads only, in one read-only REPEATABLE READ
 * transaction (one snapshot for the register and the traffic), on the read replica when one is configured
 * ({@link ReplayConfig}); never writes anything.
 */
@ApplicationScoped
public class PolicyReplay {

    private static final Logger LOG = Logger.getLogger(PolicyReplay.class);

    private final AgroalDataSource dataSource;
    private final ReplayConfig config;
    private final PolicyCatalog policies;
    private final Clock clock;

    public PolicyReplay(AgroalDataSource dataSource, ReplayConfig config, PolicyCatalog policies, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Replays {@code period} under {@code proposed} (a draft or any catalogue version; its own effective dates are
     * ignored: it is applied over the period). Never inside a caller's transaction: it holds its own connection.
     *
     * @throws cn.laorenjia.settlement.error.ApiException {@link ReplayError#REPLAY_PERIOD_NOT_OVER} for a period
     *         reaching past today, {@link ReplayError#REPLAY_UNKNOWN_JURISDICTION} for a version no canteen would be
     *         decided by, {@link ReplayError#REPLAY_DATABASE_UNREADABLE} when the database cannot be read
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ReplayReport replay(PolicyVersion proposed, ReplayPeriod period) {
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(period, "period");
        Instant ranAt = clock.instant();
        if (period.to().isAfter(ChinaCalendar.mealDate(ranAt))) {
            throw ReplayError.REPLAY_PERIOD_NOT_OVER.exception("回放期间（至 " + period.to() + "）不能包含今天以后的日期");
        }
        List<String> jurisdictions = jurisdictionsDecidedBy(proposed.jurisdiction());
        if (jurisdictions.isEmpty()) {
            throw ReplayError.REPLAY_UNKNOWN_JURISDICTION.exception(
                    "辖区 " + proposed.jurisdiction() + " 没有适用该政策的食堂，无法回放");
        }
        Map<String, PolicyVersion> versions = new HashMap<>();
        for (String j : policies.jurisdictions()) {
            policies.book(j).versions().forEach(v -> versions.putIfAbsent(v.id(), v));
        }
        long started = System.nanoTime();
        boolean onReplica = config.replicaJdbcUrl().isPresent();
        ReplayRun run = new ReplayRun(proposed, versions, period, config.fetchSize());
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // one snapshot for the traffic and the ledger sums; nothing can be written through this transaction
                st.execute("set transaction isolation level repeatable read, read only");
                st.execute("set local work_mem = '" + config.workMem().replace("'", "") + "'");
                // every join here is over a whole period: hashed, never merged through an index in id order
                st.execute("set local enable_mergejoin = off");
            }
            try {
                run.readCanteens(c, jurisdictions);
                if (run.hasCanteens()) {
                    long t0 = System.nanoTime();
                    run.readFacts(c);
                    long t1 = System.nanoTime();
                    run.replayTraffic(c);
                    LOG.infof("policy replay phases: facts %d ms, traffic %d ms (query, then the replay as rows arrive)",
                            (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.errorf(e, "policy replay of %s over %s..%s failed", proposed.id(), period.from(), period.to());
            throw ReplayError.REPLAY_DATABASE_UNREADABLE.exception();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ReplayReport report = run.report(onReplica, ranAt, elapsed);
        LOG.infof("policy replay of %s over %s..%s: %d attempts in %d ms on the %s", proposed.id(), period.from(),
                period.to(), report.attemptsReplayed(), elapsed.toMillis(), onReplica ? "replica" : "primary");
        return report;
    }

    /** The jurisdictions whose book is made of the proposed version's jurisdiction's versions (宝坻 applies 天津's). */
    private List<String> jurisdictionsDecidedBy(String jurisdiction) {
        List<String> found = new ArrayList<>();
        for (String j : policies.jurisdictions()) {
            PolicyBook book = policies.book(j);
            if (j.equals(jurisdiction)
                    || book.versions().stream().anyMatch(v -> v.jurisdiction().equals(jurisdiction))) {
                found.add(j);
            }
        }
        return found;
    }

    private Connection connection() throws SQLException {
        if (config.replicaJdbcUrl().isPresent()) {
            return DriverManager.getConnection(config.replicaJdbcUrl().get(), config.replicaUsername().orElse(null),
                    config.replicaPassword().orElse(null));
        }
        return dataSource.getConnection();
    }
}
