package cn.laorenjia.settlement.statement.service;

import cn.laorenjia.settlement.ledger.chain.ChainHead;
import cn.laorenjia.settlement.ledger.chain.EntryEncoding;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static cn.laorenjia.settlement.persistence.Rows.instant;
import static cn.laorenjia.settlement.persistence.Rows.localDate;
import static cn.laorenjia.settlement.persistence.Rows.longOrNull;
import static cn.laorenjia.settlement.persistence.Rows.longValue;

/**
 * The set-based SQL of monthly statements: drafts refreshed from what is settled (all canteens of a month in
 * four statements) and the views read back with their lines and the ledger's own total. Native queries on the
 * caller's transaction; nothing here commits.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StatementRepository {

    /** Advisory lock key of statement writers ("stmt"). */
    static final long LOCK_KEY = 0x73746d74L;

    private final EntityManager em;
    private final StatementSummaries summaries;

    public StatementRepository(EntityManager em, StatementSummaries summaries) {
        this.em = em;
        this.summaries = summaries;
    }

    /** Serialises statement writers until the transaction ends. */
    void lockWriters() {
        em.createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", LOCK_KEY).getSingleResult();
    }

    /**
     * Creates the month's missing statements and rebuilds the lines and totals of its drafts, for every canteen
     * with something settled or only {@code onlyCanteen}. Confirmed statements are left as they are. Answers the
     * number of drafts refreshed.
     */
    int refreshDrafts(YearMonth month, Long onlyCanteen, Instant now) {
        String canteenFilter = onlyCanteen == null ? "" : " and canteen_id = :canteen";
        // Adjustments this month's statements take: those of the month's own days, and those of earlier
        // months whose statement is confirmed, unless a draft between them comes first or a statement has one.
        String candidates = """
                select a.* from settlement_adjustment a
                where (a.meal_date between :first and :last
                       or (a.meal_date < :first
                           and exists (select 1 from statement s where s.canteen_id = a.canteen_id
                                       and s.month = cast(date_trunc('month', a.meal_date) as date)
                                       and exists (select 1 from statement_confirmation k where k.statement_id = s.id))
                           and not exists (select 1 from statement s where s.canteen_id = a.canteen_id
                                           and not exists (select 1 from statement_confirmation k where k.statement_id = s.id)
                                           and s.month > cast(date_trunc('month', a.meal_date) as date)
                                           and s.month < :first)))
                  and not exists (select 1 from statement_line l join statement s on s.id = l.statement_id
                                  where l.adjustment_id = a.id and not (s.month = :first and not exists (select 1 from statement_confirmation k where k.statement_id = s.id)))"""
                + canteenFilter.replace("canteen_id", "a.canteen_id");
        execute(em.createNativeQuery("""
                insert into statement (canteen_id, month, generated_at)
                select distinct canteen_id, cast(:first as date), cast(:now as timestamptz) from (
                    select canteen_id from settled_day where meal_date between :first and :last %s
                    union select canteen_id from (%s) adj) x
                on conflict (canteen_id, month) do nothing""".formatted(canteenFilter, candidates))
                .setParameter("first", month.atDay(1)).setParameter("last", month.atEndOfMonth())
                .setParameter("now", now), onlyCanteen);
        execute(em.createNativeQuery("""
                delete from statement_line l using statement s
                where s.id = l.statement_id and s.month = :first and not exists (select 1 from statement_confirmation k where k.statement_id = s.id) %s"""
                .formatted(canteenFilter.replace("canteen_id", "s.canteen_id")))
                .setParameter("first", month.atDay(1)), onlyCanteen);
        execute(em.createNativeQuery("""
                insert into statement_line (statement_id, line_no, kind, adjustment_id, meal_date, rule_version,
                                            sales, voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen)
                select s.id, row_number() over (partition by s.id order by x.meal_date, x.kind desc, x.adjustment_id, x.rule_version),
                       x.kind, x.adjustment_id, x.meal_date, x.rule_version, x.sales, x.voids, x.meals,
                       x.discount_fen, x.operating_subsidy_fen, x.net_owed_fen
                from (select 'DAY' as kind, cast(null as bigint) as adjustment_id, canteen_id, meal_date, rule_version,
                             sales, voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen
                      from settled_day where meal_date between :first and :last %s
                      union all
                      select 'ADJUSTMENT', adj.id, adj.canteen_id, adj.meal_date, adj.rule_version, adj.sales, adj.voids,
                             adj.meals, adj.discount_fen, adj.operating_subsidy_fen, adj.net_owed_fen
                      from (%s) adj) x
                join statement s on s.canteen_id = x.canteen_id and s.month = :first
                     and not exists (select 1 from statement_confirmation k where k.statement_id = s.id)"""
                .formatted(canteenFilter, candidates))
                .setParameter("first", month.atDay(1)).setParameter("last", month.atEndOfMonth()), onlyCanteen);
        return execute(em.createNativeQuery("""
                update statement s set generated_at = cast(:now as timestamptz),
                       rule_versions = coalesce(t.rule_versions, ''), sales = coalesce(t.sales, 0),
                       voids = coalesce(t.voids, 0), meals = coalesce(t.meals, 0),
                       discount_fen = coalesce(t.discount_fen, 0), operating_subsidy_fen = coalesce(t.operating_subsidy_fen, 0),
                       net_owed_fen = coalesce(t.net_owed_fen, 0), adjustment_meals = coalesce(t.adjustment_meals, 0),
                       adjustment_net_owed_fen = coalesce(t.adjustment_net_owed_fen, 0)
                from statement s2 left join (
                    select statement_id, string_agg(distinct rule_version, ',' order by rule_version) as rule_versions,
                           sum(sales) as sales, sum(voids) as voids, sum(meals) as meals, sum(discount_fen) as discount_fen,
                           sum(operating_subsidy_fen) as operating_subsidy_fen, sum(net_owed_fen) as net_owed_fen,
                           sum(meals) filter (where kind = 'ADJUSTMENT') as adjustment_meals,
                           sum(net_owed_fen) filter (where kind = 'ADJUSTMENT') as adjustment_net_owed_fen
                    from statement_line group by statement_id) t on t.statement_id = s2.id
                where s.id = s2.id and s.month = :first and not exists (select 1 from statement_confirmation k where k.statement_id = s.id) %s"""
                .formatted(canteenFilter.replace("canteen_id", "s.canteen_id")))
                .setParameter("now", now).setParameter("first", month.atDay(1)), onlyCanteen);
    }

    private static int execute(Query query, Long onlyCanteen) {
        if (onlyCanteen != null) {
            query.setParameter("canteen", onlyCanteen);
        }
        return query.executeUpdate();
    }

    /** A statement's canteen, month and whether it is confirmed, if it exists. */
    @SuppressWarnings("unchecked")
    Optional<State> state(long id) {
        List<Object[]> rows = em.createNativeQuery("""
                select s.canteen_id, s.month, exists (select 1 from statement_confirmation k where k.statement_id = s.id)
                from statement s where s.id = :id""").setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(r -> new State(longValue(r[0]), YearMonth.from(localDate(r[1])), (Boolean) r[2]));
    }

    record State(long canteenId, YearMonth month, boolean confirmed) {
    }

    /** The ledger chain's head as this transaction sees it. */
    @SuppressWarnings("unchecked")
    ChainHead chainHead() {
        List<Object[]> rows = em.createNativeQuery("select position, hash from ledger_link order by position desc limit 1")
                .getResultList();
        return rows.isEmpty() ? ChainHead.EMPTY
                : new ChainHead(longValue(rows.get(0)[0]), EntryEncoding.hex((byte[]) rows.get(0)[1]));
    }

    /**
     * Confirms a draft: inserts its confirmation, a copy of its totals as they stand, with who, when and the ledger
     * chain's head. From then on the database refuses any change to the statement and its lines.
     */
    void confirm(long id, Instant at, String by, ChainHead head) {
        confirm(List.of(id), at, by, head);
    }

    /** Confirms these drafts at once, each as {@link #confirm(long, Instant, String, ChainHead)} does. */
    void confirm(List<Long> ids, Instant at, String by, ChainHead head) {
        if (ids.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                insert into statement_confirmation (statement_id, confirmed_at, confirmed_by, chain_position, chain_hash,
                    rule_versions, sales, voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen, adjustment_meals,
                    adjustment_net_owed_fen, line_count)
                select s.id, cast(:at as timestamptz), :by, :position, decode(:hash, 'hex'), s.rule_versions, s.sales,
                       s.voids, s.meals, s.discount_fen, s.operating_subsidy_fen, s.net_owed_fen, s.adjustment_meals,
                       s.adjustment_net_owed_fen, (select count(*) from statement_line l where l.statement_id = s.id)
                from statement s where s.id in (:ids)""")
                .setParameter("at", at).setParameter("by", by).setParameter("position", head.position())
                .setParameter("hash", head.hash()).setParameter("ids", ids).executeUpdate();
    }

    /** The ids of a month's statements, in 区, 街镇, canteen order. */
    @SuppressWarnings("unchecked")
    List<Long> idsOf(YearMonth month, AreaScope scope) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        Query query = em.createNativeQuery("""
                select s.id from statement s join canteen c on c.id = s.canteen_id where s.month = :month %s
                order by c.district, c.subdistrict, c.code""".formatted(scope.condition("c", params)))
                .setParameter("month", month.atDay(1));
        params.forEach(query::setParameter);
        List<Object> ids = query.getResultList();
        return ids.stream().map(id -> longValue(id)).toList();
    }

    /** The id of a canteen's statement for a month, if one was drafted. */
    @SuppressWarnings("unchecked")
    Optional<Long> idOf(long canteenId, YearMonth month) {
        List<Object> ids = em.createNativeQuery("select id from statement where canteen_id = :canteen and month = :month")
                .setParameter("canteen", canteenId).setParameter("month", month.atDay(1)).getResultList();
        return ids.stream().findFirst().map(id -> longValue(id));
    }

    /** A statement with its lines, its own month's and earlier months' parts, and the ledger's total to compare. */
    @SuppressWarnings("unchecked")
    Optional<StatementView> read(long id) {
        return read(id, true);
    }

    /**
     * {@code withLinks} false: without the links to other statements and the confirmer's name (a confirmation only
     * needs the check against the ledger; confirm all does it for thousands of statements).
     */
    @SuppressWarnings("unchecked")
    Optional<StatementView> read(long id, boolean withLinks) {
        // a confirmed statement reads as confirmed: its totals from the insert-only confirmation
        List<Object[]> headers = em.createNativeQuery("""
                select s.id, s.canteen_id, c.code, c.name, c.district, c.subdistrict, s.month,
                       case when k.statement_id is null then 'DRAFT' else 'CONFIRMED' end,
                       coalesce(k.rule_versions, s.rule_versions), coalesce(k.sales, s.sales), coalesce(k.voids, s.voids),
                       coalesce(k.meals, s.meals), coalesce(k.discount_fen, s.discount_fen),
                       coalesce(k.operating_subsidy_fen, s.operating_subsidy_fen), coalesce(k.net_owed_fen, s.net_owed_fen),
                       coalesce(k.adjustment_meals, s.adjustment_meals),
                       coalesce(k.adjustment_net_owed_fen, s.adjustment_net_owed_fen), s.generated_at, k.confirmed_at,
                       k.confirmed_by, k.chain_position, k.chain_hash
                from statement s join canteen c on c.id = s.canteen_id
                left join statement_confirmation k on k.statement_id = s.id
                where s.id = :id""")
                .setParameter("id", id).getResultList();
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        Object[] h = headers.get(0);
        String ruleVersions = (String) h[8];
        StatementView header = new StatementView(longValue(h[0]), longValue(h[1]), (String) h[2], (String) h[3],
                (String) h[4], (String) h[5], YearMonth.from(localDate(h[6])), (String) h[7],
                ruleVersions.isEmpty() ? List.of() : Arrays.asList(ruleVersions.split(",")),
                figures(h, 9), new SettledFigures(0, 0, longValue(h[15]), 0, 0, longValue(h[16])), null, null, null,
                false, instant(h[17]), instant(h[18]), (String) h[19], longOrNull(h[20]),
                h[21] == null ? null : EntryEncoding.hex((byte[]) h[21]), List.of());

        List<StatementView.Line> lines = new ArrayList<>();
        SettledFigures adjustments = SettledFigures.ZERO;
        SettledFigures own = SettledFigures.ZERO;
        SettledFigures earlier = SettledFigures.ZERO;
        List<Object[]> lineRows = em.createNativeQuery("""
                select line_no, kind, adjustment_id, meal_date, rule_version, sales, voids, meals, discount_fen,
                       operating_subsidy_fen, net_owed_fen
                from statement_line where statement_id = :id order by line_no""")
                .setParameter("id", id).getResultList();
        for (Object[] r : lineRows) {
            StatementView.Line line = new StatementView.Line((int) longValue(r[0]), (String) r[1], longOrNull(r[2]),
                    localDate(r[3]), (String) r[4], figures(r, 5));
            lines.add(line);
            if (line.adjustmentId() != null) {
                adjustments = adjustments.plus(line.figures());
            }
            if (YearMonth.from(line.mealDate()).equals(header.month())) {
                own = own.plus(line.figures());
            } else {
                earlier = earlier.plus(line.figures());
            }
        }
        Object[] l = (Object[]) em.createNativeQuery("""
                select count(*) filter (where subsidised and entry_type = 'SALE'),
                       count(*) filter (where subsidised and entry_type = 'VOID'),
                       count(*) filter (where subsidised and entry_type = 'SALE') - count(*) filter (where subsidised and entry_type = 'VOID'),
                       coalesce(sum(discount_fen), 0), coalesce(sum(operating_subsidy_fen), 0),
                       coalesce(sum(discount_fen + operating_subsidy_fen), 0)
                from meal_entry where canteen_id = :canteen and meal_date between :first and :last""")
                .setParameter("canteen", header.canteenId()).setParameter("first", header.month().atDay(1))
                .setParameter("last", header.month().atEndOfMonth()).getSingleResult();
        SettledFigures ledger = figures(l, 0);
        SettledFigures adjustmentTotal = new SettledFigures(adjustments.sales(), adjustments.voids(),
                header.adjustments().meals(), adjustments.discountFen(), adjustments.operatingSubsidyFen(),
                header.adjustments().netOwedFen());
        // the links to other statements, as the list shows them; each earlier-month line names its original
        if (!withLinks) {
            return Optional.of(new StatementView(header.id(), header.canteenId(), header.canteenCode(),
                    header.canteenName(), header.district(), header.subdistrict(), header.month(), header.status(),
                    header.ruleVersions(), header.total(), adjustmentTotal, own, earlier, ledger, own.equals(ledger),
                    header.generatedAt(), header.confirmedAt(), header.confirmedBy(), header.chainPosition(),
                    header.chainHash(), List.copyOf(lines)));
        }
        StatementSummary summary = summaries.summaries(List.of(id)).get(0);
        List<StatementView.Line> linked = lines.stream().map(line -> line.adjustmentId() == null
                || !YearMonth.from(line.mealDate()).isBefore(header.month()) ? line
                : new StatementView.Line(line.lineNo(), line.kind(), line.adjustmentId(), line.mealDate(),
                        line.ruleVersion(), line.figures(), summary.originals().stream()
                        .filter(o -> o.month().equals(YearMonth.from(line.mealDate()))).findFirst().orElse(null)))
                .toList();
        return Optional.of(new StatementView(header.id(), header.canteenId(), header.canteenCode(), header.canteenName(),
                header.district(), header.subdistrict(), header.month(), header.status(), header.ruleVersions(),
                header.total(), adjustmentTotal, own, earlier, ledger, own.equals(ledger), header.generatedAt(),
                header.confirmedAt(), header.confirmedBy(), header.chainPosition(), header.chainHash(),
                linked, summary.confirmedByName(), summary.transferred(), summary.originals(),
                summary.pendingNetOwedFen()));
    }

    /** Six figure columns from {@code first}: sales, voids, meals, discount, operating subsidy, net owed. */
    private static SettledFigures figures(Object[] row, int first) {
        return new SettledFigures(longValue(row[first]), longValue(row[first + 1]), longValue(row[first + 2]),
                longValue(row[first + 3]), longValue(row[first + 4]), longValue(row[first + 5]));
    }
}
