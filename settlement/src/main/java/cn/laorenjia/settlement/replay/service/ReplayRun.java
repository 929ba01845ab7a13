package cn.laorenjia.settlement.replay.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.offline.CentralContact;
import cn.laorenjia.core.offline.OfflineClaim;
import cn.laorenjia.core.offline.OfflineClaims;
import cn.laorenjia.core.offline.OfflineOutcome;
import cn.laorenjia.core.offline.OfflineVerdict;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.subsidy.MealDecider;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.settlement.ledger.service.MealDecisions;
import cn.laorenjia.settlement.register.entity.SeniorFact;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One replay over one read-only connection: reads the register's facts, streams the period's counter traffic sorted
 * by senior and by the moment the central decided each attempt, decides every attempt again under the proposed
 * version with the core's decision and the senior's running day and week counters, and adds up both sides.
 * Not thread-safe; one instance per replay. The rules it follows are in settlement/REPLAY.md.
 */
final class ReplayRun {

    /** What an attempt was at the counter (column {@code kind} of {@link #TRAFFIC}). */
    static final int LEDGER_LIVE = 0;
    static final int LEDGER_OFFLINE_CONFIRMED = 1;
    static final int LEDGER_OFFLINE_CONFLICT = 2;
    /** A senior identified at the till, sold at full price while the central was answering: refused at the time. */
    static final int TILL_LIVE = 3;
    /** Sold offline at full price: the counter's copy refused the subsidy. */
    static final int TILL_OFFLINE = 4;
    /** Subsidised offline by the counter and never taken by the central (rejected, or not synced): never paid. */
    static final int UNPAID_CLAIM = 5;

    /**
     * Every identified attempt of the period (and of the days of its first week before it, whose meals count towards
     * that week's cap), one row each: the ledger's sales (with their void), the till's sales the ledger does not hold,
     * and the offline rejections the till does not hold. Sorted by senior, then by when the central decided: a live
     * attempt when it happened, an offline one when it was synced (its ledger row's or till row's arrival), then by
     * the ledger's arrival order.
     */
    static final String TRAFFIC = """
            select a.senior_id, a.kind, a.decided_ms, a.occurred_ms, a.meal_day, a.canteen_id, a.slot,
                   a.price, a.std, a.subsidised, a.discount, a.op, a.rule_version, a.void_ms
            from (
              select e.senior_id,
                     (case when e.offline_outcome is null then 0 when e.offline_outcome = 'CONFLICT' then 2 else 1 end)::int2 kind,
                     (extract(epoch from case when e.offline_outcome is null then e.occurred_at else e.recorded_at end)
                         * 1000)::int8 decided_ms,
                     e.seq tie, (extract(epoch from e.occurred_at) * 1000)::int8 occurred_ms, (e.meal_date - ?::date)::int2 meal_day,
                     e.canteen_id, (case e.slot when 'BREAKFAST' then 0 when 'LUNCH' then 1 else 2 end)::int2 slot,
                     e.set_price_fen::int4 price, e.standard_price_fen::int4 std, e.subsidised,
                     e.discount_fen::int4 discount, e.operating_subsidy_fen::int4 op, e.rule_version,
                     (extract(epoch from v.occurred_at) * 1000)::int8 void_ms
              from meal_entry e
              join canteen c on c.id = e.canteen_id and c.jurisdiction = any(?)
              -- the voids are few: hashed, while the sales are read in one sequential pass (never in id order)
              left join (select reverses_entry_id, occurred_at from meal_entry
                         where reverses_entry_id is not null and meal_date between ? and ?) v
                        on v.reverses_entry_id = e.entry_id
              where e.entry_type = 'SALE' and e.meal_date between ? and ?
              union all
              -- A till sale whose ledger entry was there at upload is CONFIRMED: it is the entry above. NONE (full price)
              -- never gets one later (an unsubsidised sale is recorded nowhere), though a generated register keeps its
              -- refused sales in the ledger unsubsidised; an UNCONFIRMED (offline) one may have been synced since.
              select t.senior_id,
                     (case when t.subsidised or r.sale_id is not null then 5 when t.offline then 4 else 3 end)::int2,
                     (extract(epoch from case when t.offline then t.recorded_at else t.occurred_at end) * 1000)::int8,
                     0, (extract(epoch from t.occurred_at) * 1000)::int8, (t.meal_date - ?::date)::int2, t.canteen_id,
                     (case s.slot when 'BREAKFAST' then 0 when 'LUNCH' then 1 else 2 end)::int2, t.price_fen::int4,
                     coalesce((select l.standard_price_fen from meal_entry l
                               where l.canteen_id = t.canteen_id and l.meal_date = t.meal_date limit 1),
                              c.standard_set_price_fen)::int4,
                     false, 0, 0, null, (extract(epoch from tv.occurred_at) * 1000)::int8
              from till_sale t
              join canteen c on c.id = t.canteen_id and c.jurisdiction = any(?)
              join meal_set s on s.id = t.meal_set_id
              left join till_void tv on tv.sale_id = t.sale_id
              left join offline_rejection r on r.sale_id = t.sale_id
              where t.senior_id is not null and t.meal_date between ? and ? and t.ledger_at_upload <> 'CONFIRMED'
                and not exists (select 1 from meal_entry x where x.entry_id = t.sale_id and not x.subsidised)
                and not (t.ledger_at_upload = 'UNCONFIRMED'
                         and exists (select 1 from meal_entry x where x.entry_id = t.sale_id))
              union all
              select r.senior_id, 5::int2, (extract(epoch from r.recorded_at) * 1000)::int8, 0,
                     (extract(epoch from r.occurred_at) * 1000)::int8, (r.meal_date - ?::date)::int2, r.canteen_id, 1::int2,
                     r.set_price_fen::int4, 0, false, 0, 0, null, null
              from offline_rejection r
              join canteen c on c.id = r.canteen_id and c.jurisdiction = any(?)
              where r.senior_id is not null and r.meal_date between ? and ?
                and not exists (select 1 from meal_entry x where x.entry_id = r.sale_id)
                and not exists (select 1 from till_sale x where x.sale_id = r.sale_id)
            ) a
            order by a.senior_id, a.decided_ms, a.tie""";

