package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One settlement run as set-based SQL on one connection, in one REPEATABLE READ transaction: the ledger is
 * read once (one GROUP BY over the range), everything else works on that aggregate (at most a few rows per
 * canteen and day), so time follows the bare aggregate and the JVM's memory does not grow with the ledger.
 *
 * <p>Steps: take the cluster-wide advisory lock (one runner at a time on any number of instances); note the
 * ledger's highest seq; aggregate the ledger per canteen and day; days no earlier run covered get settled_day
 * rows; days an earlier run covered get an adjustment for whatever differs from what is settled so far (meals
 * that arrived late); then check, in the same snapshot, that everything settled for the range equals the
 * ledger aggregate. A re-run with nothing new writes nothing but its run record.
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
public final class SettlementSql {

    /** The advisory lock key of settlement runs ("settle" in ASCII). */
    public static final long LOCK_KEY = 0x736574746c65L;

    private SettlementSql() {
    }

    /** A policy version id that can stand in SQL as a literal as it is (ids are names like tianjin-2024). */
    private static final Pattern PLAIN_VERSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Runs the settlement, or answers empty when another runner holds the lock. Commits or rolls back. */
    public static Optional<SettlementReport> run(Connection c, LocalDate from, LocalDate to, String triggeredBy,
                                                 Instant now, PolicyCatalog policies) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            Optional<SettlementReport> report = runInTransaction(c, from, to, triggeredBy, now, policies, started);
            c.commit();
            return report;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        }
    }

    private static Optional<SettlementReport> runInTransaction(Connection c, LocalDate from, LocalDate to,
                                                               String triggeredBy, Instant now,
                                                               PolicyCatalog policies, long started)
            throws SQLException {
        if (!queryBoolean(c, "select pg_try_advisory_xact_lock(" + LOCK_KEY + ")")) {
            return Optional.empty();
        }
        long ledgerSeq = queryLong(c, "select coalesce(max(seq), 0) from meal_entry");
        long runId;
        try (PreparedStatement p = c.prepareStatement("""
                insert into settlement_run (from_date, to_date, triggered_by, started_at, ledger_seq)
                values (?, ?, ?, ?, ?) returning id""")) {
            p.setDate(1, Date.valueOf(from));
            p.setDate(2, Date.valueOf(to));
            p.setString(3, triggeredBy);
            p.setTimestamp(4, Timestamp.from(now));
            p.setLong(5, ledgerSeq);
            runId = queryLong(p);
        }
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists pg_temp.ledger_agg, pg_temp.covered_day, pg_temp.settled_so_far");
        }
        List<String> candidates = candidateVersions(c, policies, from, to);
        // The one pass over the ledger. Non-subsidised meals carry zero amounts, so they count nowhere.
        // A SALE is exactly an entry that reverses nothing (a check constraint of meal_entry says so), and a
        // null test costs less per row than comparing entry_type's text. A group's rule_version is the
        // candidate that every one of its entries carries, or null (then aggregated per version below).
        StringBuilder version = new StringBuilder(candidates.isEmpty() ? "null" : "case");
        for (String v : candidates) {
            version.append(" when count(*) filter (where rule_version = '").append(v).append("') = count(*) then '")
                    .append(v).append("'");
        }
        version.append(candidates.isEmpty() ? "" : " end");
        update(c, """
                create temp table ledger_agg on commit drop as
                select canteen_id, meal_date, (%s)::text as rule_version,
                       count(*) filter (where subsidised and reverses_entry_id is null)::int as sales,
                       count(*) filter (where subsidised and reverses_entry_id is not null)::int as voids,
                       sum(discount_fen)::bigint as discount_fen,
                       sum(operating_subsidy_fen)::bigint as operating_subsidy_fen
                from meal_entry
                where meal_date between %s and %s
                group by canteen_id, meal_date""".formatted(version, literal(from), literal(to)));
        int mixed = (int) queryLong(c, "select count(*) from ledger_agg where rule_version is null");
        if (mixed > 0) {
            // the canteen-days the one pass could not give one version: exactly, per version, from the index
            update(c, """
                    insert into ledger_agg (canteen_id, meal_date, rule_version, sales, voids, discount_fen,
                                            operating_subsidy_fen)
                    select e.canteen_id, e.meal_date, e.rule_version,
                           count(*) filter (where e.subsidised and e.reverses_entry_id is null),
                           count(*) filter (where e.subsidised and e.reverses_entry_id is not null),
                           sum(e.discount_fen), sum(e.operating_subsidy_fen)
                    from (select canteen_id, meal_date from ledger_agg where rule_version is null) m
                    join meal_entry e on e.canteen_id = m.canteen_id and e.meal_date = m.meal_date
                    group by e.canteen_id, e.meal_date, e.rule_version""");
            update(c, "delete from ledger_agg where rule_version is null");
        }
        update(c, "analyze ledger_agg");
        // Days an earlier run covered are settled; only adjustments may be added to them.
        update(c, """
                create temp table covered_day on commit drop as
                select d::date as meal_date
                from generate_series(%s, %s, interval '1 day') d
                where exists (select 1 from settlement_run r
                              where r.id <> %d and d::date between r.from_date and r.to_date)"""
                .formatted(literal(from), literal(to), runId));
        int dayRows = update(c, """
                insert into settled_day (canteen_id, meal_date, rule_version, run_id, sales, voids, meals,
                                         discount_fen, operating_subsidy_fen, net_owed_fen)
                select a.canteen_id, a.meal_date, a.rule_version, ?, a.sales, a.voids, a.sales - a.voids,
                       a.discount_fen, a.operating_subsidy_fen, a.discount_fen + a.operating_subsidy_fen
                from ledger_agg a
                where not exists (select 1 from covered_day c where c.meal_date = a.meal_date)""", runId);
        update(c, """
                create temp table settled_so_far on commit drop as
                select canteen_id, meal_date, rule_version, sum(sales)::int as sales, sum(voids)::int as voids,
                       sum(discount_fen)::bigint as discount_fen, sum(operating_subsidy_fen)::bigint as operating_subsidy_fen
                from settlement_line
                where meal_date between %s and %s
                group by canteen_id, meal_date, rule_version""".formatted(literal(from), literal(to)));
        // Late arrivals: whatever the ledger has beyond what is settled for a covered day.
        int adjustmentRows = update(c, """
                insert into settlement_adjustment (run_id, canteen_id, meal_date, rule_version, sales, voids, meals,
                                                   discount_fen, operating_subsidy_fen, net_owed_fen, created_at)
                select ?, canteen_id, meal_date, rule_version, d_sales, d_voids, d_sales - d_voids,
                       d_discount, d_operating, d_discount + d_operating, ?
                from (select coalesce(a.canteen_id, s.canteen_id) as canteen_id,
                             coalesce(a.meal_date, s.meal_date) as meal_date,
                             coalesce(a.rule_version, s.rule_version) as rule_version,
                             coalesce(a.sales, 0) - coalesce(s.sales, 0) as d_sales,
                             coalesce(a.voids, 0) - coalesce(s.voids, 0) as d_voids,
                             coalesce(a.discount_fen, 0) - coalesce(s.discount_fen, 0) as d_discount,
                             coalesce(a.operating_subsidy_fen, 0) - coalesce(s.operating_subsidy_fen, 0) as d_operating
                      from ledger_agg a
                      full join settled_so_far s using (canteen_id, meal_date, rule_version)) diff
                where meal_date in (select meal_date from covered_day)
                  and (d_sales <> 0 or d_voids <> 0 or d_discount <> 0 or d_operating <> 0)
                order by canteen_id, meal_date, rule_version""", runId, Timestamp.from(now));

        // The check: everything settled for the range, read back from the tables, against the ledger aggregate.
        long[] check;
        try (PreparedStatement p = c.prepareStatement("""
                with settled as (
                    select canteen_id, meal_date, rule_version, sum(meals) as meals,
                           sum(discount_fen) as discount_fen, sum(operating_subsidy_fen) as operating_subsidy_fen
                    from settlement_line where meal_date between ? and ?
                    group by canteen_id, meal_date, rule_version)
                select coalesce(sum(a.sales - a.voids), 0), coalesce(sum(a.discount_fen), 0),
                       coalesce(sum(a.operating_subsidy_fen), 0), coalesce(sum(s.meals), 0),
                       coalesce(sum(s.discount_fen), 0), coalesce(sum(s.operating_subsidy_fen), 0),
                       count(*) filter (where a.canteen_id is null or s.canteen_id is null
                                        or a.sales - a.voids <> s.meals or a.discount_fen <> s.discount_fen
                                        or a.operating_subsidy_fen <> s.operating_subsidy_fen)
                from ledger_agg a full join settled s using (canteen_id, meal_date, rule_version)""")) {
            p.setDate(1, Date.valueOf(from));
            p.setDate(2, Date.valueOf(to));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                check = new long[7];
                for (int i = 0; i < 7; i++) {
                    check[i] = rs.getLong(i + 1);
                }
            }
        }
        int mismatched = (int) check[6];
        boolean reconciled = mismatched == 0 && check[0] == check[3] && check[1] == check[4] && check[2] == check[5];
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        try (PreparedStatement p = c.prepareStatement("""
                update settlement_run set finished_at = ?, day_rows = ?, adjustment_rows = ?, ledger_meals = ?,
                       ledger_discount_fen = ?, ledger_operating_fen = ?, settled_meals = ?, settled_discount_fen = ?,
                       settled_operating_fen = ?, mismatched_groups = ?, reconciled = ?
                where id = ?""")) {
            p.setTimestamp(1, Timestamp.from(now.plus(took)));
            p.setInt(2, dayRows);
            p.setInt(3, adjustmentRows);
            for (int i = 0; i < 6; i++) {
                p.setLong(4 + i, check[i]);
            }
            p.setInt(10, mismatched);
            p.setBoolean(11, reconciled);
            p.setLong(12, runId);
            p.executeUpdate();
        }
        return Optional.of(new SettlementReport(runId, from, to, triggeredBy, ledgerSeq, dayRows, adjustmentRows,
                mixed, check[0], check[1], check[2], check[3], check[4], check[5], mismatched, reconciled, took));
    }

    /**
     * The rule versions the catalogue has in force on any day of the range for a jurisdiction of a registered
     * canteen (in practice one or two). Ids that are not plain names are left out (their groups take the exact
     * path), so each can be written into the statement as a literal.
     */
    static List<String> candidateVersions(Connection c, PolicyCatalog policies, LocalDate from, LocalDate to)
            throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select distinct jurisdiction from canteen order by 1")) {
            while (rs.next()) {
                policies.findBook(rs.getString(1)).ifPresent(book -> {
                    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                        book.inForceOn(d).map(PolicyVersion::id).ifPresent(ids::add);
                    }
                });
            }
        }
        return ids.stream().filter(id -> PLAIN_VERSION_ID.matcher(id).matches()).toList();
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object v = parameters[i];
                p.setObject(i + 1, v instanceof LocalDate d ? Date.valueOf(d) : v);
            }
            return p.executeUpdate();
        }
    }

    /** A date literal; CREATE TABLE AS takes no bind parameters, and a LocalDate prints only digits and dashes. */
    private static String literal(LocalDate date) {
        return "date '" + date + "'";
    }

    private static boolean queryBoolean(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            return queryLong(p);
        }
    }

    private static long queryLong(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
