package cn.laorenjia.core.subsidy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyBook;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.senior.DisabilityLevel;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.LowIncomeStatus;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.senior.VisitingCareCategory;
import cn.laorenjia.core.testing.Seeded;
import cn.laorenjia.core.testing.Seniors;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Properties of the meal decision over random seniors and random sequences of meals, with a tiny
 * in-memory ledger standing in for the central quota counters.
 */
class MealDecisionPropertiesTest {

    private static final PolicyCatalog CATALOG = PolicyCatalog.loadDefault();
    private static final String[] JURISDICTIONS = {"baodi", "tianjin", "shangluo"};
    private static final String[] ZONES = {"UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago"};
    private static final LocalDate FIRST = LocalDate.of(2018, 6, 1);

    @Test
    void neverMoreThanTheDailyAndWeeklyCapsAndNeverANegativePrice() {
        Seeded.forAll("caps and price invariants over random meal sequences", 300, random -> {
            PolicyBook book = CATALOG.book(JURISDICTIONS[random.nextInt(JURISDICTIONS.length)]);
            SeniorFacts senior = randomSenior(random);
            Map<LocalDate, Integer> perDay = new HashMap<>();
            Map<WeekId, Integer> perWeek = new HashMap<>();
            Instant t = randomInstant(random);
            int meals = 20 + random.nextInt(80);
            for (int i = 0; i < meals; i++) {
                t = t.plusSeconds(random.nextInt(36 * 3600)); // several meals a day, or gaps of a day and more
                LocalDate date = ChinaCalendar.mealDate(t);
                WeekId week = ChinaCalendar.weekOf(date);
                int usedToday = perDay.getOrDefault(date, 0);
                int usedWeek = perWeek.getOrDefault(week, 0);
                MealRequest meal = new MealRequest(t, randomSlot(random), randomPrice(random), randomStandard(random), usedToday, usedWeek);
                MealDecision d = MealDecider.decide(book, senior, meal);

                assertFalse(d.amountToPay().isNegative(), "amount to pay negative: " + d);
                assertFalse(d.setPrice().isLessThan(d.discount()), "discount exceeds price: " + d);
                assertEquals(meal.setPrice(), d.discount().plus(d.amountToPay()));
                assertEquals(date, d.mealDate());
                assertEquals(week, d.week());
                if (meal.setPrice().isLessThan(meal.standardSetPrice())) {
                    assertFalse(d.subsidised(), "below-standard set subsidised: " + d);
                    assertTrue(d.has(ReasonCode.BELOW_STANDARD_PRICE) || d.has(ReasonCode.NO_POLICY_IN_FORCE), d.toString());
                }
                if (d.subsidised()) {
                    PolicyVersion v = book.version(d.policyVersionId()).orElseThrow();
                    assertEquals(v.subsidyPerMeal().min(meal.setPrice()), d.discount());
                    assertEquals(v.operatingSubsidyPerMeal(), d.operatingSubsidy());
                    assertTrue(v.mealSlots().contains(meal.slot()));
                    perDay.merge(date, 1, Integer::sum);
                    perWeek.merge(week, 1, Integer::sum);
                    assertTrue(perDay.get(date) <= v.maxSubsidisedMealsPerDay(), "daily cap broken: " + perDay);
                    assertTrue(perWeek.get(week) <= v.maxSubsidisedMealsPerWeek(), "weekly cap broken: " + perWeek);
                    assertEquals(v.maxSubsidisedMealsPerWeek() - perWeek.get(week), d.remainingThisWeek());
                    assertTrue(d.remainingToday() <= d.remainingThisWeek());
                } else {
                    assertEquals(Money.ZERO, d.discount());
                    assertEquals(Money.ZERO, d.operatingSubsidy());
                    assertEquals(meal.setPrice(), d.amountToPay());
                    assertFalse(d.reasons().isEmpty());
                }
                assertTrue(d.remainingToday() >= 0 && d.remainingThisWeek() >= 0);
            }
            // Tianjin's caps hold overall: at most one a day and five a week.
            if (!book.jurisdiction().equals("shangluo")) {
                perDay.values().forEach(n -> assertTrue(n <= 1));
                perWeek.values().forEach(n -> assertTrue(n <= 5));
            }
        });
    }