    /**
     * The register's dated facts in one query. All seniors rather than those with traffic: deciding who had traffic
     * would cost a pass over the period's rows, reading a district's register costs less; each senior's facts are
     * checked and assembled only when the traffic reaches them.
     */
    static final String FACTS = """
            select s.id, s.id_number, f.kind, f.value, f.valid_from, f.valid_to
            from senior s left join senior_fact f on f.senior_id = s.id and f.corrected_at is null
            order by s.id, f.valid_from, f.id""";

    private static final EligibilityRoute[] ROUTES = EligibilityRoute.values();
    /** The traffic query's slot codes 0, 1, 2. */
    private static final MealSlot[] SLOTS = {MealSlot.BREAKFAST, MealSlot.LUNCH, MealSlot.DINNER};
    private static final Money[] FEN_CACHE = new Money[4096];

    private final PolicyVersion proposed;
    private final Map<String, PolicyVersion> versionsById;
    private final ReplayPeriod period;
    private final LocalDate warmStart;
    private final int fromIndex;
    private final LocalDate[] dates;
    private final int fetchSize;

    // canteens: index by id
    private final Map<Long, Integer> canteenIndex = new HashMap<>();
    private int[] canteenById = new int[0];
    private List<String> jurisdictions = List.of();
    private final List<CanteenRow> canteens = new ArrayList<>();
    /** Each senior's ID number and facts as read; assembled into {@link SeniorFacts} when the traffic reaches them. */
    private final Map<Long, RegisteredSenior> facts = new HashMap<>();

    record RegisteredSenior(String idNumber, List<Fact> facts) {
    }

    // figures per canteen: [0] proposed, [1] actual
    private long[][] meals;
    private long[][] discounts;
    private long[][] operating;
    private long[][] reached;
    private long[] attempts;
    // per route: [side][route]
    private final long[][] routeMeals = new long[2][ROUTES.length];
    private final long[][] routeDiscounts = new long[2][ROUTES.length];
    private final long[][] routeOperating = new long[2][ROUTES.length];
    private final long[][] routeReached = new long[2][ROUTES.length];
    private final long[] totalReached = new long[2];
    private long newlyReached;
    private long noLongerReached;
    private long attemptsReplayed;

