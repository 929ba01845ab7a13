package cn.laorenjia.settlement.supervision.service;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.supervision.service.AreaFigures.CanteenPage;
import cn.laorenjia.settlement.supervision.service.AreaFigures.Level;
import cn.laorenjia.settlement.supervision.service.AreaFigures.MonthPoint;
import cn.laorenjia.settlement.supervision.service.AreaFigures.Point;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supervisors' figures: a month of every canteen of the filter in one set-based query (what is settled, the
 * ledger's sales by identification and offline, the till's meals, each aggregated once by canteen), never a query per
 * canteen; a page sums and sorts those rows by 区, 街镇 or canteen without asking the database again (the month's
 * ledger is read once per page). The area scope is a condition of every query (outside it a canteen does not exist here). No
 * senior-level row leaves this class: counts and sums only.
 */
@ApplicationScoped
public class SupervisionQueries {

    public static final int PAGE_SIZE = 50;
    public static final int TREND_MONTHS = 6;

    private final EntityManager em;

    public SupervisionQueries(EntityManager em) {
        this.em = em;
    }

    /** Which canteens: the scope, then a 区 and/or 街镇 of the drill-down, or one canteen. */
    public record Filter(AreaScope scope, String district, String subdistrict, Long canteenId) {

        public static Filter area(AreaScope scope, String district, String subdistrict) {
            return new Filter(scope, district, subdistrict, null);
        }

        String where(Map<String, Object> params) {
            StringBuilder w = new StringBuilder(" where 1 = 1").append(scope.condition("c", params));
            if (district != null) {
                w.append(" and c.district = :district");
                params.put("district", district);
            }
            if (subdistrict != null) {
                w.append(" and c.subdistrict = :subdistrict");
                params.put("subdistrict", subdistrict);
            }
            if (canteenId != null) {
                w.append(" and c.id = :canteenId");
                params.put("canteenId", canteenId);
            }
            return w.toString();
        }
    }

    /**
     * A canteen per row with its month's figures (the CTE {@code f}): settled lines, ledger sales and till meals, each
     * aggregated once over the month by canteen and joined to the canteens of the filter.
     */
    private static String perCanteen(Filter filter, YearMonth month, Map<String, Object> params) {
        params.put("from", Date.valueOf(month.atDay(1)));
        params.put("to", Date.valueOf(month.plusMonths(1).atDay(1)));
        return "with c as (select c.id, c.code, c.name, c.district, c.subdistrict from canteen c"
                + filter.where(params) + "), "
                + "s as (select l.canteen_id, sum(l.meals) as meals, sum(l.net_owed_fen) as owed from settlement_line l "
                + " where l.meal_date >= :from and l.meal_date < :to and l.canteen_id in (select id from c)"
                + " group by l.canteen_id), "
                + "e as (select e.canteen_id, count(*) as sales,"
                + " count(*) filter (where e.identified_by = 'CARD') as card,"
                + " count(*) filter (where e.identified_by = 'QR') as qr,"
                + " count(*) filter (where e.identified_by = 'MANUAL') as manual,"
                + " count(*) filter (where e.offline_outcome is not null) as offline_sales from meal_entry e"
                + " where e.meal_date >= :from and e.meal_date < :to and e.entry_type = 'SALE'"
                + " and e.canteen_id in (select id from c) group by e.canteen_id), "
                + "t as (select t.canteen_id, count(*) filter (where v.void_id is null) as till_meals,"
                + " count(*) filter (where v.void_id is null and t.subsidised) as till_subsidised from till_sale t"
                + " left join till_void v on v.sale_id = t.sale_id"
                + " where t.meal_date >= :from and t.meal_date < :to and t.canteen_id in (select id from c)"
                + " group by t.canteen_id), "
                + "f as (select c.id, c.code, c.name, c.district, c.subdistrict,"
                + " coalesce(s.meals, 0) as subsidised_meals, coalesce(s.owed, 0) as owed_fen,"
                + " coalesce(e.sales, 0) as sales, coalesce(e.card, 0) as card, coalesce(e.qr, 0) as qr,"
                + " coalesce(e.manual, 0) as manual, coalesce(e.offline_sales, 0) as offline_sales,"
                + " coalesce(t.till_meals, 0) as till_meals, coalesce(t.till_subsidised, 0) as till_subsidised"
                + " from c left join s on s.canteen_id = c.id left join e on e.canteen_id = c.id"
                + " left join t on t.canteen_id = c.id) ";
    }