    @Test
    void decisionIsIdenticalWhateverTheJvmDefaultTimeZone() {
        TimeZone original = TimeZone.getDefault();
        try {
            Seeded.forAll("decision independent of TimeZone.getDefault()", 300, random -> {
                PolicyBook book = CATALOG.book(JURISDICTIONS[random.nextInt(JURISDICTIONS.length)]);
                SeniorFacts senior = randomSenior(random);
                List<MealRequest> meals = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int used = random.nextInt(6);
                    meals.add(new MealRequest(randomInstant(random), randomSlot(random), randomPrice(random),
                            randomStandard(random), Math.min(used, random.nextInt(2)), used));
                }
                List<MealDecision> reference = null;
                for (String zone : ZONES) {
                    TimeZone.setDefault(TimeZone.getTimeZone(zone));
                    List<MealDecision> decisions = meals.stream().map(m -> MealDecider.decide(book, senior, m)).toList();
                    if (reference == null) {
                        reference = decisions;
                    } else {
                        assertEquals(reference, decisions, "decisions differ under " + zone);
                    }
                }
            });
        } finally {
            TimeZone.setDefault(original);
        }
    }

    private static Instant randomInstant(Random random) {
        // 2018-06 to 2027: before the first version, across every switch date and year end.
        return FIRST.atStartOfDay(ChinaCalendar.ZONE).toInstant().plusSeconds((long) random.nextInt(9 * 365) * 86_400 + random.nextInt(86_400));
    }

    private static MealSlot randomSlot(Random random) {
        return MealSlot.values()[random.nextInt(MealSlot.values().length)];
    }

    private static Money randomStandard(Random random) {
        return Money.ofFen(500 + random.nextInt(1600)); // 5.00 … 20.99: inside and outside every allowed range
    }

    private static Money randomPrice(Random random) {
        return random.nextInt(10) == 0 ? Money.ofFen(random.nextInt(400)) : Money.ofFen(random.nextInt(3000));
    }

    /** A senior whose facts switch on and off at random dates, so every route and exclusion comes up. */
    static SeniorFacts randomSenior(Random random) {
        LocalDate birth = LocalDate.of(1925, 1, 1).plusDays(random.nextInt(45 * 365));
        List<Fact> facts = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            facts.add(Fact.localHousehold(randomPeriod(random)));
        }
        if (random.nextBoolean()) {
            facts.add(Fact.visitingCare(VisitingCareCategory.values()[random.nextInt(7)], randomPeriod(random)));
        }
        if (random.nextInt(3) == 0) {
            facts.add(Fact.homeCareSubsidy(randomPeriod(random)));
            facts.add(Fact.lowIncome(LowIncomeStatus.values()[random.nextInt(2)], randomPeriod(random)));
            facts.add(Fact.disabilityLevel(DisabilityLevel.values()[random.nextInt(5)], randomPeriod(random)));
        }
        if (random.nextInt(3) == 0) {
            facts.add(Fact.hardshipDisabilityAllowance(1 + random.nextInt(4), randomPeriod(random)));
        }
        if (random.nextInt(8) == 0) {
            facts.add(Fact.institutionResidence(randomPeriod(random)));
        }
        if (random.nextInt(8) == 0) {
            facts.add(Fact.centralisedSupport(randomPeriod(random)));
        }
        if (random.nextInt(10) > 0) {
            // Consecutive enrolment states that meet without overlapping.
            LocalDate from = FIRST.plusDays(random.nextInt(1000));
            EnrolmentState[] states = EnrolmentState.values();
            for (int i = 0; i < 3; i++) {
                LocalDate to = from.plusDays(30 + random.nextInt(900));
                EnrolmentState state = random.nextInt(3) > 0 ? EnrolmentState.APPROVED : states[random.nextInt(states.length)];
                facts.add(Fact.enrolment(state, i == 2 ? Period.from(from) : Period.between(from, to)));
                from = to;
            }
        }
        if (random.nextInt(10) == 0) {
            facts.add(Fact.death(FIRST.plusDays(random.nextInt(3000))));
        }
        return SeniorFacts.of(Seniors.idBornOn(birth), facts);
    }

    private static Period randomPeriod(Random random) {
        LocalDate from = FIRST.minusDays(500).plusDays(random.nextInt(3500));
        return random.nextBoolean() ? Period.from(from) : Period.between(from, from.plusDays(1 + random.nextInt(1500)));
    }
}
