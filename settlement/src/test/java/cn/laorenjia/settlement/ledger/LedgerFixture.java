package cn.laorenjia.settlement.ledger;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.fixtures.sample.CardKind;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.settlement.ledger.service.AuthoriseMeal;
import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.settlement.register.entity.Card;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads what contention tests need from the loaded sample register. */
final class LedgerFixture {

    record Counter(MealLedger.Counter counter, String lunchSetCode, long lunchSetPriceFen) {
    }

    private LedgerFixture() {
    }

    /** Every terminal of every canteen, each with its canteen's dearest lunch set (always at or above standard). */
    @SuppressWarnings("unchecked")
    static List<Counter> counters(EntityManager em) {
        List<Object[]> rows = em.createNativeQuery("""
                select t.id, t.canteen_id, s.code, s.price_fen
                from terminal t
                join lateral (select code, price_fen from meal_set m
                              where m.canteen_id = t.canteen_id and m.slot = 'LUNCH' and m.active
                              order by price_fen desc limit 1) s on true
                order by t.id""").getResultList();
        List<Counter> counters = new ArrayList<>();
        for (Object[] r : rows) {
            counters.add(new Counter(new MealLedger.Counter(((Number) r[0]).longValue(), ((Number) r[1]).longValue()),
                    (String) r[2], ((Number) r[3]).longValue()));
        }
        return counters;
    }

    /** UID cards of eligible seniors of the given profile, skipping the first {@code skip}. */
    static List<Identification> uidCards(SampleProfile profile, int skip, int count) {
        List<Identification> cards = new ArrayList<>();
        for (SampleSenior s : SampleRegister.baodi().seniors()) {
            if (s.profile() != profile) {
                continue;
            }
            var uid = s.cards().stream().filter(c -> c.kind() == CardKind.UID).findFirst();
            if (uid.isPresent() && skip-- <= 0) {
                cards.add(new Identification.ByCard(Card.Kind.UID, uid.get().identifier()));
                if (cards.size() == count) {
                    break;
                }
            }
        }
        return cards;
    }

    /** Eleven o'clock (Beijing) on that day plus some seconds: a burst of sales well inside the 10-minute window. */
    static Instant lunchOn(LocalDate date, int second) {
        return date.atTime(LocalTime.of(11, 0).plusSeconds(second)).atZone(ChinaCalendar.ZONE).toInstant();
    }

    /**
     * The quota counters equal the ledger: per senior and day, and per senior and week, the subsidised sales less
     * their voids. Offline conflicts are left out: they are recorded but never take quota (README, "断网时").
     */
    static void assertLedgerEqualsCounters(DataSource dataSource) throws SQLException {
        String net = "sum(case when entry_type = 'SALE' then 1 else -1 end)";
        String takesQuota = "subsidised and offline_outcome is distinct from 'CONFLICT'";
        assertEquals(grouped(dataSource, "select senior_id || ' ' || meal_date, " + net + " from meal_entry where "
                        + takesQuota + " group by 1 having " + net + " <> 0"),
                grouped(dataSource, "select senior_id || ' ' || meal_date, used from quota_day where used <> 0"),
                "day counters");
        assertEquals(grouped(dataSource, "select senior_id || ' ' || week_monday, " + net + " from meal_entry where "
                        + takesQuota + " group by 1 having " + net + " <> 0"),
                grouped(dataSource, "select senior_id || ' ' || week_monday, used from quota_week where used <> 0"),
                "week counters");
        assertEquals(Map.of(), grouped(dataSource,
                "select 'day ' || senior_id, used from quota_day where used > 1 or used < 0"));
        assertEquals(Map.of(), grouped(dataSource,
                "select 'week ' || senior_id, used from quota_week where used > 5 or used < 0"));
    }

    private static Map<String, Long> grouped(DataSource dataSource, String sql) throws SQLException {
        Map<String, Long> result = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }

    static AuthoriseMeal sale(Counter at, Identification who, Instant when) {
        return new AuthoriseMeal(UUID.randomUUID(), when, who, at.lunchSetCode(), at.lunchSetPriceFen());
    }
}