    // the senior being replayed
    private final int[] dayUsed;
    private final int[] weekUsed;
    private final int[] touchedDays;
    private int touchedDayCount;
    private final int[] touchedWeeks;
    /** Which senior (by {@link #seniorSerial}) last touched a day's or week's counter: each is reset once. */
    private final int[] dayMark;
    private final int[] weekMark;
    private int touchedWeekCount;
    private long[] voidAt = new long[8];
    private int[] voidDay = new int[8];
    private int pendingVoids;
    /** Net subsidised meals per canteen index of the current senior, per side; and the canteens touched. */
    private int[][] seniorCanteenMeals;
    private int[] seniorCanteens = new int[16];
    private int seniorCanteenCount;
    private final int[] seniorRouteMask = new int[2];
    private SeniorFacts senior;
    /** Counts the seniors replayed: marks an area as already counting the current senior. */
    private int seniorSerial;
    private int[] canteenSubdistrict;
    private int[] canteenDistrict;
    private long[][] subdistrictReached;
    private long[][] districtReached;
    private int[][] subdistrictMark;
    private int[][] districtMark;
    private final EligibilityCache proposedEligibility = new EligibilityCache();
    private final EligibilityCache actualEligibility = new EligibilityCache();

    record CanteenRow(long id, String code, String name, String district, String subdistrict) {
    }

    ReplayRun(PolicyVersion proposedAsDrafted, Map<String, PolicyVersion> versionsById, ReplayPeriod period, int fetchSize) {
        this.proposed = proposedAsDrafted.appliedOver(period.from(), period.endExclusive());
        this.versionsById = versionsById;
        this.period = period;
        this.fetchSize = fetchSize;
        // the period's first week began on its Monday: the meals had before the period count towards that week's cap
        this.warmStart = ChinaCalendar.weekOf(period.from()).monday();
        this.fromIndex = (int) ChronoUnit.DAYS.between(warmStart, period.from());
        int days = (int) ChronoUnit.DAYS.between(warmStart, period.to()) + 1;
        this.dates = new LocalDate[days];
        for (int i = 0; i < days; i++) {
            dates[i] = warmStart.plusDays(i);
        }
        this.dayUsed = new int[days];
        this.weekUsed = new int[days / 7 + 1];
        this.touchedDays = new int[days];
        this.touchedWeeks = new int[days / 7 + 1];
        this.dayMark = new int[days];
        this.weekMark = new int[days / 7 + 1];
        Arrays.fill(dayMark, -1);
        Arrays.fill(weekMark, -1);
    }

    PolicyVersion proposed() {
        return proposed;
    }

