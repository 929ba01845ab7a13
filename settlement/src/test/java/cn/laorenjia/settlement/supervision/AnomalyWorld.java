package cn.laorenjia.settlement.supervision;

import cn.laorenjia.settlement.security.TestApi;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A month of a district of its own (监管测试区, so its medians are its own and no other test's meals mix in), written
 * as the service's database role writes the ledger: four honest canteens and one canteen per planted anomaly, each
 * with the honest canteens' day pattern unless the anomaly is about the day totals. Plus, in 宝坻区, one canteen that
 * served a dead senior (for the area-scope tests). Planted once per test JVM (tests share one database).
 */
public final class AnomalyWorld {

    public static final YearMonth MONTH = YearMonth.of(2025, 3);
    static final String DISTRICT = "监管测试区";
    static final String HOME = "甲街道";
    static final String AWAY = "乙街道";

    private static AnomalyWorld planted;

    /** Canteen codes by role: H1..H4 honest, else the rule code planted there; BD_INELIGIBLE in 宝坻区. */
    public final Map<String, String> codes = new HashMap<>();
    /** The ring senior (MANY_CANTEENS) and an honest senior who eats at two canteens a week. */
    public long ringSenior;
    public long twoCanteenSenior;

    private final Connection db;

    private AnomalyWorld(Connection db) {
        this.db = db;
    }

    public static synchronized AnomalyWorld plant(DataSource dataSource) throws SQLException {
        if (planted == null) {
            try (Connection db = dataSource.getConnection()) {
                AnomalyWorld w = new AnomalyWorld(db);
                w.build();
                planted = w;
            }
        }
        return planted;
    }

    /** How the meals of a canteen are made. */
    private enum Kind { HONEST, MANUAL, CASHIER, OFFLINE, OWO, FAR, INELIGIBLE, BURST, SUBSIDISED, ROUND, IDENTICAL, GROWTH }

    private void build() throws SQLException {
        long[][] honest = new long[4][];
        for (int i = 0; i < 4; i++) {
            honest[i] = canteen("H" + (i + 1), DISTRICT, HOME);
            meals(honest[i], i, Kind.HONEST);
        }
        Map<String, long[]> planted = new HashMap<>();
        Object[][] kinds = {{"MANUAL_SHARE_CANTEEN", Kind.MANUAL}, {"MANUAL_SHARE_CASHIER", Kind.CASHIER},
                {"OFFLINE_SHARE", Kind.OFFLINE}, {"OFFLINE_WHILE_ONLINE", Kind.OWO}, {"FAR_FROM_HOME", Kind.FAR},
                {"INELIGIBLE_SENIOR", Kind.INELIGIBLE}, {"CLOSING_BURST", Kind.BURST},
                {"SUBSIDISED_SHARE", Kind.SUBSIDISED}, {"ROUND_TOTALS", Kind.ROUND},
                {"IDENTICAL_TOTALS", Kind.IDENTICAL}, {"SUDDEN_GROWTH", Kind.GROWTH}};
        int shift = 4;
        for (Object[] k : kinds) {
            long[] c = canteen((String) k[0], DISTRICT, HOME);
            planted.put((String) k[0], c);
            meals(c, shift++, (Kind) k[1]);
        }
        // the honest counterpart of SUBSIDISED_SHARE: H1 with every meal sold at the till
        till(honest[0], 0);
        // the ring: one senior's card at three canteens in the week of 2025-03-10; an honest senior at two
        ringSenior = senior(DISTRICT, HOME, null);
        twoCanteenSenior = senior(DISTRICT, HOME, null);
        LocalDate tuesday = LocalDate.of(2025, 3, 11);
        int i = 0;
        for (String code : List.of("MANUAL_SHARE_CANTEEN", "FAR_FROM_HOME", "CLOSING_BURST")) {
            insertMeals(planted.get(code), ringSenior, tuesday.plusDays(i++), LocalTime.of(11, 40), 1, "CARD", null, "1");
        }
        insertMeals(honest[0], twoCanteenSenior, tuesday, LocalTime.of(11, 41), 1, "CARD", null, "1");
        insertMeals(honest[1], twoCanteenSenior, tuesday.plusDays(1), LocalTime.of(11, 41), 1, "CARD", null, "1");
        // 宝坻区: a dead senior served four times, and one refused attempt
        long[] bd = canteen("BD_INELIGIBLE", "宝坻区", "海滨街道");
        long dead = senior("宝坻区", "海滨街道", MONTH.atDay(1));
        insertMeals(bd, dead, MONTH.atDay(5), LocalTime.of(11, 45), 4, "CARD", "CONFLICT", "1");
        rejection(bd, dead, MONTH.atDay(6));
    }

    /** The honest day total of pattern {@code shift} on day d: 8..16, each value about as often. */
    private static int honestTotal(int shift, int day) {
        return 8 + (day * 7 + shift * 3) % 9;
    }

    private void meals(long[] c, int shift, Kind kind) throws SQLException {
        // each canteen its own regulars (and a few from the other 街镇), so no honest senior eats at three canteens
        List<Long> homeSeniors = new ArrayList<>();
        List<Long> awaySeniors = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            homeSeniors.add(senior(DISTRICT, HOME, null));
        }
        for (int i = 0; i < 10; i++) {
            awaySeniors.add(senior(DISTRICT, AWAY, null));
        }
        for (int day = 1; day <= 30; day++) {
            LocalDate date = MONTH.atDay(day);
            int total = honestTotal(shift, day);
            if (kind == Kind.ROUND) {
                total = total <= 10 ? 10 : 20;
            } else if (kind == Kind.IDENTICAL) {
                total = 13;
            } else if (kind == Kind.GROWTH && day >= 15) {
                total *= 2;
            }
            for (int g = 0; g < total; g++) {
                boolean honestExtra = (g + day) % 25 == 0; // the honest few: 4 %
                String by = "CARD";
                String offline = null;
                String cashier = day % 2 == 0 ? "1" : "2";
                LocalTime at = LocalTime.of(11, 0).plusMinutes((g * 7L + day) % 80);
                List<Long> seniors = homeSeniors;
                switch (kind) {
                    case MANUAL -> by = g % 4 == 0 || honestExtra ? "MANUAL" : "CARD";
                    case CASHIER -> {
                        if (day % 3 == 0) {
                            cashier = "3";
                            by = "MANUAL";
                        }
                    }
                    case OFFLINE -> offline = g % 4 == 0 || honestExtra ? "CONFIRMED" : null;
                    case FAR -> seniors = g % 5 < 2 || honestExtra ? awaySeniors : homeSeniors;
                    case BURST -> at = g % 10 < 3 ? LocalTime.of(13, 15).plusSeconds(g) : at;
                    default -> {
                        if (honestExtra) {
                            switch (day % 4) {
                                case 0 -> by = "MANUAL";
                                case 1 -> offline = "CONFIRMED";
                                case 2 -> seniors = awaySeniors;
                                default -> at = LocalTime.of(13, 20);
                            }
                        }
                    }
                }
                long senior = seniors.get((g + day * 3) % seniors.size());
                insertMeals(c, senior, date, at.plusSeconds(g % 50), 1, by, offline, cashier);
            }
        }
        if (kind == Kind.OWO) {
            // five offline claims in minutes the central was answering the terminal
            for (int d = 3; d < 8; d++) {
                LocalTime at = LocalTime.of(12, 5, 10);
                insertMeals(c, homeSeniors.get(d), MONTH.atDay(d), at, 1, "CARD", "CONFIRMED", "1");
                try (PreparedStatement s = db.prepareStatement("""
                        insert into terminal_contact (terminal_id, minute, first_at, last_at)
                        values (?, cast(? as timestamptz), cast(? as timestamptz), cast(? as timestamptz))
                        on conflict do nothing""")) {
                    String day = MONTH.atDay(d).toString();
                    s.setLong(1, c[1]);
                    s.setString(2, day + " 12:05:00+08");
                    s.setString(3, day + " 12:05:01+08");
                    s.setString(4, day + " 12:05:40+08");
                    s.executeUpdate();
                }
            }
        }
        if (kind == Kind.INELIGIBLE) {
            long dead = senior(DISTRICT, HOME, MONTH.atDay(10));
            insertMeals(c, dead, MONTH.atDay(12), LocalTime.of(11, 50), 3, "CARD", "CONFLICT", "1");
            rejection(c, dead, MONTH.atDay(13));
        }
        if (kind == Kind.SUBSIDISED) {
            // the till sold four in five of the subsidised meals: the rest are meals nobody bought
            till(c, 5);
        }
    }

    /** Till records for the canteen's meals of the month (every one, or all but every {@code skipEvery}-th). */
    private void till(long[] c, int skipEvery) throws SQLException {
        String shift;
        try (PreparedStatement s = db.prepareStatement("""
                insert into till_shift (shift_id, canteen_id, terminal_id, cashier_number, opened_at, opened_on,
                                        float_fen, request_hash)
                values (gen_random_uuid(), ?, ?, '1', cast(? as timestamptz), ?, 0, 'test') returning shift_id""")) {
            s.setLong(1, c[0]);
            s.setLong(2, c[1]);
            s.setString(3, MONTH.atDay(1) + " 06:00:00+08");
            s.setObject(4, MONTH.atDay(1));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                shift = r.getString(1);
            }
        }
        try (PreparedStatement s = db.prepareStatement("""
                insert into till_sale (sale_id, shift_id, canteen_id, terminal_id, cashier_number, occurred_at, meal_date,
                                       meal_set_id, price_fen, discount_fen, due_fen, tender, tendered_fen, change_fen,
                                       subsidised, offline, identified_by, senior_id, ledger_at_upload, request_hash)
                select e.entry_id, cast(? as uuid), e.canteen_id, e.terminal_id, coalesce(e.cashier_number, '1'),
                       e.occurred_at, e.meal_date, ?, 1500, 300, 1200, 'WECHAT', 1200, 0, true,
                       e.offline_outcome is not null, e.identified_by, e.senior_id, 'CONFIRMED', 'test'
                from (select e.*, row_number() over (order by e.seq) n from meal_entry e where e.canteen_id = ?) e
                where ? = 0 or e.n % ? <> 0""")) {
            s.setString(1, shift);
            s.setLong(2, c[2]);
            s.setLong(3, c[0]);
            s.setInt(4, skipEvery);
            s.setInt(5, Math.max(skipEvery, 1));
            s.executeUpdate();
        }
        // and the full-price meals to other diners
        try (PreparedStatement s = db.prepareStatement("""
                insert into till_sale (sale_id, shift_id, canteen_id, terminal_id, cashier_number, occurred_at, meal_date,
                                       meal_set_id, price_fen, discount_fen, due_fen, tender, tendered_fen, change_fen,
                                       subsidised, offline, ledger_at_upload, request_hash)
                select gen_random_uuid(), cast(? as uuid), ?, ?, '1', cast(? as timestamptz) + g * interval '1 day',
                       cast(? as date) + g, ?, 1500, 0, 1500, 'CASH', 2000, 500, false, false, 'NONE', 'test'
                from generate_series(0, 29) g""")) {
            s.setString(1, shift);
            s.setLong(2, c[0]);
            s.setLong(3, c[1]);
            s.setString(4, MONTH.atDay(1) + " 12:00:00+08");
            s.setObject(5, MONTH.atDay(1));
            s.setLong(6, c[2]);
            s.executeUpdate();
        }
    }

    /** A canteen with one terminal and one set; answers {canteen id, terminal id, meal set id}. */
    private long[] canteen(String role, String district, String subdistrict) throws SQLException {
        String code = TestApi.unique("AN");
        codes.put(role, code);
        long canteen = id("""
                insert into canteen (code, name, jurisdiction, district, subdistrict, standard_set_price_fen)
                values (?, '监管测试食堂', 'tianjin', ?, ?, 1500) returning id""", code, district, subdistrict);
        long terminal = id("insert into terminal (code, canteen_id, name) values (?, ?, '1号收银台') returning id",
                code + "-T1", canteen);
        long set = id("""
                insert into meal_set (canteen_id, code, name, slot, price_fen) values (?, 'L-STD', '标准午餐套餐', 'LUNCH', 1500)
                returning id""", canteen);
        return new long[]{canteen, terminal, set};
    }

    /** An enrolled senior (approved since 2024); dead from {@code diedOn} when given. */
    private long senior(String district, String subdistrict, LocalDate diedOn) throws SQLException {
        long id = id("""
                insert into senior (id_number, name, birth_date, male, district, subdistrict)
                values (?, '监管测试老人', date '1940-01-01', true, ?, ?) returning id""",
                TestApi.idNumber(1940, ThreadLocalRandom.current().nextBoolean()), district, subdistrict);
        id("insert into senior_fact (senior_id, kind, value, valid_from) values (?, 'ENROLMENT', 'APPROVED', date '2024-01-01') returning id", id);
        if (diedOn != null) {
            id("insert into senior_fact (senior_id, kind, valid_from) values (?, 'DEATH', ?) returning id", id, diedOn);
        }
        return id;
    }

    private void insertMeals(long[] c, long senior, LocalDate day, LocalTime at, int count, String by, String offline,
                             String cashier) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                insert into meal_entry (entry_id, entry_type, senior_id, canteen_id, terminal_id, meal_set_id, slot,
                    occurred_at, meal_date, week_monday, set_price_fen, standard_price_fen, subsidised, discount_fen,
                    operating_subsidy_fen, paid_fen, rule_version, identified_by, manual_reason, request_hash, response,
                    offline_outcome, cashier_number)
                select gen_random_uuid(), 'SALE', ?, ?, ?, ?, 'LUNCH',
                       cast(? as timestamp) at time zone 'Asia/Shanghai' + g * interval '1 second', cast(? as date),
                       cast(date_trunc('week', cast(? as date)) as date), 1500, 1500, true, 300, 200, 1200, 'test', ?,
                       case when ? = 'MANUAL' then '测试' end, 'test', '{}'::jsonb, ?, ?
                from generate_series(0, ? - 1) g""")) {
            s.setLong(1, senior);
            s.setLong(2, c[0]);
            s.setLong(3, c[1]);
            s.setLong(4, c[2]);
            s.setString(5, day + " " + at);
            s.setObject(6, day);
            s.setObject(7, day);
            s.setString(8, by);
            s.setString(9, by);
            s.setString(10, offline);
            s.setString(11, cashier);
            s.setInt(12, count);
            s.executeUpdate();
        }
    }

    private void rejection(long[] c, long senior, LocalDate day) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                insert into offline_rejection (sale_id, canteen_id, terminal_id, senior_id, occurred_at, meal_date,
                    set_price_fen, discount_fen, reason_code, request_hash, response)
                values (gen_random_uuid(), ?, ?, ?, cast(? as timestamptz), ?, 1500, 300, 'NOT_ELIGIBLE', 'test', '{}')""")) {
            s.setLong(1, c[0]);
            s.setLong(2, c[1]);
            s.setLong(3, senior);
            s.setString(4, day + " 11:50:00+08");
            s.setObject(5, day);
            s.executeUpdate();
        }
    }

    private long id(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
