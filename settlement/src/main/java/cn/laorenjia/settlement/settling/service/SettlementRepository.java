package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.settlement.security.AreaScope;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.settlement.ledger.chain.ChainHead;
import cn.laorenjia.settlement.ledger.chain.EntryEncoding;
import cn.laorenjia.settlement.settling.service.MonthFigures.CanteenMonth;
import cn.laorenjia.settlement.settling.service.MonthFigures.DayCount;
import cn.laorenjia.settlement.settling.service.MonthFigures.DayLine;
import cn.laorenjia.settlement.settling.service.MonthFigures.MealRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static cn.laorenjia.settlement.persistence.Rows.instant;
import static cn.laorenjia.settlement.persistence.Rows.localDate;
import static cn.laorenjia.settlement.persistence.Rows.longOrNull;
import static cn.laorenjia.settlement.persistence.Rows.longValue;

/**
 * The set-based SQL of settlement: the steps of a run (see {@link SettlementService}) and the reads of what is
 * settled. Native queries on the caller's transaction; nothing here commits. The ledger is read once per run (one
 * GROUP BY over the range); every other step works on that aggregate, at most a few rows per canteen and day.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SettlementRepository {

    /** The advisory lock key of settlement runs ("settle" in ASCII). */
    public static final long LOCK_KEY = 0x736574746c65L;

    private final EntityManager em;

    public SettlementRepository(EntityManager em) {
        this.em = em;
    }

    // ---- the steps of a run, in its REPEATABLE READ transaction ----

    /** Must be the transaction's first statement: the whole run then reads one snapshot. */
    void repeatableRead() {
        em.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
    }

    /**
     * The cluster-wide lock of settlement runs, held until the transaction ends; false when another run holds it.
     * Refuses to go on in anything but the REPEATABLE READ set by {@link #repeatableRead()}: the run's check is
     * only sound in one snapshot.
     */
    boolean tryLockRuns() {
        Object[] row = (Object[]) em.createNativeQuery(
                        "select pg_try_advisory_xact_lock(:key), current_setting('transaction_isolation')")
                .setParameter("key", LOCK_KEY).getSingleResult();
        if (!"repeatable read".equals(row[1])) {
            throw new IllegalStateException("a settlement run needs REPEATABLE READ, its transaction is " + row[1]);
        }
        return (Boolean) row[0];
    }

    /** The ledger's highest seq in this snapshot. */
    long ledgerSeq() {
        return longValue(em.createNativeQuery("select coalesce(max(seq), 0) from meal_entry").getSingleResult());
    }

    /** The ledger chain's head in this snapshot. */
    ChainHead chainHead() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select position, hash from ledger_link order by position desc limit 1")
                .getResultList();
        return rows.isEmpty() ? ChainHead.EMPTY
                : new ChainHead(longValue(rows.get(0)[0]), EntryEncoding.hex((byte[]) rows.get(0)[1]));
    }

    /** The jurisdictions of the registered canteens. */
    @SuppressWarnings("unchecked")
    List<String> canteenJurisdictions() {
        return em.createNativeQuery("select distinct jurisdiction from canteen order by 1").getResultList();
    }

    /**
     * The one pass over the ledger, into the temporary table ledger_agg (dropped at commit): per canteen and day,
     * subsidised sales and voids and the amounts. A group's rule_version is the candidate that every one of its
     * entries carries, or null. Non-subsidised meals carry zero amounts, so they count nowhere. A SALE is exactly
     * an entry that reverses nothing (a check constraint of meal_entry says so), and a null test costs less per
     * row than comparing entry_type's text.
     *
     * <p>CREATE TABLE AS takes no bind parameters, and it is what lets PostgreSQL aggregate with parallel workers
     * (an INSERT … SELECT never does), so the dates and the candidates are literals: a LocalDate prints only
     * digits and dashes, and the candidates are plain names (checked by the caller).
     */
    void aggregateLedger(LocalDate from, LocalDate to, List<String> candidates) {
        em.createNativeQuery("drop table if exists pg_temp.ledger_agg, pg_temp.covered_day, pg_temp.settled_so_far")
                .executeUpdate();
        StringBuilder version = new StringBuilder(candidates.isEmpty() ? "null" : "case");
        for (String v : candidates) {
            version.append(" when count(*) filter (where rule_version = '").append(v).append("') = count(*) then '")
                    .append(v).append("'");
        }
        version.append(candidates.isEmpty() ? "" : " end");
        em.createNativeQuery("""
                create temp table ledger_agg on commit drop as
                select canteen_id, meal_date, cast((%s) as text) as rule_version,
                       cast(count(*) filter (where subsidised and reverses_entry_id is null) as int) as sales,
                       cast(count(*) filter (where subsidised and reverses_entry_id is not null) as int) as voids,
                       cast(sum(discount_fen) as bigint) as discount_fen,
                       cast(sum(operating_subsidy_fen) as bigint) as operating_subsidy_fen
                from meal_entry
                where meal_date between %s and %s
                group by canteen_id, meal_date""".formatted(version, literal(from), literal(to))).executeUpdate();
    }

    /**
     * The canteen-days the one pass could not give one version, aggregated again exactly per version from the
     * ledger's (canteen_id, meal_date) index, in the same snapshot. Answers how many there were.
     */
    int aggregateMixedVersionDays() {
        int mixed = (int) longValue(em.createNativeQuery("select count(*) from ledger_agg where rule_version is null")
                .getSingleResult());
        if (mixed > 0) {
            em.createNativeQuery("""
                    insert into ledger_agg (canteen_id, meal_date, rule_version, sales, voids, discount_fen,
                                            operating_subsidy_fen)
                    select e.canteen_id, e.meal_date, e.rule_version,
                           count(*) filter (where e.subsidised and e.reverses_entry_id is null),
                           count(*) filter (where e.subsidised and e.reverses_entry_id is not null),
                           sum(e.discount_fen), sum(e.operating_subsidy_fen)
                    from (select canteen_id, meal_date from ledger_agg where rule_version is null) m
                    join meal_entry e on e.canteen_id = m.canteen_id and e.meal_date = m.meal_date
                    group by e.canteen_id, e.meal_date, e.rule_version""").executeUpdate();
            em.createNativeQuery("delete from ledger_agg where rule_version is null").executeUpdate();
        }
        em.createNativeQuery("analyze ledger_agg").executeUpdate();
        return mixed;
    }

    /** The days of the range an earlier run covered (temporary table covered_day): only adjustments go to them. */
    void markCoveredDays(LocalDate from, LocalDate to, long runId) {
        em.createNativeQuery("""
                create temp table covered_day on commit drop as
                select cast(d as date) as meal_date
                from generate_series(%s, %s, interval '1 day') d
                where exists (select 1 from settlement_run r
                              where r.id <> %d and cast(d as date) between r.from_date and r.to_date)"""
                .formatted(literal(from), literal(to), runId)).executeUpdate();
    }

    /** Settles the days no earlier run covered: one settled_day row per canteen, day and version. */
    int settleNewDays(long runId) {
        return em.createNativeQuery("""
                insert into settled_day (canteen_id, meal_date, rule_version, run_id, sales, voids, meals,
                                         discount_fen, operating_subsidy_fen, net_owed_fen)
                select a.canteen_id, a.meal_date, a.rule_version, :run, a.sales, a.voids, a.sales - a.voids,
                       a.discount_fen, a.operating_subsidy_fen, a.discount_fen + a.operating_subsidy_fen
                from ledger_agg a
                where not exists (select 1 from covered_day c where c.meal_date = a.meal_date)""")
                .setParameter("run", runId).executeUpdate();
    }

    /** Late arrivals: for covered days, whatever the ledger has beyond everything settled so far. */
    int adjustCoveredDays(LocalDate from, LocalDate to, long runId, Instant now) {
        em.createNativeQuery("""
                create temp table settled_so_far on commit drop as
                select canteen_id, meal_date, rule_version, cast(sum(sales) as int) as sales,
                       cast(sum(voids) as int) as voids, cast(sum(discount_fen) as bigint) as discount_fen,
                       cast(sum(operating_subsidy_fen) as bigint) as operating_subsidy_fen
                from settlement_line
                where meal_date between %s and %s
                group by canteen_id, meal_date, rule_version""".formatted(literal(from), literal(to))).executeUpdate();
        return em.createNativeQuery("""
                insert into settlement_adjustment (run_id, canteen_id, meal_date, rule_version, sales, voids, meals,
                                                   discount_fen, operating_subsidy_fen, net_owed_fen, created_at)
                select :run, canteen_id, meal_date, rule_version, d_sales, d_voids, d_sales - d_voids,
                       d_discount, d_operating, d_discount + d_operating, :now
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
                order by canteen_id, meal_date, rule_version""")
                .setParameter("run", runId).setParameter("now", now).executeUpdate();
    }

    /**
     * The check: everything settled for the range, read back from the tables, against the ledger aggregate.
     * Ledger meals, discount, operating subsidy; settled meals, discount, operating subsidy; mismatched groups.
     */
    long[] check(LocalDate from, LocalDate to) {
        Object[] row = (Object[]) em.createNativeQuery("""
                with settled as (
                    select canteen_id, meal_date, rule_version, sum(meals) as meals,
                           sum(discount_fen) as discount_fen, sum(operating_subsidy_fen) as operating_subsidy_fen
                    from settlement_line where meal_date between :from and :to
                    group by canteen_id, meal_date, rule_version)
                select coalesce(sum(a.sales - a.voids), 0), coalesce(sum(a.discount_fen), 0),
                       coalesce(sum(a.operating_subsidy_fen), 0), coalesce(sum(s.meals), 0),
                       coalesce(sum(s.discount_fen), 0), coalesce(sum(s.operating_subsidy_fen), 0),
                       count(*) filter (where a.canteen_id is null or s.canteen_id is null
                                        or a.sales - a.voids <> s.meals or a.discount_fen <> s.discount_fen
                                        or a.operating_subsidy_fen <> s.operating_subsidy_fen)
                from ledger_agg a full join settled s using (canteen_id, meal_date, rule_version)""")
                .setParameter("from", from).setParameter("to", to).getSingleResult();
        long[] check = new long[7];
        for (int i = 0; i < 7; i++) {
            check[i] = longValue(row[i]);
        }
        return check;
    }

    /** A date literal for the statements that take no bind parameters. */
    private static String literal(LocalDate date) {
        return "date '" + date + "'";
    }

    // ---- reads of what is settled ----

    /** Everything settled for the month's meal days per canteen: totals, then the adjustments' part. */
    @SuppressWarnings("unchecked")
    List<CanteenMonth> canteenMonths(YearMonth month, AreaScope scope) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        String within = scope.condition("c", params);
        jakarta.persistence.Query query = em.createNativeQuery("""
                select c.id, c.code, c.name, c.district, c.subdistrict,
                       string_agg(distinct l.rule_version, ',' order by l.rule_version),
                       sum(l.sales), sum(l.voids), sum(l.meals), sum(l.discount_fen), sum(l.operating_subsidy_fen),
                       sum(l.net_owed_fen),
                       coalesce(sum(l.sales) filter (where l.kind = 'ADJUSTMENT'), 0),
                       coalesce(sum(l.voids) filter (where l.kind = 'ADJUSTMENT'), 0),
                       coalesce(sum(l.meals) filter (where l.kind = 'ADJUSTMENT'), 0),
                       coalesce(sum(l.discount_fen) filter (where l.kind = 'ADJUSTMENT'), 0),
                       coalesce(sum(l.operating_subsidy_fen) filter (where l.kind = 'ADJUSTMENT'), 0),
                       coalesce(sum(l.net_owed_fen) filter (where l.kind = 'ADJUSTMENT'), 0)
                from settlement_line l join canteen c on c.id = l.canteen_id
                where l.meal_date between :first and :last %s
                group by c.id, c.code, c.name, c.district, c.subdistrict
                order by c.district, c.subdistrict, c.code""".formatted(within))
                .setParameter("first", month.atDay(1)).setParameter("last", month.atEndOfMonth());
        params.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        List<CanteenMonth> canteens = new ArrayList<>();
        for (Object[] r : rows) {
            canteens.add(new CanteenMonth(longValue(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    Arrays.asList(((String) r[5]).split(",")), figures(r, 6), figures(r, 12)));
        }
        return canteens;
    }

    /** Net subsidised meals per settled day of the month. */
    @SuppressWarnings("unchecked")
    List<DayCount> mealsPerDay(YearMonth month, AreaScope scope) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        String within = scope.condition("c", params);
        jakarta.persistence.Query query = em.createNativeQuery(scope.isAll() ? """
                select meal_date, sum(meals) from settlement_line where meal_date between :first and :last
                group by meal_date order by meal_date""" : """
                select l.meal_date, sum(l.meals) from settlement_line l join canteen c on c.id = l.canteen_id
                where l.meal_date between :first and :last %s
                group by l.meal_date order by l.meal_date""".formatted(within))
                .setParameter("first", month.atDay(1)).setParameter("last", month.atEndOfMonth());
        params.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new DayCount(localDate(r[0]), longValue(r[1]))).toList();
    }

    /** Whether a canteen is within the scope. */
    boolean canteenWithin(long canteenId, AreaScope scope) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        jakarta.persistence.Query query = em.createNativeQuery("select 1 from canteen c where c.id = :id"
                + scope.condition("c", params)).setParameter("id", canteenId);
        params.forEach(query::setParameter);
        return !query.getResultList().isEmpty();
    }

    /** A canteen's settled days and adjustments in a month, in date order. */
    @SuppressWarnings("unchecked")
    List<DayLine> days(long canteenId, YearMonth month) {
        List<Object[]> rows = em.createNativeQuery("""
                select kind, adjustment_id, run_id, meal_date, rule_version,
                       sales, voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen
                from settlement_line where canteen_id = :canteen and meal_date between :first and :last
                order by meal_date, kind desc, adjustment_id, rule_version""")
                .setParameter("canteen", canteenId).setParameter("first", month.atDay(1))
                .setParameter("last", month.atEndOfMonth()).getResultList();
        return rows.stream().map(r -> new DayLine((String) r[0], longOrNull(r[1]), longValue(r[2]), localDate(r[3]),
                (String) r[4], figures(r, 5))).toList();
    }

    /** A canteen's ledger entries of one day, seniors masked. */
    @SuppressWarnings("unchecked")
    List<MealRow> meals(long canteenId, LocalDate day) {
        List<Object[]> rows = em.createNativeQuery("""
                select e.entry_id, e.entry_type, e.occurred_at, s.name, s.id_number, t.code, m.name, e.slot,
                       e.subsidised, e.set_price_fen, e.discount_fen, e.operating_subsidy_fen, e.paid_fen,
                       e.rule_version, e.recorded_at, e.cashier_number, e.manual_reason, e.identified_by,
                       e.offline_outcome
                from meal_entry e join senior s on s.id = e.senior_id join terminal t on t.id = e.terminal_id
                     left join meal_set m on m.id = e.meal_set_id
                where e.canteen_id = :canteen and e.meal_date = :day order by e.seq""")
                .setParameter("canteen", canteenId).setParameter("day", day).getResultList();
        return rows.stream().map(r -> new MealRow(r[0].toString(), (String) r[1], shanghai(instant(r[2])),
                PersonName.masked((String) r[3]), IdNumber.parse((String) r[4]).masked(), (String) r[5],
                (String) r[6], (String) r[7], (Boolean) r[8], longValue(r[9]), longValue(r[10]), longValue(r[11]),
                longValue(r[12]), (String) r[13], shanghai(instant(r[14])), (String) r[15], (String) r[16],
                (String) r[17], (String) r[18])).toList();
    }

    private static String shanghai(Instant t) {
        return t.atZone(ChinaCalendar.ZONE).toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    /** Six figure columns from {@code first}: sales, voids, meals, discount, operating subsidy, net owed. */
    static SettledFigures figures(Object[] row, int first) {
        return new SettledFigures(longValue(row[first]), longValue(row[first + 1]), longValue(row[first + 2]),
                longValue(row[first + 3]), longValue(row[first + 4]), longValue(row[first + 5]));
    }
}
