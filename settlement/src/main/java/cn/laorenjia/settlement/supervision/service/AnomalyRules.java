package cn.laorenjia.settlement.supervision.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static cn.laorenjia.settlement.persistence.Rows.longOrNull;
import static cn.laorenjia.settlement.persistence.Rows.longValue;

/**
 * The anomaly rules over one month (settlement/SUPERVISION.md). Each rule is one set-based query that aggregates the
 * month per subject (canteen, cashier, senior, canteen-day) in PostgreSQL; the few rows that come back (one per
 * subject) are compared with their district here, where a median and a binomial test read plainly. Counts are net:
 * a SALE reversed by a VOID is not a meal. Native queries on the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AnomalyRules {

    /** Net subsidised meals of the month: SALEs not reversed by a VOID. */
    static final String NET = """
            net as (select e.entry_id, e.canteen_id, e.terminal_id, e.senior_id, e.cashier_number, e.identified_by,
                           e.offline_outcome, e.occurred_at, e.meal_date, e.week_monday, e.slot
                    from meal_entry e
                    where e.meal_date between :from and :to and e.reverses_entry_id is null and e.subsidised
                      and not exists (select 1 from meal_entry v where v.reverses_entry_id = e.entry_id))
            """;

    /**
     * Whether senior {@code s} may not be subsidised on day {@code d}, by the register's dated facts as the core's
     * EligibilityRules.statusReasons reads them: dead, in an institution or in centralised support that day, or without
     * an APPROVED enrolment holding that day. Facts hold from valid_from inclusive to valid_to exclusive; corrected
     * facts never held.
     */
    static String ineligible(String s, String d) {
        return """
                (exists (select 1 from senior_fact f where f.senior_id = %1$s and f.corrected_at is null
                           and f.kind in ('DEATH', 'INSTITUTION_RESIDENCE', 'CENTRALISED_SUPPORT')
                           and f.valid_from <= %2$s and (f.valid_to is null or f.valid_to > %2$s))
                 or not exists (select 1 from senior_fact f where f.senior_id = %1$s and f.corrected_at is null
                           and f.kind = 'ENROLMENT' and f.value = 'APPROVED'
                           and f.valid_from <= %2$s and (f.valid_to is null or f.valid_to > %2$s)))""".formatted(s, d);
    }

    private final EntityManager em;
    private final AnomalyConfig config;
    private final Clock clock;

    public AnomalyRules(EntityManager em, AnomalyConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /** Every rule's findings for the month. */
    public List<Finding> scan(YearMonth month) {
        noteOfflineWhileOnline(month.atDay(1), month.atEndOfMonth());
        List<Finding> all = new ArrayList<>();
        all.addAll(manualShareCanteen(month));
        all.addAll(manualShareCashier(month));
        all.addAll(offlineShare(month));
        all.addAll(offlineWhileOnline(month));
        all.addAll(farFromHome(month));
        all.addAll(manyCanteens(month));
        all.addAll(ineligibleSenior(month));
        all.addAll(closingBurst(month));
        all.addAll(subsidisedShare(month));
        all.addAll(roundTotals(month));
        all.addAll(identicalTotals(month));
        all.addAll(suddenGrowth(month));
        return all;
    }

    // ---- shares compared with the district ----

    /** Per canteen: its 区/街镇, the meals counted (k) among its subsidised meals (n). */
    private record Share(long canteenId, String district, String subdistrict, String cashier, long k, long n) {
        double share() {
            return n == 0 ? 0 : (double) k / n;
        }
    }

    private List<Share> shares(YearMonth month, String counted, String extraJoin) {
        return shares(month, counted, extraJoin, Map.of());
    }

    private List<Share> shares(YearMonth month, String counted, String extraJoin, Map<String, Object> params) {
        Query q = em.createNativeQuery("with " + NET + """
                select c.id, c.district, c.subdistrict, count(*) filter (where %s), count(*)
                from net e join canteen c on c.id = e.canteen_id %s
                group by c.id, c.district, c.subdistrict""".formatted(counted, extraJoin));
        bind(q, month);
        params.forEach(q::setParameter);
        List<Share> out = new ArrayList<>();
        for (Object[] r : rows(q)) {
            out.add(new Share(longValue(r[0]), (String) r[1], (String) r[2], null, longValue(r[3]), longValue(r[4])));
        }
        return out;
    }

    /** The district median share of the subjects with enough meals. */
    private static Map<String, Double> medians(List<Share> shares, int minMeals) {
        Map<String, List<Double>> by = new HashMap<>();
        for (Share s : shares) {
            if (s.n >= minMeals) {
                by.computeIfAbsent(s.district, x -> new ArrayList<>()).add(s.share());
            }
        }
        Map<String, Double> out = new HashMap<>();
        by.forEach((d, list) -> out.put(d, median(list)));
        return out;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The share a subject of {@code n} meals must reach against a reference share (see {@link AnomalyConfig.ShareTest}). */
    static double threshold(AnomalyConfig.ShareTest t, double reference, long n) {
        double binomial = reference + t.minZ() * Math.sqrt(Math.max(reference * (1 - reference), 1e-6) / Math.max(n, 1));
        return Math.max(t.minShare(), Math.max(t.ratioToMedian() * reference, binomial));
    }

    private List<Finding> shareRule(AnomalyRule rule, AnomalyConfig.ShareTest t, List<Share> shares, String what) {
        Map<String, Double> medians = medians(shares, t.minMeals());
        List<Finding> out = new ArrayList<>();
        for (Share s : shares) {
            if (s.n < t.minMeals()) {
                continue;
            }
            double median = medians.getOrDefault(s.district, 0.0);
            double threshold = threshold(t, median, s.n);
            if (s.share() >= threshold) {
                out.add(new Finding(rule, s.canteenId, null, null, s.district, s.subdistrict, s.share(), threshold,
                        s.k, "%s %d 份，占补贴餐 %d 份的 %s（本区中位数 %s，阈值 %s）".formatted(what, s.k, s.n,
                        pct(s.share()), pct(median), pct(threshold))));
            }
        }
        return out;
    }

    List<Finding> manualShareCanteen(YearMonth month) {
        return shareRule(AnomalyRule.MANUAL_SHARE_CANTEEN, config.manualShareCanteen(),
                shares(month, "e.identified_by = 'MANUAL'", ""), "人工核验");
    }

    List<Finding> offlineShare(YearMonth month) {
        return shareRule(AnomalyRule.OFFLINE_SHARE, config.offlineShare(),
                shares(month, "e.offline_outcome is not null", ""), "离线补录");
    }

    List<Finding> farFromHome(YearMonth month) {
        return shareRule(AnomalyRule.FAR_FROM_HOME, config.farFromHome(),
                shares(month, "(s.district, s.subdistrict) <> (c.district, c.subdistrict)",
                        "join senior s on s.id = e.senior_id"), "户籍街镇在外的老人就餐");
    }

    List<Finding> closingBurst(YearMonth month) {
        AnomalyConfig.ClosingBurst t = config.closingBurst();
        // local wall-clock time of the meal against its slot's closing time, minus the last minutes
        String counted = """
                cast(e.occurred_at at time zone 'Asia/Shanghai' as time) >= (case e.slot
                    when 'BREAKFAST' then cast(:breakfastCloses as time) when 'LUNCH' then cast(:lunchCloses as time)
                    else cast(:dinnerCloses as time) end) - make_interval(mins => :lastMinutes)""";
        Map<String, Object> params = Map.of("breakfastCloses", t.breakfastCloses().toString(),
                "lunchCloses", t.lunchCloses().toString(), "dinnerCloses", t.dinnerCloses().toString(),
                "lastMinutes", t.lastMinutes());
        return shareRule(AnomalyRule.CLOSING_BURST, t, shares(month, counted, "", params),
                "餐段结束前 " + t.lastMinutes() + " 分钟内就餐");
    }

    List<Finding> manualShareCashier(YearMonth month) {
        AnomalyConfig.ShareTest t = config.manualShareCashier();
        Query q = em.createNativeQuery("with " + NET + """
                select c.id, c.district, c.subdistrict, e.cashier_number,
                       count(*) filter (where e.identified_by = 'MANUAL'), count(*)
                from net e join canteen c on c.id = e.canteen_id
                where e.cashier_number is not null
                group by c.id, c.district, c.subdistrict, e.cashier_number""");
        bind(q, month);
        List<Share> cashiers = new ArrayList<>();
        Map<Long, long[]> canteens = new HashMap<>();
        for (Object[] r : rows(q)) {
            Share s = new Share(longValue(r[0]), (String) r[1], (String) r[2], (String) r[3], longValue(r[4]),
                    longValue(r[5]));
            cashiers.add(s);
            long[] total = canteens.computeIfAbsent(s.canteenId, x -> new long[2]);
            total[0] += s.k;
            total[1] += s.n;
        }
        Map<String, Double> medians = medians(cashiers, t.minMeals());
        List<Finding> out = new ArrayList<>();
        for (Share s : cashiers) {
            if (s.n < t.minMeals()) {
                continue;
            }
            // against the district's cashiers, or the canteen's other cashiers when they manually identify more
            long[] total = canteens.get(s.canteenId);
            long otherN = total[1] - s.n;
            double others = otherN >= t.minMeals() ? (double) (total[0] - s.k) / otherN : 0;
            double reference = Math.max(medians.getOrDefault(s.district, 0.0), others);
            double threshold = threshold(t, reference, s.n);
            if (s.share() >= threshold) {
                out.add(new Finding(AnomalyRule.MANUAL_SHARE_CASHIER, s.canteenId, s.cashier, null, s.district,
                        s.subdistrict, s.share(), threshold, s.k,
                        "收银员 %s 人工核验 %d 份，占其补贴餐 %d 份的 %s（参照 %s，阈值 %s）".formatted(s.cashier, s.k,
                                s.n, pct(s.share()), pct(reference), pct(threshold))));
            }
        }
        return out;
    }

    // ---- offline claims while the terminal was online ----

    /**
     * Keeps the offline claims of these days made in a minute the central was answering their terminal
     * (terminal_contact is pruned after the offline max-age; what is noted here stays).
     */
    public int noteOfflineWhileOnline(LocalDate from, LocalDate to) {
        return em.createNativeQuery("""
                        insert into anomaly_offline_online (entry_id, canteen_id, terminal_id, occurred_at, meal_date, noted_at)
                        select e.entry_id, e.canteen_id, e.terminal_id, e.occurred_at, e.meal_date, :now
                        from meal_entry e
                        where e.meal_date between :from and :to and e.offline_outcome is not null
                          and e.reverses_entry_id is null
                          and exists (select 1 from terminal_contact t where t.terminal_id = e.terminal_id
                                      and t.minute = date_trunc('minute', e.occurred_at))
                        on conflict (entry_id) do nothing""")
                .setParameter("from", from).setParameter("to", to)
                .setParameter("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
    }

    List<Finding> offlineWhileOnline(YearMonth month) {
        Query q = em.createNativeQuery("""
                with claims as (
                    select a.canteen_id, 1 as claim, 0 as attempt from anomaly_offline_online a
                    where a.meal_date between :from and :to
                      and not exists (select 1 from meal_entry v where v.reverses_entry_id = a.entry_id)
                    union all
                    select r.canteen_id, 0, 1 from offline_rejection r
                    where r.meal_date between :from and :to and r.reason_code = 'TERMINAL_WAS_ONLINE')
                select c.id, c.district, c.subdistrict, sum(x.claim), sum(x.attempt)
                from claims x join canteen c on c.id = x.canteen_id
                group by c.id, c.district, c.subdistrict""");
        bind(q, month);
        int min = config.offlineWhileOnline().minClaims();
        List<Finding> out = new ArrayList<>();
        for (Object[] r : rows(q)) {
            long claims = longValue(r[3]);
            long attempts = longValue(r[4]);
            if (claims + attempts >= min) {
                out.add(new Finding(AnomalyRule.OFFLINE_WHILE_ONLINE, longValue(r[0]), null, null, (String) r[1],
                        (String) r[2], claims + attempts, min, claims,
                        "终端在线（中心正在应答）的同一分钟内声称离线：入账 %d 笔，被拒 %d 笔（阈值 %d 笔）"
                                .formatted(claims, attempts, min)));
            }
        }
        return out;
    }

    // ---- seniors ----

    List<Finding> manyCanteens(YearMonth month) {
        int min = config.manyCanteens().minCanteens();
        Query q = em.createNativeQuery("with " + NET + """
                , weeks as (select senior_id, week_monday, count(distinct canteen_id) canteens, count(*) meals
                            from net group by senior_id, week_monday)
                select w.senior_id, s.district, s.subdistrict, max(w.canteens), sum(w.meals),
                       (array_agg(w.week_monday order by w.canteens desc, w.week_monday))[1]
                from weeks w join senior s on s.id = w.senior_id
                where w.canteens >= :min
                group by w.senior_id, s.district, s.subdistrict""");
        bind(q, month);
        q.setParameter("min", min);
        List<Finding> out = new ArrayList<>();
        for (Object[] r : rows(q)) {
            long canteens = longValue(r[3]);
            out.add(new Finding(AnomalyRule.MANY_CANTEENS, null, null, longValue(r[0]), (String) r[1], (String) r[2],
                    canteens, min, longValue(r[4]), "一周内（%s 起）在 %d 家不同食堂享受补贴（阈值 %d 家）"
                    .formatted(r[5], canteens, min)));
        }
        return out;
    }

    List<Finding> ineligibleSenior(YearMonth month) {
        int min = config.ineligibleSenior().minCount();
        Query q = em.createNativeQuery("with " + NET + """
                , tries as (select canteen_id, senior_id, meal_date, 1 as meal, 0 as attempt from net
                            union all
                            select canteen_id, senior_id, meal_date, 0, 1 from offline_rejection
                            where meal_date between :from and :to and senior_id is not null)
                select c.id, c.district, c.subdistrict, sum(x.meal), sum(x.attempt), count(distinct x.senior_id)
                from tries x join canteen c on c.id = x.canteen_id
                where %s
                group by c.id, c.district, c.subdistrict""".formatted(ineligible("x.senior_id", "x.meal_date")));
        bind(q, month);
        List<Finding> out = new ArrayList<>();
        for (Object[] r : rows(q)) {
            long meals = longValue(r[3]);
            long attempts = longValue(r[4]);
            if (meals + attempts >= min) {
                out.add(new Finding(AnomalyRule.INELIGIBLE_SENIOR, longValue(r[0]), null, null, (String) r[1],
                        (String) r[2], meals + attempts, min, meals,
                        "%d 位老人在已故、入住机构/集中供养或未获批准的日子里：入账就餐 %d 份，被拒尝试 %d 笔（阈值 %d）"
                                .formatted(longValue(r[5]), meals, attempts, min)));
            }
        }
        return out;
    }

    // ---- the till ----

    List<Finding> subsidisedShare(YearMonth month) {
        AnomalyConfig.SubsidisedShare t = config.subsidisedShare();
        Query q = em.createNativeQuery("with " + NET + """
                , ledger as (select e.canteen_id, count(*) meals,
                                    count(*) filter (where not exists (select 1 from till_sale s where s.sale_id = e.entry_id)) unsold
                             from net e group by e.canteen_id),
                  till as (select s.canteen_id, count(*) sold from till_sale s
                           where s.meal_date between :from and :to
                             and not exists (select 1 from till_void v where v.sale_id = s.sale_id)
                           group by s.canteen_id)
                select c.id, c.district, c.subdistrict, l.meals, l.unsold, t.sold
                from ledger l join till t on t.canteen_id = l.canteen_id join canteen c on c.id = l.canteen_id""");
        bind(q, month);
        List<Finding> out = new ArrayList<>();
        for (Object[] r : rows(q)) {
            long meals = longValue(r[3]);
            long unsold = longValue(r[4]);
            long sold = longValue(r[5]);
            double share = (double) meals / (sold + unsold);
            double unsoldShare = (double) unsold / meals;
            if (unsold >= t.minUnsold() && unsoldShare >= t.minUnsoldShare()) {
                out.add(new Finding(AnomalyRule.SUBSIDISED_SHARE, longValue(r[0]), null, null, (String) r[1],
                        (String) r[2], share, t.minUnsoldShare(), unsold,
                        "补贴餐 %d 份占全部售出餐的 %s；其中 %d 份（%s）收银机没有售出记录（阈值 %d 份且 %s）".formatted(meals,
                                pct(share), unsold, pct(unsoldShare), t.minUnsold(), pct(t.minUnsoldShare()))));
            }
        }
        return out;
    }

    // ---- day totals ----

    /** Net subsidised meals per canteen and day (days with meals), in date order. */
    private record CanteenDays(long canteenId, String district, String subdistrict, List<LocalDate> days,
                               List<Long> totals) {
    }

    private Map<Long, CanteenDays> dayTotals(LocalDate from, LocalDate to) {
        Query q = em.createNativeQuery("""
                with net as (select e.canteen_id, e.meal_date from meal_entry e
                             where e.meal_date between :from and :to and e.reverses_entry_id is null and e.subsidised
                               and not exists (select 1 from meal_entry v where v.reverses_entry_id = e.entry_id))
                select c.id, c.district, c.subdistrict, n.meal_date, count(*)
                from net n join canteen c on c.id = n.canteen_id
                group by c.id, c.district, c.subdistrict, n.meal_date
                order by c.id, n.meal_date""");
        q.setParameter("from", from).setParameter("to", to);
        Map<Long, CanteenDays> out = new java.util.LinkedHashMap<>();
        for (Object[] r : rows(q)) {
            CanteenDays c = out.computeIfAbsent(longValue(r[0]),
                    id -> new CanteenDays(id, (String) r[1], (String) r[2], new ArrayList<>(), new ArrayList<>()));
            c.days.add(cn.laorenjia.settlement.persistence.Rows.localDate(r[3]));
            c.totals.add(longValue(r[4]));
        }
        return out;
    }

    List<Finding> roundTotals(YearMonth month) {
        AnomalyConfig.RoundTotals t = config.roundTotals();
        double chance = 1.0 / t.modulus();
        List<Finding> out = new ArrayList<>();
        for (CanteenDays c : dayTotals(month.atDay(1), month.atEndOfMonth()).values()) {
            int days = c.totals.size();
            if (days < t.minDays()) {
                continue;
            }
            long round = c.totals.stream().filter(x -> x % t.modulus() == 0).count();
            double share = (double) round / days;
            double z = (round - days * chance) / Math.sqrt(days * chance * (1 - chance));
            if (share >= t.minShare() && z >= t.minZ()) {
                out.add(new Finding(AnomalyRule.ROUND_TOTALS, c.canteenId, null, null, c.district, c.subdistrict, share,
                        t.minShare(), c.totals.stream().mapToLong(Long::longValue).sum(),
                        "%d 个营业日中有 %d 天补贴餐合计是 %d 的倍数（%s；随机约 %s，阈值 %s）".formatted(days, round,
                                t.modulus(), pct(share), pct(chance), pct(t.minShare()))));
            }
        }
        return out;
    }

    List<Finding> identicalTotals(YearMonth month) {
        AnomalyConfig.IdenticalTotals t = config.identicalTotals();
        List<Finding> out = new ArrayList<>();
        for (CanteenDays c : dayTotals(month.atDay(1), month.atEndOfMonth()).values()) {
            int days = c.totals.size();
            if (days < t.minDays()) {
                continue;
            }
            Map<Long, Integer> freq = new HashMap<>();
            c.totals.forEach(x -> freq.merge(x, 1, Integer::sum));
            long mode = 0;
            int repeat = 0;
            for (var e : freq.entrySet()) {
                if (e.getValue() > repeat || (e.getValue() == repeat && e.getKey() > mode)) {
                    mode = e.getKey();
                    repeat = e.getValue();
                }
            }
            // how often the likeliest total would come up by chance: a normal spread with the other days' deviation
            final long m = mode;
            double[] rest = c.totals.stream().filter(x -> x != m).mapToDouble(Long::doubleValue).toArray();
            // at least half a Poisson spread: with every day the same total, the others cannot say how it varies
            double mean = c.totals.stream().mapToLong(Long::longValue).average().orElse(0);
            double sd = Math.max(sd(rest), 0.5 * Math.sqrt(mean));
            double chance = Math.min(0.999, 1 / (Math.sqrt(2 * Math.PI) * Math.max(sd, 0.5)));
            double z = (repeat - days * chance) / Math.sqrt(days * chance * (1 - chance));
            double share = (double) repeat / days;
            if (repeat >= t.minRepeat() && share >= t.minShare() && z >= t.minZ()) {
                out.add(new Finding(AnomalyRule.IDENTICAL_TOTALS, c.canteenId, null, null, c.district, c.subdistrict,
                        share, t.minShare(), c.totals.stream().mapToLong(Long::longValue).sum(),
                        "%d 个营业日中有 %d 天补贴餐合计同为 %d 份（%s；按其他日子的波动随机约 %s）".formatted(days, repeat,
                                mode, pct(share), pct(chance))));
            }
        }
        return out;
    }

    List<Finding> suddenGrowth(YearMonth month) {
        AnomalyConfig.SuddenGrowth t = config.suddenGrowth();
        LocalDate lateFrom = month.atDay(Math.min(t.lateFromDay(), month.lengthOfMonth()));
        record Growth(CanteenDays c, double early, long earlyDays, long lateTotal, long lateDays, double ratio) {
        }
        List<Growth> growths = new ArrayList<>();
        for (CanteenDays c : dayTotals(month.atDay(1).minusDays(t.historyDays()), month.atEndOfMonth()).values()) {
            long earlyTotal = 0, earlyDays = 0, lateTotal = 0, lateDays = 0;
            for (int i = 0; i < c.days.size(); i++) {
                if (c.days.get(i).isBefore(lateFrom)) {
                    earlyTotal += c.totals.get(i);
                    earlyDays++;
                } else {
                    lateTotal += c.totals.get(i);
                    lateDays++;
                }
            }
            if (earlyDays < t.minHistoryDays() || lateDays == 0) {
                continue;
            }
            double early = (double) earlyTotal / earlyDays;
            if (early < t.minMeanPerDay()) {
                continue;
            }
            growths.add(new Growth(c, early, earlyDays, lateTotal, lateDays, (lateTotal / (double) lateDays) / early));
        }
        Map<String, List<Double>> byDistrict = new HashMap<>();
        growths.forEach(g -> byDistrict.computeIfAbsent(g.c.district, x -> new ArrayList<>()).add(g.ratio));
        List<Finding> out = new ArrayList<>();
        for (Growth g : growths) {
            // the district's own trend (a new intake, a holiday) is not the canteen's growth
            double trend = Math.max(1.0, median(byDistrict.get(g.c.district)));
            double threshold = Math.max(t.minRatio(), t.ratioToMedian() * trend);
            double expected = g.early * trend * g.lateDays;
            double z = (g.lateTotal - expected) / Math.sqrt(expected);
            if (g.ratio >= threshold && z >= t.minZ()) {
                out.add(new Finding(AnomalyRule.SUDDEN_GROWTH, g.c.canteenId, null, null, g.c.district,
                        g.c.subdistrict, g.ratio, threshold, g.lateTotal,
                        "%s 起日均 %.1f 份，此前 %d 个营业日日均 %.1f 份，为 %.2f 倍（本区中位 %.2f 倍，阈值 %.2f 倍）"
                                .formatted(lateFrom, g.lateTotal / (double) g.lateDays, g.earlyDays, g.early, g.ratio,
                                        trend, threshold)));
            }
        }
        return out;
    }

    // ---- helpers ----

    private static double sd(double[] xs) {
        if (xs.length < 2) {
            return 0;
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static void bind(Query q, YearMonth month) {
        q.setParameter("from", month.atDay(1)).setParameter("to", month.atEndOfMonth());
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query q) {
        return q.getResultList();
    }

    static Long id(Object value) {
        return longOrNull(value);
    }
}