    /** Reads the canteens of the jurisdictions the proposed version would decide for. */
    void readCanteens(Connection c, List<String> jurisdictions) throws SQLException {
        this.jurisdictions = List.copyOf(jurisdictions);
        try (PreparedStatement st = c.prepareStatement(
                "select id, code, name, district, subdistrict from canteen where jurisdiction = any(?) order by id")) {
            st.setArray(1, c.createArrayOf("text", jurisdictions.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    canteenIndex.put(rs.getLong(1), canteens.size());
                    canteens.add(new CanteenRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        int n = canteens.size();
        long maxId = canteens.stream().mapToLong(CanteenRow::id).max().orElse(0);
        canteenById = new int[(int) Math.min(maxId + 1, 1_000_000)];
        Arrays.fill(canteenById, -1);
        for (int k = 0; k < n; k++) {
            if (canteens.get(k).id() < canteenById.length) {
                canteenById[(int) canteens.get(k).id()] = k;
            }
        }
        canteenSubdistrict = new int[n];
        canteenDistrict = new int[n];
        Map<String, Integer> subs = new HashMap<>();
        Map<String, Integer> districts = new HashMap<>();
        for (int k = 0; k < n; k++) {
            CanteenRow row = canteens.get(k);
            canteenSubdistrict[k] = subs.computeIfAbsent(row.district() + "\u0000" + row.subdistrict(), x -> subs.size());
            canteenDistrict[k] = districts.computeIfAbsent(row.district(), x -> districts.size());
        }
        subdistrictReached = new long[2][subs.size()];
        districtReached = new long[2][districts.size()];
        subdistrictMark = new int[2][subs.size()];
        districtMark = new int[2][districts.size()];
        for (int side = 0; side < 2; side++) {
            Arrays.fill(subdistrictMark[side], -1);
            Arrays.fill(districtMark[side], -1);
        }
        meals = new long[2][n];
        discounts = new long[2][n];
        operating = new long[2][n];
        reached = new long[2][n];
        attempts = new long[n];
        seniorCanteenMeals = new int[2][n];
    }

    boolean hasCanteens() {
        return !canteens.isEmpty();
    }

    /** The dated facts of every senior with traffic in the period, in one query. */
    void readFacts(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(FACTS)) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery()) {
                long current = -1;
                String idNumber = null;
                List<Fact> list = new ArrayList<>();
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id != current) {
                        if (current != -1) {
                            facts.put(current, new RegisteredSenior(idNumber, list));
                        }
                        current = id;
                        idNumber = rs.getString(2);
                        list = new ArrayList<>(6);
                    }
                    String kind = rs.getString(3);
                    if (kind != null) {
                        list.add(SeniorFact.fact(FactKind.valueOf(kind), rs.getString(4), rs.getObject(5, LocalDate.class),
                                rs.getObject(6, LocalDate.class)));
                    }
                }
                if (current != -1) {
                    facts.put(current, new RegisteredSenior(idNumber, list));
                }
            }
        }
    }

    /** Canteen ids are a dense sequence: an array lookup per row rather than a boxed map lookup. */
    private int canteenIndex(long id) {
        if (id >= 0 && id < canteenById.length) {
            int k = canteenById[(int) id];
            if (k >= 0) {
                return k;
            }
        }
        return canteenIndex.get(id);
    }

    /** Streams the traffic through a server-side cursor and replays it senior by senior. */
    void replayTraffic(Connection c) throws SQLException {
        Array jurisdictionList = c.createArrayOf("text", jurisdictions.toArray());
        try (PreparedStatement st = c.prepareStatement(TRAFFIC)) {
            st.setFetchSize(fetchSize);
            int p = 1;
            // ledger: day origin, jurisdictions, the voids' dates, the sales' dates
            st.setObject(p++, warmStart);
            st.setArray(p++, jurisdictionList);
            for (int i = 0; i < 2; i++) {
                st.setObject(p++, warmStart);
                st.setObject(p++, period.to());
            }
            // till, then offline rejections: day origin, jurisdictions, dates
            for (int i = 0; i < 2; i++) {
                st.setObject(p++, warmStart);
                st.setArray(p++, jurisdictionList);
                st.setObject(p++, warmStart);
                st.setObject(p++, period.to());
            }
            try (ResultSet rs = st.executeQuery()) {
                replayInBatches(rs);
            }
        }
    }

    /**
     * Two threads on the machine's two cores: this one takes the rows off the driver into primitive batches, the
     * replay thread decides them in the same order (the database sits idle while its sorted rows stream out).
     */
    private void replayInBatches(ResultSet rs) throws SQLException {
        BlockingQueue<Batch> full = new ArrayBlockingQueue<>(4);
        BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(6);
        for (int i = 0; i < 6; i++) {
            empty.add(new Batch());
        }
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread replayer = new Thread(() -> {
            try {
                long current = Long.MIN_VALUE;
                while (true) {
                    Batch b = full.take();
                    if (b.size < 0) {
                        break;
                    }
                    for (int i = 0; i < b.size; i++) {
                        if (b.senior[i] != current) {
                            if (current != Long.MIN_VALUE) {
                                endSenior();
                            }
                            current = b.senior[i];
                            startSenior(current);
                        }
                        attempt(b, i);
                    }
                    empty.put(b);
                }
                if (current != Long.MIN_VALUE) {
                    endSenior();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failed.set(e);
                empty.clear();
                empty.add(new Batch());
            }
        }, "policy-replay");
        replayer.start();
        try {
            boolean more = true;
            while (more && failed.get() == null) {
                Batch b = empty.take();
                b.size = 0;
                while (b.size < Batch.SIZE && (more = rs.next())) {
                    b.read(rs);
                }
                full.put(b);
            }
            Batch end = new Batch();
            end.size = -1;
            full.put(end);
            replayer.join();
        } catch (InterruptedException e) {
            replayer.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("policy replay interrupted", e);
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    /** Rows of the traffic query, column by column. */
    static final class Batch {
        static final int SIZE = 8192;
        int size;
        final long[] senior = new long[SIZE];
        final int[] kind = new int[SIZE];
        final long[] decidedMs = new long[SIZE];
        final long[] occurredMs = new long[SIZE];
        final int[] day = new int[SIZE];
        final long[] canteen = new long[SIZE];
        final int[] slot = new int[SIZE];
        final long[] price = new long[SIZE];
        final long[] standard = new long[SIZE];
        final boolean[] subsidised = new boolean[SIZE];
        final long[] discount = new long[SIZE];
        final long[] operating = new long[SIZE];
        final String[] ruleVersion = new String[SIZE];
        final long[] voidMs = new long[SIZE];
        final boolean[] voided = new boolean[SIZE];

        void read(ResultSet rs) throws SQLException {
            int i = size++;
            senior[i] = rs.getLong(1);
            kind[i] = rs.getInt(2);
            decidedMs[i] = rs.getLong(3);
            occurredMs[i] = rs.getLong(4);
            day[i] = rs.getInt(5);
            canteen[i] = rs.getLong(6);
            slot[i] = rs.getInt(7);
            price[i] = rs.getLong(8);
            standard[i] = rs.getLong(9);
            subsidised[i] = rs.getBoolean(10);
            discount[i] = rs.getLong(11);
            operating[i] = rs.getLong(12);
            // only a paid ledger sale needs its version (for its routes)
            ruleVersion[i] = subsidised[i] ? rs.getString(13) : null;
            voidMs[i] = rs.getLong(14);
            voided[i] = !rs.wasNull();
        }
    }

    private void startSenior(long seniorId) {
        RegisteredSenior registered = facts.remove(seniorId);
        if (registered == null) {
            throw new IllegalStateException("senior " + seniorId + " has traffic but was not read with the facts");
        }
        try {
            senior = SeniorFacts.of(IdNumber.parse(registered.idNumber()), registered.facts());
        } catch (IllegalArgumentException e) {
            // contradictory facts (or a malformed ID number): the live sale cannot decide for this senior either, so
            // the ledger holds nothing of theirs; no version can subsidise them here
            senior = null;
            return;
        }
        proposedEligibility.reset(senior);
        actualEligibility.reset(senior);
    }

    private void attempt(Batch b, int i) {
        int kind = b.kind[i];
        long decidedMs = b.decidedMs[i];
        long occurredMs = b.occurredMs[i];
        int day = b.day[i];
        int canteen = canteenIndex(b.canteen[i]);
        long voidMs = b.voidMs[i];
        boolean voided = b.voided[i];
        giveBackVoidsUpTo(decidedMs);
        int week = day / 7;
        if (day < fromIndex) {
            // before the period, in its first week: the quota the ledger took, as it took it
            if (b.subsidised[i] && (kind == LEDGER_LIVE || kind == LEDGER_OFFLINE_CONFIRMED)) {
                take(day, week, voided, voidMs);
            }
            return;
        }
        attemptsReplayed++;
        attempts[canteen]++;
        LocalDate date = dates[day];
        boolean actualPaid = kind <= LEDGER_OFFLINE_CONFLICT && b.subsidised[i] && !voided;
        if (actualPaid) {
            String ruleVersion = b.ruleVersion[i];
            PolicyVersion actualVersion = senior == null ? null : versionsById.get(ruleVersion);
            int routes = actualVersion == null ? 0 : actualEligibility.on(actualVersion, day, date).routeMask;
            count(1, canteen, routes, b.discount[i], b.operating[i]);
        }
        if (kind == UNPAID_CLAIM || senior == null) {
            return;
        }
        MealSlot slot = SLOTS[b.slot[i]];
        Money price = fen(b.price[i]);
        Money standard = fen(b.standard[i]);
        Assessed assessed = proposedEligibility.on(proposed, day, date);
        MealDecision decision = MealDecider.decide(proposed, assessed.on(date),
                MealDecisions.request(Instant.ofEpochMilli(occurredMs), slot, price, standard, dayUsed[day],
                        weekUsed[week]));
        if (decision.subsidised()) {
            take(day, week, voided, voidMs);
            if (!voided) {
                count(0, canteen, assessed.routeMask, decision.discount().fen(), decision.operatingSubsidy().fen());
            }
            return;
        }
        if (kind != LEDGER_OFFLINE_CONFIRMED && kind != LEDGER_OFFLINE_CONFLICT) {
            return;
        }
        // granted by the counter offline and refused now: the core's offline rule says who bears it (the per-terminal
        // allowances and the contact window are not the policy's and are not replayed)
        OfflineVerdict verdict = OfflineClaims.classify(new OfflineClaim(decision, Optional.of(proposed), price, 0,
                Integer.MAX_VALUE, 0, Integer.MAX_VALUE,
                CentralContact.none(Instant.ofEpochMilli(occurredMs), Duration.ZERO)));
        // a copy made under the proposed rules would already have refused a senior they exclude: a conflict over the
        // senior is kept only where the ledger had one (the senior's facts changed after the copy was made)
        if (verdict.outcome() == OfflineOutcome.CONFLICT && (kind == LEDGER_OFFLINE_CONFLICT || quotaOnly(decision))
                && !voided) {
            count(0, canteen, assessed.routeMask, verdict.discountReimbursed().fen(), verdict.operatingSubsidy().fen());
        }
    }

    private static boolean quotaOnly(MealDecision decision) {
        for (Reason r : decision.reasons()) {
            if (r.code() != ReasonCode.DAILY_QUOTA_EXHAUSTED && r.code() != ReasonCode.WEEKLY_QUOTA_EXHAUSTED) {
                return false;
            }
        }
        return true;
    }

    private void take(int day, int week, boolean voided, long voidMs) {
        if (dayMark[day] != seniorSerial) {
            dayMark[day] = seniorSerial;
            touchedDays[touchedDayCount++] = day;
        }
        if (weekMark[week] != seniorSerial) {
            weekMark[week] = seniorSerial;
            touchedWeeks[touchedWeekCount++] = week;
        }
        dayUsed[day]++;
        weekUsed[week]++;
        if (voided) {
            if (pendingVoids == voidAt.length) {
                voidAt = Arrays.copyOf(voidAt, pendingVoids * 2);
                voidDay = Arrays.copyOf(voidDay, pendingVoids * 2);
            }
            voidAt[pendingVoids] = voidMs;
            voidDay[pendingVoids++] = day;
        }
    }

    /** A void gives its sale's quota back when it happened (the ledger's voidSale does the same). */
    private void giveBackVoidsUpTo(long ms) {
        for (int i = 0; i < pendingVoids; ) {
            if (voidAt[i] <= ms) {
                int day = voidDay[i];
                dayUsed[day]--;
                weekUsed[day / 7]--;
                pendingVoids--;
                voidAt[i] = voidAt[pendingVoids];
                voidDay[i] = voidDay[pendingVoids];
            } else {
                i++;
            }
        }
    }

    /**
     * One paid meal on one side. The actual side counts the ledger's sales that stand (not voided): a void is the same
     * day's entry with the sale's amounts negated, so this is the ledger's own sum over the period.
     */
    private void count(int side, int canteen, int routeMask, long discountFen, long operatingFen) {
        meals[side][canteen]++;
        discounts[side][canteen] += discountFen;
        operating[side][canteen] += operatingFen;
        if (seniorCanteenMeals[0][canteen] == 0 && seniorCanteenMeals[1][canteen] == 0) {
            if (seniorCanteenCount == seniorCanteens.length) {
                seniorCanteens = Arrays.copyOf(seniorCanteens, seniorCanteenCount * 2);
            }
            seniorCanteens[seniorCanteenCount++] = canteen;
        }
        seniorCanteenMeals[side][canteen]++;
        for (int r = 0; r < ROUTES.length; r++) {
            if ((routeMask & (1 << r)) != 0) {
                routeMeals[side][r]++;
                routeDiscounts[side][r] += discountFen;
                routeOperating[side][r] += operatingFen;
            }
        }
        seniorRouteMask[side] |= routeMask;
    }

    private void endSenior() {
        boolean[] any = new boolean[2];
        for (int i = 0; i < seniorCanteenCount; i++) {
            int k = seniorCanteens[i];
            for (int side = 0; side < 2; side++) {
                if (seniorCanteenMeals[side][k] > 0) {
                    reached[side][k]++;
                    any[side] = true;
                    // seniors reached per 街镇 and 区 are distinct seniors, not a sum of the canteens'
                    int sub = canteenSubdistrict[k];
                    if (subdistrictMark[side][sub] != seniorSerial) {
                        subdistrictMark[side][sub] = seniorSerial;
                        subdistrictReached[side][sub]++;
                    }
                    int district = canteenDistrict[k];
                    if (districtMark[side][district] != seniorSerial) {
                        districtMark[side][district] = seniorSerial;
                        districtReached[side][district]++;
                    }
                }
            }
        }
        for (int i = 0; i < seniorCanteenCount; i++) {
            seniorCanteenMeals[0][seniorCanteens[i]] = 0;
            seniorCanteenMeals[1][seniorCanteens[i]] = 0;
        }
        for (int side = 0; side < 2; side++) {
            if (any[side]) {
                totalReached[side]++;
            }
            for (int r = 0; r < ROUTES.length; r++) {
                if ((seniorRouteMask[side] & (1 << r)) != 0) {
                    routeReached[side][r]++;
                }
            }
            seniorRouteMask[side] = 0;
        }
        if (any[0] && !any[1]) {
            newlyReached++;
        } else if (any[1] && !any[0]) {
            noLongerReached++;
        }
        seniorSerial++;
        seniorCanteenCount = 0;
        for (int i = 0; i < touchedDayCount; i++) {
            dayUsed[touchedDays[i]] = 0;
        }
        for (int i = 0; i < touchedWeekCount; i++) {
            weekUsed[touchedWeeks[i]] = 0;
        }
        touchedDayCount = 0;
        touchedWeekCount = 0;
        pendingVoids = 0;
    }

    /** The report's rows, 区 → 街镇 → canteen (canteens with traffic in the period), the routes and the totals. */
    ReplayReport report(boolean onReplica, Instant ranAt, Duration elapsed) {
        Map<String, Map<String, List<Integer>>> tree = new TreeMap<>();
        for (int k = 0; k < canteens.size(); k++) {
            if (attempts[k] == 0 && meals[1][k] == 0 && discounts[1][k] == 0) {
                continue;
            }
            CanteenRow row = canteens.get(k);
            tree.computeIfAbsent(row.district(), x -> new TreeMap<>())
                    .computeIfAbsent(row.subdistrict(), x -> new ArrayList<>()).add(k);
        }
        List<ReplayAreaRow> areas = new ArrayList<>();
        long[][] total = new long[2][3];
        for (Map.Entry<String, Map<String, List<Integer>>> d : tree.entrySet()) {
            long[][] districtSum = new long[2][3];
            List<ReplayAreaRow> below = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> s : d.getValue().entrySet()) {
                long[][] subSum = new long[2][3];
                List<ReplayAreaRow> canteenRows = new ArrayList<>();
                List<Integer> ks = s.getValue();
                ks.sort(Comparator.comparing(k -> canteens.get(k).code()));
                for (int k : ks) {
                    CanteenRow row = canteens.get(k);
                    for (int side = 0; side < 2; side++) {
                        subSum[side][0] += meals[side][k];
                        subSum[side][1] += discounts[side][k];
                        subSum[side][2] += operating[side][k];
                    }
                    canteenRows.add(new ReplayAreaRow(ReplayLevel.CANTEEN, row.code(), row.name(), row.district(),
                            row.subdistrict(), comparison(
                            new long[]{meals[1][k], discounts[1][k], operating[1][k]}, reached[1][k],
                            new long[]{meals[0][k], discounts[0][k], operating[0][k]}, reached[0][k])));
                }
                int sub = canteenSubdistrict[ks.get(0)];
                below.add(new ReplayAreaRow(ReplayLevel.SUBDISTRICT, s.getKey(), s.getKey(), d.getKey(), s.getKey(),
                        comparison(subSum[1], subdistrictReached[1][sub], subSum[0], subdistrictReached[0][sub])));
                below.addAll(canteenRows);
                for (int side = 0; side < 2; side++) {
                    for (int f = 0; f < 3; f++) {
                        districtSum[side][f] += subSum[side][f];
                    }
                }
            }
            int district = canteenDistrict[d.getValue().values().iterator().next().get(0)];
            areas.add(new ReplayAreaRow(ReplayLevel.DISTRICT, d.getKey(), d.getKey(), d.getKey(), null,
                    comparison(districtSum[1], districtReached[1][district], districtSum[0], districtReached[0][district])));
            areas.addAll(below);
            for (int side = 0; side < 2; side++) {
                for (int f = 0; f < 3; f++) {
                    total[side][f] += districtSum[side][f];
                }
            }
        }
        Set<EligibilityRoute> shown = EnumSet.noneOf(EligibilityRoute.class);
        shown.addAll(proposed.routes().keySet());
        List<ReplayRouteRow> routes = new ArrayList<>();
        for (int r = 0; r < ROUTES.length; r++) {
            if (shown.contains(ROUTES[r]) || routeMeals[1][r] != 0) {
                routes.add(new ReplayRouteRow(ROUTES[r], comparison(
                        new long[]{routeMeals[1][r], routeDiscounts[1][r], routeOperating[1][r]}, routeReached[1][r],
                        new long[]{routeMeals[0][r], routeDiscounts[0][r], routeOperating[0][r]}, routeReached[0][r])));
            }
        }
        return new ReplayReport(period, proposed.id(), proposed.titleZh(), attemptsReplayed,
                comparison(total[1], totalReached[1], total[0], totalReached[0]), areas, routes, newlyReached,
                noLongerReached, onReplica, ranAt, elapsed);
    }

    private static ReplayComparison comparison(long[] actual, long actualReached, long[] proposed, long proposedReached) {
        return new ReplayComparison(figures(actual, actualReached), figures(proposed, proposedReached));
    }

    private static ReplayFigures figures(long[] f, long reachedCount) {
        return new ReplayFigures(f[0], Money.ofFen(f[1]), Money.ofFen(f[2]), reachedCount);
    }

    /** Set prices repeat endlessly: the common ones are one object each. */
    private static Money fen(long fen) {
        if (fen >= 0 && fen < FEN_CACHE.length) {
            Money m = FEN_CACHE[(int) fen];
            if (m == null) {
                m = Money.ofFen(fen);
                FEN_CACHE[(int) fen] = m;
            }
            return m;
        }
        return Money.ofFen(fen);
    }

    /** An assessment and the routes it met as bits of {@link EligibilityRoute#ordinal()}. */
    static final class Assessed {
        final Eligibility eligibility;
        final int routeMask;

        Assessed(Eligibility eligibility) {
            this.eligibility = eligibility;
            int mask = 0;
            for (EligibilityRoute r : eligibility.routes()) {
                mask |= 1 << r.ordinal();
            }
            // a route counts only for a meal it could pay: status reasons (death, an institution, enrolment) block it
            this.routeMask = eligibility.isEligible() ? mask : 0;
        }

        private Eligibility dated;

        /** The same assessment dated for another day on which nothing it depends on has changed. */
        Eligibility on(LocalDate date) {
            if (eligibility.date().equals(date)) {
                return eligibility;
            }
            // a senior's attempts come in time order: the last day asked is most often asked again
            if (dated == null || !dated.date().equals(date)) {
                dated = Eligibility.asAssessed(date, eligibility.policyVersionId(), eligibility.age().getAsInt(),
                        eligibility.routes(), eligibility.reasons());
            }
            return dated;
        }
    }

    /**
     * Eligibility of the current senior under one version, assessed again only when the date passes one of the
     * senior's fact boundaries or a birthday: between those, every input of {@link EligibilityRules#assess} is the same.
     */
    final class EligibilityCache {
        private long[] boundaries = new long[0];
        private Assessed assessed;
        private String versionId;
        private long lo;
        private long hi;
        private int age;

        void reset(SeniorFacts s) {
            List<Fact> fs = s.facts();
            long[] b = new long[fs.size() * 2];
            int n = 0;
            for (Fact f : fs) {
                b[n++] = f.period().from().toEpochDay();
                if (f.period().to() != null) {
                    b[n++] = f.period().to().toEpochDay();
                }
            }
            boundaries = Arrays.copyOf(b, n);
            Arrays.sort(boundaries);
            assessed = null;
        }

        Assessed on(PolicyVersion version, int day, LocalDate date) {
            long epochDay = date.toEpochDay();
            if (assessed != null && version.id().equals(versionId) && epochDay >= lo && epochDay < hi
                    && senior.ageOn(date) == age) {
                return assessed;
            }
            assessed = new Assessed(EligibilityRules.assess(senior, date, version));
            versionId = version.id();
            age = assessed.eligibility.age().getAsInt();
            lo = Long.MIN_VALUE;
            hi = Long.MAX_VALUE;
            for (long b : boundaries) {
                if (b <= epochDay) {
                    lo = b;
                } else {
                    hi = b;
                    break;
                }
            }
            return assessed;
        }
    }
}
