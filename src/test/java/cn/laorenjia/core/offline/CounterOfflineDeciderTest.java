package cn.laorenjia.core.offline;

import static cn.laorenjia.core.offline.Policies.CATALOG;
import static cn.laorenjia.core.offline.Policies.DECEASED;
import static cn.laorenjia.core.offline.Policies.ELIGIBLE;
import static cn.laorenjia.core.offline.Policies.MONDAY;
import static cn.laorenjia.core.offline.Policies.MONDAY_NOON;
import static cn.laorenjia.core.offline.Policies.SATURDAY_NOON;
import static cn.laorenjia.core.offline.Policies.STANDARD;
import static cn.laorenjia.core.offline.Policies.TIANJIN_2024;
import static cn.laorenjia.core.offline.Policies.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.subsidy.MealRefusal;
import cn.laorenjia.core.subsidy.MealRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CounterOfflineDeciderTest {

    private static final Duration MAX_AGE = Duration.ofHours(36);
    private static final int LIMIT = 40;
    /** The copy the central made at 06:00 Beijing time on the Monday. */
    private static final Instant COPY_MADE = Instant.parse("2024-05-12T22:00:00Z");

    private static Optional<Eligibility> assessed(SeniorFacts senior, LocalDate day, PolicyVersion policy) {
        return Optional.of(EligibilityRules.assess(senior, day, policy));
    }

    private static MealRequest lunch(long priceFen, int usedToday, int usedWeek) {
        return new MealRequest(MONDAY_NOON, MealSlot.LUNCH, Money.ofFen(priceFen), STANDARD, usedToday, usedWeek);
    }

    /** A fresh copy of today holding this senior, a terminal that grants offline and has granted nothing yet. */
    private static CounterOfflineRequest request(SeniorFacts senior, MealRequest meal) {
        return new CounterOfflineRequest(assessed(senior, MONDAY, TIANJIN_2024), Optional.of(TIANJIN_2024), meal,
                MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT);
    }

    private static CounterOfflineRequest withGranted(CounterOfflineRequest r, int grantedToday) {
        return new CounterOfflineRequest(r.senior(), r.policy(), r.meal(), r.copyDay(), r.copyMadeAt(), r.maxCopyAge(),
                r.grantsOffline(), grantedToday, r.offlineLimit());
    }

    private static void assertRefused(CounterOfflineDecision d, String code, String messageZh) {
        assertFalse(d.granted(), d.toString());
        assertEquals(code, d.code());
        assertEquals(code, d.refusal().name());
        assertEquals(messageZh, d.messageZh());
        assertEquals(Money.ZERO, d.discount());
        assertEquals(d.setPrice(), d.amountToPay());
        assertEquals("按原价收费", d.announcementZh());
    }

    @Test
    void grantsWithTheLiveRulesWhenTheCopyIsOfTodayAndFresh() {
        CounterOfflineDecision d = CounterOfflineDecider.decide(request(ELIGIBLE, lunch(1500, 0, 2)));
        assertTrue(d.granted());
        assertNull(d.refusal());
        assertNull(d.code());
        assertEquals(Money.ofFen(300), d.discount());
        assertEquals(Money.ofFen(1200), d.amountToPay());
        assertEquals(0, d.remainingToday());
        assertEquals(2, d.remainingThisWeek());
        assertEquals("tianjin-2024", d.policyVersionId());
        assertEquals(List.of(), d.reasons());
        assertEquals("离线减免3元，本周还剩2次", d.messageZh());
        assertEquals(d.messageZh(), d.announcementZh());

        // a two-yuan set at a canteen whose standard is two yuan would get at most its price off: here it is
        // below the standard, so the live rule refuses it and so does the counter
        CounterOfflineDecision cheap = CounterOfflineDecider.decide(request(ELIGIBLE, lunch(200, 0, 0)));
        assertRefused(cheap, "BELOW_STANDARD_PRICE", MealRefusal.BELOW_STANDARD_PRICE.messageZh());
    }

    @Test
    void aSeniorNotInTheCopyIsChargedFullPrice() {
        CounterOfflineRequest r = new CounterOfflineRequest(Optional.empty(), Optional.of(TIANJIN_2024),
                lunch(1500, 0, 0), MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT);
        CounterOfflineDecision d = CounterOfflineDecider.decide(r);
        assertRefused(d, "OFFLINE_NOT_IN_COPY", "离线缓存中没有这位老人（未登记或今日不符合条件）:本餐按原价收费");
        assertEquals(0, d.remainingToday());
        assertEquals(0, d.remainingThisWeek());
        // not in the copy comes first: even with subsidies off and a stale copy, and without a version
        CounterOfflineDecision first = CounterOfflineDecider.decide(new CounterOfflineRequest(Optional.empty(),
                Optional.empty(), lunch(1500, 0, 0), MONDAY.minusDays(3), COPY_MADE.minus(Duration.ofDays(3)), MAX_AGE,
                false, LIMIT, LIMIT));
        assertEquals("OFFLINE_NOT_IN_COPY", first.code());
        assertNull(first.policyVersionId());
    }

    @Test
    void aTerminalThatGivesNoSubsidyOfflineChargesFullPriceAndStillShowsTheQuota() {
        CounterOfflineRequest r = new CounterOfflineRequest(assessed(ELIGIBLE, MONDAY, TIANJIN_2024),
                Optional.of(TIANJIN_2024), lunch(1500, 0, 3), MONDAY, COPY_MADE, MAX_AGE, false, 0, LIMIT);
        CounterOfflineDecision d = CounterOfflineDecider.decide(r);
        assertRefused(d, "OFFLINE_SUBSIDY_OFF", "本终端离线时不给予补贴：本餐按原价收费");
        assertEquals(1, d.remainingToday());
        assertEquals(2, d.remainingThisWeek());
        assertEquals("tianjin-2024", d.policyVersionId());
        // before the copy's age is even looked at
        CounterOfflineRequest staleToo = new CounterOfflineRequest(r.senior(), r.policy(), r.meal(), MONDAY.minusDays(1),
                COPY_MADE.minus(Duration.ofDays(2)), MAX_AGE, false, 0, LIMIT);
        assertEquals("OFFLINE_SUBSIDY_OFF", CounterOfflineDecider.decide(staleToo).code());
    }

    @Test
    void aCopyNotOfTodayIsStale() {
        LocalDate sunday = MONDAY.minusDays(1);
        // made at 22:00 on Sunday, Beijing time
        Instant sundayNight = Instant.parse("2024-05-12T14:00:00Z");
        CounterOfflineRequest yesterdays = new CounterOfflineRequest(assessed(ELIGIBLE, sunday, TIANJIN_2024),
                Optional.of(TIANJIN_2024), new MealRequest(Instant.parse("2024-05-12T15:59:59Z"), MealSlot.DINNER,
                Money.ofFen(1500), STANDARD, 0, 0), sunday, sundayNight, MAX_AGE, true, 0, LIMIT);
        assertTrue(CounterOfflineDecider.decide(yesterdays).granted(), "at 23:59:59 on Sunday the copy is of today");
        CounterOfflineRequest mondayMorning = new CounterOfflineRequest(yesterdays.senior(), yesterdays.policy(),
                new MealRequest(Instant.parse("2024-05-12T16:00:00Z"), MealSlot.BREAKFAST, Money.ofFen(1500), STANDARD, 0, 0),
                sunday, sundayNight, MAX_AGE, true, 0, LIMIT);
        // 00:00:00 on Monday, two hours after it was made: the same copy is of yesterday now
        CounterOfflineDecision d = CounterOfflineDecider.decide(mondayMorning);
        assertRefused(d, "OFFLINE_COPY_STALE", "离线缓存不是今天的，不能离线补贴：本餐按原价收费，联网后可联系街镇核实");
        assertEquals(1, d.remainingToday());
        assertEquals(5, d.remainingThisWeek());

        // a copy dated today whose senior was assessed for another day is not of today either
        CounterOfflineRequest mixed = new CounterOfflineRequest(assessed(ELIGIBLE, sunday, TIANJIN_2024),
                Optional.of(TIANJIN_2024), lunch(1500, 0, 0), MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT);
        assertEquals("OFFLINE_COPY_STALE", CounterOfflineDecider.decide(mixed).code());
    }

    @Test
    void aCopyOlderThanAllowedIsStaleAndOneExactlyThatOldIsNot() {
        Duration age = Duration.between(COPY_MADE, MONDAY_NOON); // six hours
        CounterOfflineRequest atTheLimit = new CounterOfflineRequest(assessed(ELIGIBLE, MONDAY, TIANJIN_2024),
                Optional.of(TIANJIN_2024), lunch(1500, 0, 0), MONDAY, COPY_MADE, age, true, 0, LIMIT);
        assertTrue(CounterOfflineDecider.decide(atTheLimit).granted());
        CounterOfflineRequest oneSecondOlder = new CounterOfflineRequest(atTheLimit.senior(), atTheLimit.policy(),
                atTheLimit.meal(), MONDAY, COPY_MADE, age.minusSeconds(1), true, 0, LIMIT);
        assertEquals("OFFLINE_COPY_STALE", CounterOfflineDecider.decide(oneSecondOlder).code());
    }

    @Test
    void aCopyUnderAVersionNotInForceTodayIsStale() {
        PolicyVersion v2022 = CATALOG.book("tianjin").version("tianjin-2022").orElseThrow();
        // a broken copy: today's date, but a senior assessed under the version that ended before today
        Eligibility under2022 = Eligibility.asAssessed(MONDAY, v2022.id(), 84, Set.of(EligibilityRoute.AGE_80_LOCAL),
                List.of());
        CounterOfflineRequest r = new CounterOfflineRequest(Optional.of(under2022), Optional.of(v2022),
                lunch(1500, 0, 0), MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT);
        assertEquals("OFFLINE_COPY_STALE", CounterOfflineDecider.decide(r).code());
    }

    @Test
    void aCopyHoldingTheSeniorWithoutAnAssessmentItCanUseIsStale() {
        // an older copy without the central's assessment, or one made under a version this counter does not know
        for (Optional<PolicyVersion> policy : List.of(Optional.<PolicyVersion>empty(), Optional.of(TIANJIN_2024))) {
            CounterOfflineRequest unassessed = new CounterOfflineRequest(true, Optional.empty(), policy,
                    lunch(1500, 0, 0), MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT);
            CounterOfflineDecision d = CounterOfflineDecider.decide(unassessed);
            assertRefused(d, "OFFLINE_COPY_STALE", CounterOfflineRefusal.OFFLINE_COPY_STALE.messageZh());
            assertEquals(policy.map(PolicyVersion::id).orElse(null), d.policyVersionId());
        }
        // a terminal that gives nothing offline says so first, as with any copy
        assertEquals("OFFLINE_SUBSIDY_OFF", CounterOfflineDecider.decide(new CounterOfflineRequest(true,
                Optional.empty(), Optional.empty(), lunch(1500, 0, 0), MONDAY, COPY_MADE, MAX_AGE, false, 0, LIMIT))
                .code());
        // an assessment taken without the age decides like the central's own
        Eligibility noAge = Eligibility.asAssessed(MONDAY, TIANJIN_2024.id(), Set.of(EligibilityRoute.AGE_80_LOCAL),
                List.of());
        assertTrue(noAge.age().isEmpty());
        assertTrue(CounterOfflineDecider.decide(new CounterOfflineRequest(Optional.of(noAge), Optional.of(TIANJIN_2024),
                lunch(1500, 0, 0), MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT)).granted());
    }

    @Test
    void thePolicyRefusesWithItsOwnCodeAndEveryReason() {
        CounterOfflineDecision below = CounterOfflineDecider.decide(request(ELIGIBLE, lunch(1000, 0, 0)));
        assertRefused(below, "BELOW_STANDARD_PRICE", "所选套餐低于标准套餐价格，不享受补贴，按原价收费");
        assertEquals(List.of(Reason.of(ReasonCode.BELOW_STANDARD_PRICE)), below.reasons());
        assertEquals(1, below.remainingToday());
        assertEquals(5, below.remainingThisWeek());

        CounterOfflineDecision today = CounterOfflineDecider.decide(request(ELIGIBLE, lunch(1500, 1, 1)));
        assertRefused(today, "QUOTA_USED_TODAY", "今日补贴次数已用完，本餐按原价收费");
        assertEquals(0, today.remainingToday());
        assertEquals(4, today.remainingThisWeek());

        CounterOfflineDecision week = CounterOfflineDecider.decide(request(ELIGIBLE, lunch(1500, 0, 5)));
        assertRefused(week, "QUOTA_USED_THIS_WEEK", "本周补贴次数已用完，本餐按原价收费");

        // the set's rule before the quota, as the live counter names it
        CounterOfflineDecision both = CounterOfflineDecider.decide(request(ELIGIBLE, lunch(1000, 1, 5)));
        assertEquals("BELOW_STANDARD_PRICE", both.code());
        assertEquals(Set.of(ReasonCode.BELOW_STANDARD_PRICE, ReasonCode.DAILY_QUOTA_EXHAUSTED,
                ReasonCode.WEEKLY_QUOTA_EXHAUSTED), Set.copyOf(both.reasons().stream().map(Reason::code).toList()));
    }

    @Test
    void aSeniorTheCopyHoldsAsNotEligibleIsRefusedByTheirReasons() {
        CounterOfflineDecision died = CounterOfflineDecider.decide(request(DECEASED, lunch(1500, 0, 0)));
        assertRefused(died, "NOT_ELIGIBLE", "老人不符合助餐补贴条件，本餐按原价收费");
        assertTrue(died.reasons().contains(Reason.of(ReasonCode.DECEASED)));
        assertRefused(CounterOfflineDecider.decide(request(WITHDRAWN, lunch(1500, 0, 0))), "NOT_ENROLLED",
                "老人未登记或助餐资格未生效，本餐按原价收费");
    }

    @Test
    void aSlotOrDayThePolicyDoesNotCoverIsNotGranted() {
        PolicyVersion lunchOnly = Policies.lunchOnWorkingDays();
        CounterOfflineRequest breakfast = new CounterOfflineRequest(assessed(ELIGIBLE, MONDAY, lunchOnly),
                Optional.of(lunchOnly), new MealRequest(MONDAY_NOON, MealSlot.BREAKFAST, Money.ofFen(1500), STANDARD, 0, 0),
                MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT);
        CounterOfflineDecision d = CounterOfflineDecider.decide(breakfast);
        assertRefused(d, "MEAL_NOT_COVERED", "该餐次或日期不享受补贴，本餐按原价收费");
        assertEquals(List.of(Reason.of(ReasonCode.SLOT_NOT_COVERED)), d.reasons());

        LocalDate saturday = LocalDate.of(2024, 5, 18);
        CounterOfflineRequest weekend = new CounterOfflineRequest(assessed(ELIGIBLE, saturday, lunchOnly),
                Optional.of(lunchOnly), new MealRequest(SATURDAY_NOON, MealSlot.LUNCH, Money.ofFen(1500), STANDARD, 0, 0),
                saturday, SATURDAY_NOON.minus(Duration.ofHours(5)), MAX_AGE, true, 0, LIMIT);
        assertEquals(List.of(Reason.of(ReasonCode.DAY_NOT_COVERED)), CounterOfflineDecider.decide(weekend).reasons());
    }

    @Test
    void theTerminalsDailyOfflineLimitHasItsEdgeAtTheLimit() {
        CounterOfflineRequest r = request(ELIGIBLE, lunch(1500, 0, 1));
        assertTrue(CounterOfflineDecider.decide(withGranted(r, LIMIT - 1)).granted());
        CounterOfflineDecision atLimit = CounterOfflineDecider.decide(withGranted(r, LIMIT));
        assertRefused(atLimit, "OFFLINE_LIMIT_REACHED", "本终端今日离线补贴已达上限（40笔）：本餐按原价收费");
        assertEquals(1, atLimit.remainingToday(), "nothing was taken from the senior's quota");
        assertEquals(4, atLimit.remainingThisWeek());
        assertEquals("OFFLINE_LIMIT_REACHED", CounterOfflineDecider.decide(withGranted(r, LIMIT + 1)).code());
        // a meal the policy refuses anyway says why, not the limit
        assertEquals("QUOTA_USED_TODAY",
                CounterOfflineDecider.decide(withGranted(request(ELIGIBLE, lunch(1500, 1, 1)), LIMIT)).code());
        // a limit of nothing grants nothing
        assertEquals("OFFLINE_LIMIT_REACHED", CounterOfflineDecider.decide(new CounterOfflineRequest(r.senior(),
                r.policy(), r.meal(), MONDAY, COPY_MADE, MAX_AGE, true, 0, 0)).code());
    }

    @Test
    void aRequestMustBeOneCopy() {
        PolicyVersion v2022 = CATALOG.book("tianjin").version("tianjin-2022").orElseThrow();
        Optional<Eligibility> senior = assessed(ELIGIBLE, MONDAY, TIANJIN_2024);
        MealRequest meal = lunch(1500, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineRequest(senior, Optional.of(v2022), meal,
                MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT));
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineRequest(senior, Optional.empty(), meal,
                MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT));
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineRequest(senior, Optional.of(TIANJIN_2024),
                meal, MONDAY, COPY_MADE, MAX_AGE, true, -1, LIMIT));
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineRequest(senior, Optional.of(TIANJIN_2024),
                meal, MONDAY, COPY_MADE, MAX_AGE, true, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineRequest(senior, Optional.of(TIANJIN_2024),
                meal, MONDAY, COPY_MADE, Duration.ofSeconds(-1), true, 0, LIMIT));
        assertThrows(NullPointerException.class, () -> new CounterOfflineRequest(senior, Optional.of(TIANJIN_2024),
                null, MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT));
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineRequest(false, senior,
                Optional.of(TIANJIN_2024), meal, MONDAY, COPY_MADE, MAX_AGE, true, 0, LIMIT));
        assertThrows(IllegalArgumentException.class, () -> Eligibility.asAssessed(MONDAY, "v", -1,
                Set.of(EligibilityRoute.AGE_80_LOCAL), List.of()));
        assertThrows(IllegalStateException.class, () -> Eligibility.asAssessed(MONDAY, "v", 70, Set.of(), List.of()));
    }

    @Test
    void aDecisionKeepsItsSumsAndItsRefusalConsistent() {
        Money p = Money.ofFen(1500);
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineDecision(true,
                CounterOfflineRefusal.OFFLINE_LIMIT_REACHED, "x", List.of(), p, Money.ofFen(300), Money.ofFen(1200), 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineDecision(false, null, "x", List.of(), p,
                Money.ZERO, p, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineDecision(true, null, "x", List.of(), p,
                Money.ofFen(300), p, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new CounterOfflineDecision(false,
                CounterOfflineRefusal.OFFLINE_SUBSIDY_OFF, "x", List.of(), p, Money.ofFen(300), Money.ofFen(1200), 0, 0, null));
    }

    @Test
    void everyCounterCodeHasItsChineseMessage() {
        for (CounterOfflineRefusal r : CounterOfflineRefusal.values()) {
            assertTrue(r.messageZh().endsWith("本餐按原价收费") || r.messageZh().contains("本餐按原价收费，"),
                    r + ": " + r.messageZh());
        }
        assertEquals("本终端今日离线补贴已达上限（7笔）：本餐按原价收费", CounterOfflineRefusal.limitReachedZh(7));
    }
}