    /**
     * The next level down of a roll-up from the filter's canteens ({@link #allCanteens}): the 区 of the scope (no
     * district in the filter) or the 街镇 of a 区, by name; the total is of all the rows.
     */
    public static Level level(Filter filter, List<AreaFigures> canteens) {
        boolean byDistrict = filter.district() == null;
        java.util.TreeMap<String, List<AreaFigures>> groups = new java.util.TreeMap<>();
        for (AreaFigures c : canteens) {
            groups.computeIfAbsent(byDistrict ? c.district() : c.district() + "|" + c.subdistrict(),
                    k -> new ArrayList<>()).add(c);
        }
        List<AreaFigures> rows = new ArrayList<>();
        groups.forEach((key, members) -> {
            AreaFigures first = members.get(0);
            AreaFigures sum = sum(members, key, first.district(), byDistrict ? null : first.subdistrict(),
                    byDistrict ? first.district() : first.subdistrict());
            rows.add(sum);
        });
        return new Level(sum(canteens, "", null, null, "合计"), rows);
    }

    /**
     * One page of the canteens, sorted, ties by code so that pages never overlap; a page past the end answers the
     * last. The rows are the filter's canteens already computed for the page (a few thousand at most per 区).
     */
    public static CanteenPage page(List<AreaFigures> canteens, CanteenSort sort, boolean descending, int page) {
        java.util.Comparator<AreaFigures> order = sort.comparator(descending);
        List<AreaFigures> sorted = canteens.stream().sorted(order).toList();
        int pages = Math.max(1, (sorted.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(page, 0), pages - 1);
        return new CanteenPage(sorted.size(), p, pages,
                sorted.subList(p * PAGE_SIZE, Math.min(sorted.size(), (p + 1) * PAGE_SIZE)));
    }

    /** Every canteen of the filter with its month's figures (a 街镇's: for its medians). */
    @Transactional
    public List<AreaFigures> allCanteens(Filter filter, YearMonth month) {
        Map<String, Object> params = new HashMap<>();
        String sql = perCanteen(filter, month, params) + "select code, name, district, subdistrict, 1,"
                + " subsidised_meals, owed_fen, sales, card, qr, manual, offline_sales, till_meals, till_subsidised"
                + " from f order by code";
        return rows(sql, params).stream()
                .map(r -> figures((String) r[0], (String) r[2], (String) r[3], (String) r[0], (String) r[1], r, 4))
                .toList();
    }

    /** Settled meals and money per month, the {@link #TREND_MONTHS} months up to this one (months without: zero). */
    @Transactional
    public List<MonthPoint> months(Filter filter, YearMonth month) {
        YearMonth first = month.minusMonths(TREND_MONTHS - 1);
        Map<String, Object> params = new HashMap<>();
        params.put("from", Date.valueOf(first.atDay(1)));
        params.put("to", Date.valueOf(month.plusMonths(1).atDay(1)));
        String sql = "select cast(date_trunc('month', l.meal_date) as date), sum(l.meals), sum(l.net_owed_fen)"
                + " from settlement_line l where l.meal_date >= :from and l.meal_date < :to and l.canteen_id in"
                + " (select c.id from canteen c" + filter.where(params) + ") group by 1";
        Map<YearMonth, Object[]> byMonth = new HashMap<>();
        for (Object[] r : rows(sql, params)) {
            byMonth.put(YearMonth.from(localDate(r[0])), r);
        }
        List<MonthPoint> points = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(month); m = m.plusMonths(1)) {
            Object[] r = byMonth.get(m);
            points.add(new MonthPoint(m, r == null ? 0 : num(r[1]), Money.ofFen(r == null ? 0 : num(r[2]))));
        }
        return points;
    }

