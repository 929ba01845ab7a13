package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.settlement.ledger.chain.ChainHead;
import cn.laorenjia.settlement.ledger.chain.ChainVerification;
import cn.laorenjia.settlement.ledger.chain.LedgerSealer;
import cn.laorenjia.settlement.ledger.chain.LedgerVerifier;
import cn.laorenjia.settlement.settling.entity.SettlementRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs settlements: nightly, on an administrator's or finance user's request for a date range, or from the
 * command line. Each run is one REPEATABLE READ transaction of its own (a caller's transaction is suspended
 * meanwhile); once it has committed, {@link DaysSettled} lets the months' draft statements follow.
 *
 * <p>A run: take the cluster-wide advisory lock (one runner at a time on any number of instances; a run that
 * finds it taken does nothing); note the ledger's highest seq; aggregate the ledger per canteen and day; days no
 * earlier run covered get settled_day rows; days an earlier run covered get an adjustment for whatever differs
 * from what is settled so far (meals that arrived late); then check, in the same snapshot, that everything
 * settled for the range equals the ledger aggregate. A re-run with nothing new writes nothing but its run record.
 * The SQL is in {@link SettlementRepository}; time follows the bare aggregate and the JVM's memory does not grow
 * with the ledger.
 *
 * <p>Rule versions. Settled rows and statements are per canteen, day and rule version, but the one pass groups
 * by canteen and day only (two integers: grouping on the version's text as well cost about a fifth more than
 * the bare aggregate). The versions the policy catalogue has in force in the range, for the jurisdictions of
 * the registered canteens, are the candidates; the pass counts each group's entries of each candidate, and a
 * group all of whose entries carry one candidate is that version's. Every other group (a canteen-day with two
 * versions, e.g. a jurisdiction changed that day, or one the catalogue did not expect) is aggregated again per
 * version, exactly, from the ledger's (canteen_id, meal_date) index, in the same snapshot. So the versions are
 * always the ledger's own, and the catalogue only decides how cheap that is.
 */
@ApplicationScoped
public class SettlementService {

    private static final Logger LOG = Logger.getLogger(SettlementService.class);
    static final int MAX_DAYS = 400;
    /** A policy version id that can stand in SQL as a literal as it is (ids are names like tianjin-2024). */
    private static final Pattern PLAIN_VERSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SettlementRepository settlements;
    private final Clock clock;
    private final SettlingConfig config;
    private final PolicyCatalog policies;
    private final Event<DaysSettled> settled;
    private final LedgerSealer sealer;
    private final LedgerVerifier verifier;
    private final SettlementMetrics metrics;

    public SettlementService(SettlementRepository settlements, Clock clock, SettlingConfig config,
                             PolicyCatalog policies, Event<DaysSettled> settled, LedgerSealer sealer,
                             LedgerVerifier verifier, SettlementMetrics metrics) {
        this.metrics = metrics;
        this.settlements = settlements;
        this.clock = clock;
        this.config = config;
        this.policies = policies;
        this.settled = settled;
        this.sealer = sealer;
        this.verifier = verifier;
    }

    /** The last day that is over in Asia/Shanghai: the latest day a run may settle. */
    public LocalDate yesterday() {
        return ChinaCalendar.mealDate(clock.instant()).minusDays(1);
    }

    /**
     * The nightly run: the look-back window up to yesterday. Empty when another instance is running it. Before
     * settling it seals the ledger chain and verifies the whole chain; the run records the verdict
     * (chain_verified, chain_problem) and a mismatch is logged as an ERROR.
     */
    public Optional<SettlementReport> settleNightly(String triggeredBy) {
        LocalDate to = yesterday();
        LocalDate from = to.minusDays(Math.max(1, config.lookbackDays()) - 1L);
        validate(from, to);
        sealer.seal();
        ChainVerification verification = verifier.verify();
        if (!verification.intact()) {
            LOG.error("夜间结算发现台账被篡改 (the nightly run found the ledger tampered with): " + verification.describe());
        }
        return tryToSettle(from, to, triggeredBy, verification);
    }

    /** Settles a date range; refuses an invalid range, a day not yet over, or a run while another is running. */
    public SettlementReport settle(LocalDate from, LocalDate to, String triggeredBy) {
        validate(from, to);
        sealer.seal();
        return tryToSettle(from, to, triggeredBy, null).orElseThrow(SettlementError.SETTLEMENT_RUNNING::exception);
    }

