package cn.laorenjia.settlement.statement.service;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.persistence.Rows.instant;
import static cn.laorenjia.settlement.persistence.Rows.localDate;
import static cn.laorenjia.settlement.persistence.Rows.longValue;

/**
 * Finance's list of a month's statements, set-based: the filter, order, page and totals in SQL over the statements'
 * headers (never their lines), then for the page's rows only the ledger check, the parts for earlier months and the
 * links to other statements (each one query for the whole page). A statement's confirmed figures are its
 * confirmation's (insert-only), like {@link StatementRepository#read}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StatementSummaries {

    private static final String FIGURES = "sales, voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen";

    private final EntityManager em;

    public StatementSummaries(EntityManager em) {
        this.em = em;
    }

    /** The statements the query and the scope select: "with b ..., x as (...)", x being the selected rows. */
    private static String selected(StatementQuery q, AreaScope scope, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("s.month = :first").append(scope.condition("c", params));
        params.put("first", q.month().atDay(1));
        if (q.district() != null) {
            where.append(" and c.district = :district");
            params.put("district", q.district());
        }
        if (q.subdistrict() != null) {
            where.append(" and c.subdistrict = :subdistrict");
            params.put("subdistrict", q.subdistrict());
        }
        if (q.search() != null) {
            // a code or a part of the name; LIKE's own characters are taken literally
            where.append(" and (c.code ilike :search escape '\\' or c.name ilike :search escape '\\')");
            params.put("search", "%" + q.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        switch (q.status()) {
            case DRAFT -> where.append(" and k.statement_id is null");
            case CONFIRMED -> where.append(" and k.statement_id is not null");
            default -> { }
        }
        String base = """
                with b as (
                    select s.id, s.canteen_id, c.code, c.name, c.district, c.subdistrict, s.month,
                           k.statement_id is not null as confirmed,
                           coalesce(k.sales, s.sales) as sales, coalesce(k.voids, s.voids) as voids,
                           coalesce(k.meals, s.meals) as meals, coalesce(k.discount_fen, s.discount_fen) as discount_fen,
                           coalesce(k.operating_subsidy_fen, s.operating_subsidy_fen) as operating_subsidy_fen,
                           coalesce(k.net_owed_fen, s.net_owed_fen) as net_owed_fen,
                           coalesce(k.adjustment_meals, s.adjustment_meals) as adjustment_meals,
                           coalesce(k.adjustment_net_owed_fen, s.adjustment_net_owed_fen) as adjustment_net_owed_fen,
                           k.confirmed_at, k.confirmed_by
                    from statement s join canteen c on c.id = s.canteen_id
                         left join statement_confirmation k on k.statement_id = s.id
                    where %s)""".formatted(where);
        if (q.status() != StatementQuery.Status.UNRECONCILED) {
            return base + ", x as (select * from b)";
        }
        params.put("last", q.month().atEndOfMonth());
        // The whole month's ledger is one sequential scan and a hash aggregate (1.6 M rows: about a second); limited
        // to the selected canteens it becomes an index scan per canteen, faster only when they are few (an area, a
        // 街镇, a search): measured by settlement/bench/finance-benchmark.sh, 38 s for all 10,000 canteens that way.
        boolean narrow = q.district() != null || q.subdistrict() != null || q.search() != null || !scope.isAll();
        // only this filter needs the ledger of every selected canteen: its own-month lines against the ledger
        return base + """
                , e as (select l.statement_id, sum(l.sales) as sales, sum(l.voids) as voids, sum(l.meals) as meals,
                               sum(l.discount_fen) as discount_fen, sum(l.operating_subsidy_fen) as operating_subsidy_fen,
                               sum(l.net_owed_fen) as net_owed_fen
                        from statement_line l join b on b.id = l.statement_id
                        where l.kind = 'ADJUSTMENT' and l.meal_date < :first group by l.statement_id)
                , g as (%s group by canteen_id)
                , x as (select b.* from b left join e on e.statement_id = b.id left join g on g.canteen_id = b.canteen_id
                        where (b.sales - coalesce(e.sales, 0), b.voids - coalesce(e.voids, 0), b.meals - coalesce(e.meals, 0),
                               b.discount_fen - coalesce(e.discount_fen, 0),
                               b.operating_subsidy_fen - coalesce(e.operating_subsidy_fen, 0),
                               b.net_owed_fen - coalesce(e.net_owed_fen, 0))
                              is distinct from
                              (coalesce(g.sales, 0), coalesce(g.voids, 0), coalesce(g.meals, 0), coalesce(g.discount_fen, 0),
                               coalesce(g.operating_subsidy_fen, 0), coalesce(g.net_owed_fen, 0)))"""
                .formatted(LEDGER_OF_MONTH + (narrow ? " and canteen_id in (select canteen_id from b)" : ""));
    }

    /** The ledger's figures per canteen for the month (:first..:last), as the statements count them. */
    private static final String LEDGER_OF_MONTH = """
            select canteen_id,
                   count(*) filter (where subsidised and entry_type = 'SALE') as sales,
                   count(*) filter (where subsidised and entry_type = 'VOID') as voids,
                   count(*) filter (where subsidised and entry_type = 'SALE') - count(*) filter (where subsidised and entry_type = 'VOID') as meals,
                   coalesce(sum(discount_fen), 0) as discount_fen, coalesce(sum(operating_subsidy_fen), 0) as operating_subsidy_fen,
                   coalesce(sum(discount_fen + operating_subsidy_fen), 0) as net_owed_fen
            from meal_entry where meal_date between :first and :last""";

    private static Query bind(Query query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }

    /** One page of the query's statements with the totals of all it selects. */
    @SuppressWarnings("unchecked")
    StatementSummary.Page page(StatementQuery q, AreaScope scope) {
        Map<String, Object> params = new HashMap<>();
        String x = selected(q, scope, params);
        Object[] t = (Object[]) bind(em.createNativeQuery(x + """
                select count(*), count(*) filter (where not confirmed), count(*) filter (where confirmed),
                       coalesce(sum(sales), 0), coalesce(sum(voids), 0), coalesce(sum(meals), 0),
                       coalesce(sum(discount_fen), 0), coalesce(sum(operating_subsidy_fen), 0), coalesce(sum(net_owed_fen), 0)
                from x"""), params).getSingleResult();
        SettledFigures sum = figures(t, 3);
        Money net = Money.ofFen(sum.netOwedFen());
        StatementSummary.Totals totals = new StatementSummary.Totals(longValue(t[0]), longValue(t[1]), longValue(t[2]),
                sum, net.toGroupedYuanString(), net.toChineseCapitals());
        params.put("size", q.size());
        params.put("offset", (long) q.page() * q.size());
        List<Object> ids = bind(em.createNativeQuery(x + " select x.id from x order by " + q.sort().column
                + (q.descending() ? " desc" : " asc") + ", x.code, x.id limit :size offset :offset"), params)
                .getResultList();
        return new StatementSummary.Page(longValue(t[0]), q.page(), q.size(), totals,
                summaries(ids.stream().map(id -> longValue(id)).toList()));
    }

    /** The ids of the drafts the query's filters select (status aside), in code order. */
    @SuppressWarnings("unchecked")
    List<Long> draftIds(StatementQuery q, AreaScope scope) {
        Map<String, Object> params = new HashMap<>();
        List<Object> ids = bind(em.createNativeQuery(selected(q.draftsOnly(), scope, params)
                + " select x.id from x order by x.code, x.id"), params).getResultList();
        return ids.stream().map(id -> longValue(id)).toList();
    }

    /** The ids of the statements the query's filters select (status aside) whose own month differs from the ledger. */
    @SuppressWarnings("unchecked")
    List<Long> unreconciledIds(StatementQuery q, AreaScope scope) {
        Map<String, Object> params = new HashMap<>();
        List<Object> ids = bind(em.createNativeQuery(selected(q.unreconciledOnly(), scope, params)
                + " select x.id from x"), params).getResultList();
        return ids.stream().map(id -> longValue(id)).toList();
    }

    /** Whether a statement's canteen is within the scope. */
    boolean within(long id, AreaScope scope) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return !bind(em.createNativeQuery("select 1 from statement s join canteen c on c.id = s.canteen_id where s.id = :id"
                + scope.condition("c", params)), params).getResultList().isEmpty();
    }

    /** The rows of these statements, in the given order. */
    @SuppressWarnings("unchecked")
    List<StatementSummary> summaries(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                select s.id, s.canteen_id, c.code, c.name, c.district, c.subdistrict, s.month,
                       k.statement_id is not null,
                       coalesce(k.sales, s.sales), coalesce(k.voids, s.voids), coalesce(k.meals, s.meals),
                       coalesce(k.discount_fen, s.discount_fen), coalesce(k.operating_subsidy_fen, s.operating_subsidy_fen),
                       coalesce(k.net_owed_fen, s.net_owed_fen),
                       coalesce(k.adjustment_meals, s.adjustment_meals), coalesce(k.adjustment_net_owed_fen, s.adjustment_net_owed_fen),
                       k.confirmed_at, k.confirmed_by, coalesce(p.display_name, k.confirmed_by)
                from statement s join canteen c on c.id = s.canteen_id
                     left join statement_confirmation k on k.statement_id = s.id
                     left join person p on p.username = k.confirmed_by
                where s.id in (:ids)""").setParameter("ids", ids).getResultList();
        Map<Long, SettledFigures> earlier = byId(em.createNativeQuery("""
                select l.statement_id, sum(l.sales), sum(l.voids), sum(l.meals), sum(l.discount_fen),
                       sum(l.operating_subsidy_fen), sum(l.net_owed_fen)
                from statement_line l join statement s on s.id = l.statement_id
                where l.statement_id in (:ids) and l.kind = 'ADJUSTMENT' and l.meal_date < s.month
                group by l.statement_id""").setParameter("ids", ids).getResultList());
        // the ledger of each statement's canteen and month (a page has one month, but ids may be of several)
        Map<Long, SettledFigures> ledger = byId(em.createNativeQuery("""
                select s.id, count(*) filter (where e.subsidised and e.entry_type = 'SALE'),
                       count(*) filter (where e.subsidised and e.entry_type = 'VOID'),
                       count(*) filter (where e.subsidised and e.entry_type = 'SALE') - count(*) filter (where e.subsidised and e.entry_type = 'VOID'),
                       coalesce(sum(e.discount_fen), 0), coalesce(sum(e.operating_subsidy_fen), 0),
                       coalesce(sum(e.discount_fen + e.operating_subsidy_fen), 0)
                from statement s join meal_entry e on e.canteen_id = s.canteen_id
                     and e.meal_date >= s.month and e.meal_date < cast(s.month + interval '1 month' as date)
                where s.id in (:ids) group by s.id""").setParameter("ids", ids).getResultList());
        Map<Long, List<StatementSummary.Link>> transferred = links(em.createNativeQuery("""
                select s0.id, s2.id, s2.month, exists (select 1 from statement_confirmation k where k.statement_id = s2.id),
                       sum(l.meals), sum(l.net_owed_fen)
                from statement s0 join statement s2 on s2.canteen_id = s0.canteen_id and s2.month > s0.month
                     join statement_line l on l.statement_id = s2.id and l.kind = 'ADJUSTMENT'
                          and l.meal_date >= s0.month and l.meal_date < cast(s0.month + interval '1 month' as date)
                where s0.id in (:ids) group by s0.id, s2.id, s2.month order by s2.month""")
                .setParameter("ids", ids).getResultList());
        Map<Long, List<StatementSummary.Link>> originals = links(em.createNativeQuery("""
                select s.id, s0.id, s0.month, exists (select 1 from statement_confirmation k where k.statement_id = s0.id),
                       sum(l.meals), sum(l.net_owed_fen)
                from statement s join statement_line l on l.statement_id = s.id and l.kind = 'ADJUSTMENT' and l.meal_date < s.month
                     join statement s0 on s0.canteen_id = s.canteen_id and s0.month = cast(date_trunc('month', l.meal_date) as date)
                where s.id in (:ids) group by s.id, s0.id, s0.month order by s0.month""")
                .setParameter("ids", ids).getResultList());
        Map<Long, StatementSummary> byId = new HashMap<>();
        for (Object[] r : rows) {
            long id = longValue(r[0]);
            YearMonth month = YearMonth.from(localDate(r[6]));
            SettledFigures total = figures(r, 8);
            SettledFigures before = earlier.getOrDefault(id, SettledFigures.ZERO);
            SettledFigures own = minus(total, before);
            SettledFigures led = ledger.getOrDefault(id, SettledFigures.ZERO);
            List<StatementSummary.Link> later = transferred.getOrDefault(id, List.of());
            long pending = led.netOwedFen() - own.netOwedFen()
                    - later.stream().mapToLong(StatementSummary.Link::netOwedFen).sum();
            byId.put(id, new StatementSummary(id, StatementView.number(id, month), longValue(r[1]), (String) r[2],
                    (String) r[3], (String) r[4], (String) r[5], month, (Boolean) r[7] ? "CONFIRMED" : "DRAFT", total,
                    new SettledFigures(0, 0, longValue(r[14]), 0, 0, longValue(r[15])), before, led, own.equals(led),
                    instant(r[16]), (String) r[17], (String) r[18], later, originals.getOrDefault(id, List.of()),
                    pending));
        }
        return ids.stream().map(byId::get).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, SettledFigures> byId(List<?> rows) {
        Map<Long, SettledFigures> out = new HashMap<>();
        for (Object[] r : (List<Object[]>) rows) {
            out.put(longValue(r[0]), figures(r, 1));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, List<StatementSummary.Link>> links(List<?> rows) {
        Map<Long, List<StatementSummary.Link>> out = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) rows) {
            long other = longValue(r[1]);
            YearMonth month = YearMonth.from(localDate(r[2]));
            long net = longValue(r[5]);
            out.computeIfAbsent(longValue(r[0]), k -> new ArrayList<>()).add(new StatementSummary.Link(other,
                    StatementView.number(other, month), month, (Boolean) r[3] ? "CONFIRMED" : "DRAFT", longValue(r[4]),
                    net, Money.ofFen(net).toYuanString()));
        }
        return out;
    }

    private static SettledFigures minus(SettledFigures a, SettledFigures b) {
        return new SettledFigures(a.sales() - b.sales(), a.voids() - b.voids(), a.meals() - b.meals(),
                a.discountFen() - b.discountFen(), a.operatingSubsidyFen() - b.operatingSubsidyFen(),
                a.netOwedFen() - b.netOwedFen());
    }

    private static SettledFigures figures(Object[] row, int first) {
        return new SettledFigures(longValue(row[first]), longValue(row[first + 1]), longValue(row[first + 2]),
                longValue(row[first + 3]), longValue(row[first + 4]), longValue(row[first + 5]));
    }

}