    /** Settled meals and money per day of the month (days without: zero). */
    @Transactional
    public List<Point> days(Filter filter, YearMonth month) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", Date.valueOf(month.atDay(1)));
        params.put("to", Date.valueOf(month.plusMonths(1).atDay(1)));
        String sql = "select l.meal_date, sum(l.meals), sum(l.net_owed_fen) from settlement_line l"
                + " where l.meal_date >= :from and l.meal_date < :to and l.canteen_id in"
                + " (select c.id from canteen c" + filter.where(params) + ") group by 1";
        Map<LocalDate, Object[]> byDay = new HashMap<>();
        for (Object[] r : rows(sql, params)) {
            byDay.put(localDate(r[0]), r);
        }
        List<Point> points = new ArrayList<>();
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            Object[] r = byDay.get(d);
            points.add(new Point(d, r == null ? 0 : num(r[1]), Money.ofFen(r == null ? 0 : num(r[2]))));
        }
        return points;
    }

    /** A canteen of the scope by its code: id, code, name, 区, 街镇, address, standard price (fen), active. */
    public record CanteenIdentity(long id, String code, String name, String district, String subdistrict,
                                  String address, Money standardSetPrice, boolean active, long activeTerminals,
                                  long terminals, long activeCashiers) {
    }

    @Transactional
    public Optional<CanteenIdentity> canteen(AreaScope scope, String code) {
        Map<String, Object> params = new HashMap<>();
        params.put("code", code);
        String sql = "select c.id, c.code, c.name, c.district, c.subdistrict, c.address, c.standard_set_price_fen,"
                + " c.active, (select count(*) from terminal t where t.canteen_id = c.id and t.active),"
                + " (select count(*) from terminal t where t.canteen_id = c.id),"
                + " (select count(*) from cashier k where k.canteen_id = c.id and k.active)"
                + " from canteen c where c.code = :code" + scope.condition("c", params);
        return rows(sql, params).stream().findFirst().map(r -> new CanteenIdentity(num(r[0]), (String) r[1],
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], Money.ofFen(num(r[6])), (Boolean) r[7],
                num(r[8]), num(r[9]), num(r[10])));
    }



    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> params) {
        Query q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        return q.getResultList();
    }

    /** The figures of a row whose sums start at column {@code at}: canteens, meals, owed, sales, ... */
    private static AreaFigures figures(String key, String district, String subdistrict, String code, String name,
                                       Object[] r, int at) {
        return new AreaFigures(key, district, subdistrict, code, name, (int) num(r[at]), num(r[at + 1]),
                Money.ofFen(num(r[at + 2])), num(r[at + 3]), num(r[at + 4]), num(r[at + 5]), num(r[at + 6]),
                num(r[at + 7]), num(r[at + 8]), num(r[at + 9]));
    }

    private static AreaFigures sum(List<AreaFigures> rows, String key, String district, String subdistrict,
                                   String name) {
        int canteens = 0;
        long meals = 0, owed = 0, sales = 0, card = 0, qr = 0, manual = 0, offline = 0, till = 0, tillSub = 0;
        for (AreaFigures f : rows) {
            canteens += f.canteens();
            meals += f.subsidisedMeals();
            owed += f.owed().fen();
            sales += f.sales();
            card += f.card();
            qr += f.qr();
            manual += f.manual();
            offline += f.offlineSales();
            till += f.tillMeals();
            tillSub += f.tillSubsidised();
        }
        return new AreaFigures(key, district, subdistrict, null, name, canteens, meals, Money.ofFen(owed), sales, card,
                qr, manual, offline, till, tillSub);
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static LocalDate localDate(Object o) {
        return o instanceof Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
