package cn.laorenjia.core.subsidy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.LegalSource;
import cn.laorenjia.core.policy.PolicyBook;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.QualifyingDays;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.policy.RouteRule;
import cn.laorenjia.core.policy.StandardSetRule;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.testing.Seniors;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MealDeciderTest {

    private static final PolicyCatalog CATALOG = PolicyCatalog.loadDefault();
    private static final Instant MONDAY_NOON = Instant.parse("2024-05-13T04:00:00Z");
    private static final SeniorFacts ELIGIBLE = Seniors.bornOn(LocalDate.of(1940, 5, 10),
            Fact.localHousehold(Period.from(LocalDate.of(1940, 5, 10))),
            Fact.enrolment(EnrolmentState.APPROVED, Period.from(LocalDate.of(2023, 1, 1))));

    private static MealRequest lunch(String price, int usedToday, int usedWeek) {
        return new MealRequest(MONDAY_NOON, MealSlot.LUNCH, Money.parseYuan(price), Money.ofYuan(13), usedToday, usedWeek);
    }

    @Test
    void subsidisedMeal() {
        MealDecision d = MealDecider.decide(CATALOG.book("baodi"), ELIGIBLE, lunch("15.00", 0, 2));
        assertTrue(d.subsidised());
        assertEquals(Money.ofFen(300), d.discount());
        assertEquals(Money.ofFen(1200), d.amountToPay());
        assertEquals(Money.ofFen(200), d.operatingSubsidy());
        assertEquals(Money.ofFen(500), d.canteenReimbursement());
        assertEquals(0, d.remainingToday());
        assertEquals(2, d.remainingThisWeek());
        assertEquals(Optional.of("tianjin-2024"), d.decidedBy());
        assertEquals(Set.of(EligibilityRoute.AGE_80_LOCAL), d.routes());
        assertEquals(Set.of(), d.reasonCodes());
        assertEquals("减免3元，本周还剩2次", d.announcementZh());
        assertEquals(LocalDate.of(2024, 5, 13), d.mealDate());
        assertEquals(WeekId.parse("2024-W20"), d.week());
    }

    @Test
    void remainingTodayIsBoundedByTheWeekAndUnchangedWhenNotSubsidised() {
        PolicyBook shangluo = CATALOG.book("shangluo");
        Instant aug = Instant.parse("2024-08-05T04:00:00Z");
        MealRequest meal = new MealRequest(aug, MealSlot.LUNCH, Money.ofYuan(10), Money.ofYuan(10), 0, 9);
        MealDecision last = MealDecider.decide(shangluo, ELIGIBLE, meal);
        assertTrue(last.subsidised());
        assertEquals(0, last.remainingToday());
        assertEquals(0, last.remainingThisWeek());
        MealRequest cheap = new MealRequest(aug, MealSlot.LUNCH, Money.ofYuan(9), Money.ofYuan(10), 0, 8);
        MealDecision notSubsidised = MealDecider.decide(shangluo, ELIGIBLE, cheap);
        assertFalse(notSubsidised.subsidised());
        assertEquals(2, notSubsidised.remainingToday());
        assertEquals(2, notSubsidised.remainingThisWeek());
        MealRequest oneLeft = new MealRequest(aug, MealSlot.LUNCH, Money.ofYuan(9), Money.ofYuan(10), 0, 9);
        assertEquals(1, MealDecider.decide(shangluo, ELIGIBLE, oneLeft).remainingToday());
    }

    @Test
    void noPolicyInForce() {
        MealRequest old = new MealRequest(Instant.parse("2010-01-04T04:00:00Z"), MealSlot.LUNCH, Money.ofYuan(15), Money.ofYuan(13), 0, 0);
        MealDecision d = MealDecider.decide(CATALOG.book("tianjin"), ELIGIBLE, old);
        assertFalse(d.subsidised());
        assertNull(d.policyVersionId());
        assertEquals(Optional.empty(), d.decidedBy());
        assertEquals(List.of(Reason.of(ReasonCode.NO_POLICY_IN_FORCE)), d.reasons());
        assertEquals(0, d.remainingToday());
        assertEquals(0, d.remainingThisWeek());
        assertEquals("本餐不享受补贴：该日期无有效的助餐政策", d.announcementZh());
        assertTrue(d.has(ReasonCode.NO_POLICY_IN_FORCE));
        assertFalse(d.has(ReasonCode.NOT_ENROLLED));
    }

    @Test
    void discountNeverExceedsThePrice() {
        // A hypothetical version whose reference price is so low a set can cost less than the subsidy.
        PolicyVersion cheap = version(new StandardSetRule(Money.ofFen(200), 50));
        SeniorFacts senior = ELIGIBLE;
        MealRequest meal = new MealRequest(MONDAY_NOON, MealSlot.LUNCH, Money.ofFen(250), Money.ofFen(250), 0, 0);
        Eligibility e = EligibilityRules.assess(senior, meal.mealDate(), cheap);
        MealDecision d = MealDecider.decide(cheap, e, meal);
        assertTrue(d.subsidised());
        assertEquals(Money.ofFen(250), d.discount());
        assertEquals(Money.ZERO, d.amountToPay());
        assertEquals("减免2.5元，本周还剩4次", d.announcementZh());
    }

    @Test
    void refusesMismatchedInputs() {
        PolicyVersion v2024 = CATALOG.book("tianjin").version("tianjin-2024").orElseThrow();
        PolicyVersion v2022 = CATALOG.book("tianjin").version("tianjin-2022").orElseThrow();
        MealRequest meal = lunch("15.00", 0, 0);
        Eligibility wrongDate = EligibilityRules.assess(ELIGIBLE, LocalDate.of(2024, 5, 12), v2024);
        assertThrows(IllegalArgumentException.class, () -> MealDecider.decide(v2024, wrongDate, meal));
        Eligibility wrongVersion = EligibilityRules.assess(ELIGIBLE, LocalDate.of(2024, 5, 13), v2022);
        assertThrows(IllegalArgumentException.class, () -> MealDecider.decide(v2024, wrongVersion, meal));
        assertThrows(IllegalArgumentException.class, () -> MealDecider.decide(v2022, wrongVersion, meal));
        Eligibility right = EligibilityRules.assess(ELIGIBLE, LocalDate.of(2024, 5, 13), v2024);
        assertTrue(MealDecider.decide(v2024, right, meal).subsidised());
    }

    @Test
    void mealRequestValidates() {
        Money p = Money.ofYuan(13);
        assertThrows(NullPointerException.class, () -> new MealRequest(null, MealSlot.LUNCH, p, p, 0, 0));
        assertThrows(NullPointerException.class, () -> new MealRequest(MONDAY_NOON, null, p, p, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MealRequest(MONDAY_NOON, MealSlot.LUNCH, Money.ofFen(-1), p, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MealRequest(MONDAY_NOON, MealSlot.LUNCH, p, Money.ofFen(-1), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MealRequest(MONDAY_NOON, MealSlot.LUNCH, p, p, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MealRequest(MONDAY_NOON, MealSlot.LUNCH, p, p, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new MealRequest(MONDAY_NOON, MealSlot.LUNCH, p, p, 2, 1));
        assertEquals(1, new MealRequest(MONDAY_NOON, MealSlot.LUNCH, p, p, 1, 1).usedToday());
    }

    @Test
    void decisionValidatesItsOwnInvariants() {
        Money p = Money.ofYuan(13);
        LocalDate date = LocalDate.of(2024, 5, 13);
        WeekId w = WeekId.containing(date);
        List<Reason> none = List.of();
        List<Reason> one = List.of(Reason.of(ReasonCode.NOT_ENROLLED));
        Set<EligibilityRoute> noRoutes = Set.of();
        assertThrows(IllegalStateException.class, () -> new MealDecision(true, p, Money.ofFen(300), Money.ofFen(1000), Money.ZERO, 0, 0, noRoutes, one, "v", date, w));
        assertThrows(IllegalStateException.class, () -> new MealDecision(false, p, Money.ZERO, p, Money.ZERO, 0, 0, noRoutes, none, "v", date, w));
        assertThrows(IllegalStateException.class, () -> new MealDecision(true, p, Money.ofFen(300), Money.ofFen(1001), Money.ZERO, 0, 0, noRoutes, none, "v", date, w));
        assertThrows(IllegalStateException.class, () -> new MealDecision(true, p, Money.ofFen(1400), Money.ofFen(-100), Money.ZERO, 0, 0, noRoutes, none, "v", date, w));
        assertThrows(IllegalStateException.class, () -> new MealDecision(true, p, Money.ofFen(-100), Money.ofFen(1400), Money.ZERO, 0, 0, noRoutes, none, "v", date, w));
        MealDecision ok = new MealDecision(true, p, Money.ofFen(300), Money.ofFen(1000), Money.ZERO, 0, 0,
                EnumSet.of(EligibilityRoute.AGE_80_LOCAL), none, "v", date, w);
        assertThrows(UnsupportedOperationException.class, () -> ok.routes().clear());
        assertFalse(ok.has(ReasonCode.NOT_ENROLLED));
        assertEquals("3", MealDecision.yuanForSpeech(Money.ofFen(300)));
        assertEquals("2.5", MealDecision.yuanForSpeech(Money.ofFen(250)));
        assertEquals("2.05", MealDecision.yuanForSpeech(Money.ofFen(205)));
        assertEquals("0", MealDecision.yuanForSpeech(Money.ZERO));
    }

    static PolicyVersion version(StandardSetRule rule) {
        return PolicyVersion.builder()
                .id("test-1").jurisdiction("test").titleZh("测试")
                .effectiveFrom(LocalDate.of(2020, 1, 1))
                .sources(List.of(new LegalSource("test", null, null, null)))
                .subsidyPerMeal(Money.ofYuan(3)).operatingSubsidyPerMeal(Money.ofYuan(2))
                .maxSubsidisedMealsPerDay(1).maxSubsidisedMealsPerWeek(5)
                .mealSlots(EnumSet.allOf(MealSlot.class)).qualifyingDays(QualifyingDays.ALL_DAYS)
                .standardSet(rule)
                .route(RouteRule.minimumAge(EligibilityRoute.AGE_80_LOCAL, 80))
                .build();
    }
}