    private Optional<SettlementReport> tryToSettle(LocalDate from, LocalDate to, String triggeredBy,
                                                   ChainVerification verification) {
        Instant now = clock.instant();
        var timing = metrics.start();
        Optional<SettlementReport> report;
        try {
            report = QuarkusTransaction.requiringNew()
                    .timeout((int) Math.min(Integer.MAX_VALUE, config.runTimeout().toSeconds()))
                    .call(() -> run(from, to, triggeredBy, now, verification));
        } catch (RuntimeException e) {
            metrics.finished(timing, triggeredBy, "failed");
            throw e;
        }
        metrics.finished(timing, triggeredBy,
                report.map(r -> r.reconciled() ? "reconciled" : "mismatched").orElse("skipped"));
        report.ifPresentOrElse(r -> {
            if (r.reconciled()) {
                LOG.info(r.describeZh());
            } else {
                LOG.error(r.describeZh());
            }
        }, () -> LOG.infof("settlement %s..%s skipped: another runner holds the lock", from, to));
        // committed: the months' draft statements follow what is settled; confirmed ones never change
        report.ifPresent(r -> settled.fire(new DaysSettled(from, to)));
        return report;
    }

    private void validate(LocalDate from, LocalDate to) {
        if (from == null || to == null || from.isAfter(to)) {
            throw SettlementError.SETTLEMENT_RANGE_INVALID.exception();
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw SettlementError.SETTLEMENT_RANGE_TOO_LONG.exception();
        }
        if (to.isAfter(yesterday())) {
            // a day still in progress would be "settled" while meals keep coming
            throw SettlementError.SETTLEMENT_DAY_NOT_OVER.exception(
                    "只能结算已经结束的日期(北京时间 " + yesterday() + " 及以前)，所选结束日期为 " + to);
        }
    }

    /** One run, inside its own transaction; empty when another runner holds the lock. */
    private Optional<SettlementReport> run(LocalDate from, LocalDate to, String triggeredBy, Instant now,
                                           ChainVerification verification) {
        long started = System.nanoTime();
        settlements.repeatableRead();
        if (!settlements.tryLockRuns()) {
            return Optional.empty();
        }
        SettlementRun run = new SettlementRun();
        run.from = from;
        run.to = to;
        run.triggeredBy = triggeredBy;
        run.startedAt = now;
        run.ledgerSeq = settlements.ledgerSeq();
        // the chain head in the run's snapshot: what every day this run settles was settled against
        ChainHead head = settlements.chainHead();
        run.chainPosition = head.position();
        run.chainHash = head.hash();
        if (verification != null) {
            run.chainVerified = verification.intact();
            run.chainProblem = verification.intact() ? null
                    : verification.problemCount() + " 处不一致 / problem(s)； 第一处 / first: "
                    + verification.firstProblem().describe();
        }
        run.persistAndFlush(); // its id, and its row, which covered_day must not count as an earlier run
        long runId = run.id;

        settlements.aggregateLedger(from, to, candidateVersions(from, to));
        int mixed = settlements.aggregateMixedVersionDays();
        settlements.markCoveredDays(from, to, runId);
        run.dayRows = settlements.settleNewDays(runId);
        run.adjustmentRows = settlements.adjustCoveredDays(from, to, runId, now);

        long[] check = settlements.check(from, to);
        run.ledgerMeals = check[0];
        run.ledgerDiscount = Money.ofFen(check[1]);
        run.ledgerOperatingSubsidy = Money.ofFen(check[2]);
        run.settledMeals = check[3];
        run.settledDiscount = Money.ofFen(check[4]);
        run.settledOperatingSubsidy = Money.ofFen(check[5]);
        run.mismatchedGroups = (int) check[6];
        run.reconciled = run.mismatchedGroups == 0 && check[0] == check[3] && check[1] == check[4]
                && check[2] == check[5];
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        run.finishedAt = now.plus(took);
        return Optional.of(new SettlementReport(runId, from, to, triggeredBy, run.ledgerSeq, run.dayRows,
                run.adjustmentRows, mixed, check[0], check[1], check[2], check[3], check[4], check[5],
                run.mismatchedGroups, run.reconciled, took, run.chainPosition, run.chainHash, run.chainVerified,
                run.chainProblem));
    }

    /**
     * The rule versions the catalogue has in force on any day of the range for a jurisdiction of a registered
     * canteen (in practice one or two). Ids that are not plain names are left out (their groups take the exact
     * path), so each can be written into the statement as a literal.
     */
    private List<String> candidateVersions(LocalDate from, LocalDate to) {
        Set<String> ids = new LinkedHashSet<>();
        for (String jurisdiction : settlements.canteenJurisdictions()) {
            policies.findBook(jurisdiction).ifPresent(book -> {
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    book.inForceOn(d).map(PolicyVersion::id).ifPresent(ids::add);
                }
            });
        }
        return ids.stream().filter(id -> PLAIN_VERSION_ID.matcher(id).matches()).toList();
    }
}
