package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.statement.service.StatementService;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Runs settlements: nightly, on an administrator's or finance user's request for a date range, or from the
 * command line. Each run is one database transaction of its own ({@link SettlementSql}), so it must not be
 * called inside another one.
 */
@ApplicationScoped
public class SettlementService {

    private static final Logger LOG = Logger.getLogger(SettlementService.class);
    static final int MAX_DAYS = 400;

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final SettlementConfig config;
    private final StatementService statements;
    private final PolicyCatalog policies;

    public SettlementService(AgroalDataSource dataSource, Clock clock, SettlementConfig config,
                             StatementService statements, PolicyCatalog policies) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.statements = statements;
        this.policies = policies;
    }

    /** The last day that is over in Asia/Shanghai: the latest day a run may settle. */
    public LocalDate yesterday() {
        return ChinaCalendar.mealDate(clock.instant()).minusDays(1);
    }

    /** The nightly run: the look-back window up to yesterday. Empty when another instance is running it. */
    public Optional<SettlementReport> settleNightly(String triggeredBy) {
        LocalDate to = yesterday();
        LocalDate from = to.minusDays(Math.max(1, config.settlement().lookbackDays()) - 1L);
        return tryToSettle(from, to, triggeredBy);
    }

    /** Settles a date range; refuses an invalid range, a day not yet over, or a run while another is running. */
    public SettlementReport settle(LocalDate from, LocalDate to, String triggeredBy) {
        return tryToSettle(from, to, triggeredBy).orElseThrow(SettlementError.SETTLEMENT_RUNNING::exception);
    }

    private Optional<SettlementReport> tryToSettle(LocalDate from, LocalDate to, String triggeredBy) {
        if (from == null || to == null || from.isAfter(to)) {
            throw SettlementError.SETTLEMENT_RANGE_INVALID.exception();
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw SettlementError.SETTLEMENT_RANGE_TOO_LONG.exception();
        }
        if (to.isAfter(yesterday())) {
            // a day still in progress would be "settled" while meals keep coming
            throw SettlementError.SETTLEMENT_DAY_NOT_OVER.exception(
                    "只能结算已经结束的日期(北京时间 " + yesterday() + " 及以前),所选结束日期为 " + to);
        }
        try (Connection c = dataSource.getConnection()) {
            Optional<SettlementReport> report = SettlementSql.run(c, from, to, triggeredBy, clock.instant(), policies);
            report.ifPresentOrElse(r -> {
                if (r.reconciled()) {
                    LOG.info(r.describeZh());
                } else {
                    LOG.error(r.describeZh());
                }
            }, () -> LOG.infof("settlement %s..%s skipped: another runner holds the lock", from, to));
            if (report.isPresent()) {
                // the months' draft statements follow what is settled; confirmed ones never change
                for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                    statements.refreshDrafts(m);
                }
            }
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException("settlement run " + from + ".." + to + " failed", e);
        }
    }
}
