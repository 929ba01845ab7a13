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

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

    static Instant lunchOn(LocalDate date, int minute) {
        return date.atTime(LocalTime.of(11, 0).plusMinutes(minute)).atZone(ChinaCalendar.ZONE).toInstant();
    }

    static AuthoriseMeal sale(Counter at, Identification who, Instant when) {
        return new AuthoriseMeal(UUID.randomUUID(), when, who, at.lunchSetCode(), at.lunchSetPriceFen());
    }
}
