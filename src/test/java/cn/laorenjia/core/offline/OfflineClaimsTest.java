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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.subsidy.MealDecider;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.core.subsidy.MealRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineClaimsTest {

    private static final int ALLOWANCE = 5;

    /** The central's decision now, as the ledger makes it, for a lunch the counter sold at this price. */
    private static MealDecision decide(PolicyVersion policy, SeniorFacts senior, Instant at, MealSlot slot, long priceFen,
                                       long standardFen, int usedToday, int usedWeek) {
        MealRequest meal = new MealRequest(at, slot, Money.ofFen(priceFen), Money.ofFen(standardFen), usedToday, usedWeek);
        return MealDecider.decide(policy, EligibilityRules.assess(senior, meal.mealDate(), policy), meal);
    }

    private static MealDecision lunch(SeniorFacts senior, long priceFen, int usedToday, int usedWeek) {
        return decide(TIANJIN_2024, senior, MONDAY_NOON, MealSlot.LUNCH, priceFen, STANDARD.fen(), usedToday, usedWeek);
    }

    /** A claim at the menu's price, with no conflicts yet on the terminal's day. */
    private static OfflineClaim claim(MealDecision decision) {
        return claimOf(decision, Optional.of(TIANJIN_2024), decision.setPrice(), 0, ALLOWANCE);
    }

    /** The offline sales per terminal and day the district pays for, in these tests. */
    private static final int SALES_ALLOWANCE = 40;
    private static final Duration WINDOW = Duration.ofSeconds(60);

    /** A claim from a terminal with nothing paid offline yet that day, the central silent around the claimed moment. */
    private static OfflineClaim claimOf(MealDecision decision, Optional<PolicyVersion> policy, Money menuPrice,
                                        long conflictsSoFar, int conflictAllowance) {
        return new OfflineClaim(decision, policy, menuPrice, conflictsSoFar, conflictAllowance, 0, SALES_ALLOWANCE,
                CentralContact.none(MONDAY_NOON, WINDOW));
    }

    /** A claim at the menu's price with this many paid offline sales so far and this contact. */
    private static OfflineClaim claim(MealDecision decision, long paidSoFar, CentralContact contact) {
        return new OfflineClaim(decision, Optional.of(TIANJIN_2024), decision.setPrice(), 0, ALLOWANCE, paidSoFar,
                SALES_ALLOWANCE, contact);
    }

    private static CentralContact answered(long secondsBefore, long secondsAfter) {
        return new CentralContact(MONDAY_NOON, Optional.of(MONDAY_NOON.minusSeconds(secondsBefore)),
                Optional.of(MONDAY_NOON.plusSeconds(secondsAfter)), WINDOW);
    }

    @Test
    void theCentralPaysATerminalsOfflineSalesOnlyUpToItsDailyAllowanceWhateverTheTerminalSays() {
        CentralContact quiet = CentralContact.none(MONDAY_NOON, WINDOW);
        MealDecision fine = lunch(ELIGIBLE, 1500, 0, 0);
        assertEquals(OfflineOutcome.CONFIRMED, OfflineClaims.classify(claim(fine, SALES_ALLOWANCE - 1, quiet)).outcome());
        OfflineVerdict atAllowance = OfflineClaims.classify(claim(fine, SALES_ALLOWANCE, quiet));
        assertRejected(atAllowance, "OFFLINE_SALES_ALLOWANCE_EXCEEDED", 300);
        assertEquals("本终端当日离线补贴已达40笔的额度，本餐补贴由食堂承担", atAllowance.messageZh());
        assertRejected(OfflineClaims.classify(claim(fine, SALES_ALLOWANCE + 7, quiet)), "OFFLINE_SALES_ALLOWANCE_EXCEEDED", 300);

        // a conflict is paid too (the discount): it counts against, and is stopped by, the same allowance
        MealDecision quota = lunch(ELIGIBLE, 1500, 1, 1);
        assertConflict(OfflineClaims.classify(claim(quota, SALES_ALLOWANCE - 1, quiet)), "QUOTA_USED_TODAY", 300);
        assertRejected(OfflineClaims.classify(claim(quota, SALES_ALLOWANCE, quiet)), "OFFLINE_SALES_ALLOWANCE_EXCEEDED", 300);

        // what is the canteen's anyway keeps its own reason
        assertRejected(OfflineClaims.classify(claim(lunch(ELIGIBLE, 1000, 0, 0), SALES_ALLOWANCE, quiet)),
                "BELOW_STANDARD_PRICE", 300);
        // no allowance at all: nothing offline is paid
        assertRejected(OfflineClaims.classify(new OfflineClaim(fine, Optional.of(TIANJIN_2024), Money.ofFen(1500), 0,
                ALLOWANCE, 0, 0, quiet)), "OFFLINE_SALES_ALLOWANCE_EXCEEDED", 300);
    }

    @Test
    void aSaleClaimedOfflineWhileTheCentralWasAnsweringTheTerminalIsTheCanteens() {
        MealDecision fine = lunch(ELIGIBLE, 1500, 0, 0);
        OfflineVerdict online = OfflineClaims.classify(claim(fine, 0, answered(20, 15)));
        assertRejected(online, "TERMINAL_WAS_ONLINE", 300);
        assertEquals("该笔交易发生时服务器正与本终端正常通信，不属于断网交易，补贴由食堂承担（服务器在所报时间前后60秒内均应答了本终端）",
                online.messageZh());
        // the edges of the window belong to it; an answer at the claimed instant is on both sides
        assertRejected(OfflineClaims.classify(claim(fine, 0, answered(60, 60))), "TERMINAL_WAS_ONLINE", 300);
        assertRejected(OfflineClaims.classify(claim(fine, 0, answered(0, 0))), "TERMINAL_WAS_ONLINE", 300);
        // whatever else is wrong, and even within the allowance, a conflict included
        assertRejected(OfflineClaims.classify(claim(lunch(ELIGIBLE, 1500, 1, 1), 0, answered(5, 5))),
                "TERMINAL_WAS_ONLINE", 300);
        assertRejected(OfflineClaims.classify(claim(lunch(ELIGIBLE, 1000, 0, 0), 0, answered(5, 5))),
                "TERMINAL_WAS_ONLINE", 300);

        // answered on one side only, or too far on either: the terminal may well have been offline
        assertEquals(OfflineOutcome.CONFIRMED, OfflineClaims.classify(claim(fine, 0, answered(61, 10))).outcome());
        assertEquals(OfflineOutcome.CONFIRMED, OfflineClaims.classify(claim(fine, 0, answered(10, 61))).outcome());
        assertEquals(OfflineOutcome.CONFIRMED, OfflineClaims.classify(claim(fine, 0, new CentralContact(MONDAY_NOON,
                Optional.of(MONDAY_NOON.minusSeconds(1)), Optional.empty(), WINDOW))).outcome());
        assertEquals(OfflineOutcome.CONFIRMED, OfflineClaims.classify(claim(fine, 0, new CentralContact(MONDAY_NOON,
                Optional.empty(), Optional.of(MONDAY_NOON.plusSeconds(1)), WINDOW))).outcome());
        // a zero window asks for an answer at the claimed instant itself
        assertTrue(new CentralContact(MONDAY_NOON, Optional.of(MONDAY_NOON), Optional.of(MONDAY_NOON), Duration.ZERO)
                .wasAnswering());
        assertTrue(!new CentralContact(MONDAY_NOON, Optional.of(MONDAY_NOON.minusMillis(1)), Optional.of(MONDAY_NOON),
                Duration.ZERO).wasAnswering());
    }

    @Test
    void aContactIsConsistentWithItsMoment() {
        assertThrows(IllegalArgumentException.class, () -> new CentralContact(MONDAY_NOON,
                Optional.of(MONDAY_NOON.plusSeconds(1)), Optional.empty(), WINDOW));
        assertThrows(IllegalArgumentException.class, () -> new CentralContact(MONDAY_NOON,
                Optional.empty(), Optional.of(MONDAY_NOON.minusSeconds(1)), WINDOW));
        assertThrows(IllegalArgumentException.class, () -> CentralContact.none(MONDAY_NOON, Duration.ofSeconds(-1)));
        MealDecision d = lunch(ELIGIBLE, 1500, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new OfflineClaim(d, Optional.of(TIANJIN_2024),
                Money.ofFen(1500), 0, ALLOWANCE, -1, SALES_ALLOWANCE, CentralContact.none(MONDAY_NOON, WINDOW)));
        assertThrows(IllegalArgumentException.class, () -> new OfflineClaim(d, Optional.of(TIANJIN_2024),
                Money.ofFen(1500), 0, ALLOWANCE, 0, -1, CentralContact.none(MONDAY_NOON, WINDOW)));
        assertThrows(NullPointerException.class, () -> new OfflineClaim(d, Optional.of(TIANJIN_2024),
                Money.ofFen(1500), 0, ALLOWANCE, 0, SALES_ALLOWANCE, null));
    }

    private static void assertRejected(OfflineVerdict v, String code, long canteenBearsFen) {
        assertEquals(OfflineOutcome.REJECTED, v.outcome(), v.toString());
        assertEquals(code, v.code());
        assertEquals(Money.ZERO, v.discountReimbursed());
        assertEquals(Money.ZERO, v.operatingSubsidy());
        assertEquals(Money.ZERO, v.districtPays());
        assertEquals(Money.ofFen(canteenBearsFen), v.canteenBears());
    }

    private static void assertConflict(OfflineVerdict v, String code, long reimbursedFen) {
        assertEquals(OfflineOutcome.CONFLICT, v.outcome(), v.toString());
        assertEquals(code, v.code());
        assertEquals(Money.ofFen(reimbursedFen), v.discountReimbursed());
        assertEquals(Money.ZERO, v.operatingSubsidy(), "a conflict earns no operating subsidy");
        assertEquals(Money.ZERO, v.canteenBears());
    }

    @Test
    void withinTheRulesAtTheMenuPriceIsConfirmedLikeALiveSale() {
        OfflineVerdict v = OfflineClaims.classify(claim(lunch(ELIGIBLE, 1500, 0, 2)));
        assertEquals(OfflineOutcome.CONFIRMED, v.outcome());
        assertNull(v.reason());
        assertNull(v.code());
        assertEquals(Money.ofFen(300), v.discountReimbursed());
        assertEquals(Money.ofFen(200), v.operatingSubsidy());
        assertEquals(Money.ofFen(500), v.districtPays());
        assertEquals(Money.ZERO, v.canteenBears());
        assertEquals("离线交易已核准：减免3元，本周还剩2次", v.messageZh());
    }

    @ParameterizedTest
    @ValueSource(longs = {1000, 200, 1499})
    void aSetBelowTheStandardPriceIsTheCanteensAndNothingIsReimbursed(long priceFen) {
        OfflineVerdict v = OfflineClaims.classify(claim(lunch(ELIGIBLE, priceFen, 0, 0)));
        // the discount the counter gave: 3 yuan, or the whole price of a 2-yuan set
        assertRejected(v, "BELOW_STANDARD_PRICE", Math.min(300, priceFen));
        assertEquals("所选套餐低于标准套餐价格，离线补贴由食堂承担", v.messageZh());
    }

    @Test
    void belowStandardStaysTheCanteensEvenWhenTheQuotaOrEligibilityWouldMakeItAConflict() {
        MealDecision quotaAndCheap = lunch(ELIGIBLE, 1000, 1, 1);
        assertTrue(quotaAndCheap.has(ReasonCode.DAILY_QUOTA_EXHAUSTED));
        assertRejected(OfflineClaims.classify(claim(quotaAndCheap)), "BELOW_STANDARD_PRICE", 300);

        MealDecision deceasedAndCheap = lunch(DECEASED, 200, 0, 0);
        assertTrue(deceasedAndCheap.has(ReasonCode.DECEASED));
        assertRejected(OfflineClaims.classify(claim(deceasedAndCheap)), "BELOW_STANDARD_PRICE", 200);

        // and it never counts against (nor is saved by) the conflict allowance
        OfflineClaim overAllowance = claimOf(quotaAndCheap, Optional.of(TIANJIN_2024), Money.ofFen(1000),
                ALLOWANCE + 3, ALLOWANCE);
        assertRejected(OfflineClaims.classify(overAllowance), "BELOW_STANDARD_PRICE", 300);
    }

    @Test
    void aSlotOrDayThePolicyDoesNotCoverIsTheCanteens() {
        PolicyVersion lunchOnWorkingDays = Policies.lunchOnWorkingDays();
        MealDecision breakfast = decide(lunchOnWorkingDays, ELIGIBLE, MONDAY_NOON, MealSlot.BREAKFAST, 1500, 1500, 0, 0);
        OfflineVerdict slot = OfflineClaims.classify(
                claimOf(breakfast, Optional.of(lunchOnWorkingDays), Money.ofFen(1500), 0, ALLOWANCE));
        assertRejected(slot, "MEAL_NOT_COVERED", 300);
        assertEquals("该餐次不享受补贴，离线补贴由食堂承担", slot.messageZh());

        MealDecision saturday = decide(lunchOnWorkingDays, ELIGIBLE, SATURDAY_NOON, MealSlot.LUNCH, 1500, 1500, 0, 0);
        OfflineVerdict day = OfflineClaims.classify(
                claimOf(saturday, Optional.of(lunchOnWorkingDays), Money.ofFen(1500), 0, ALLOWANCE));
        assertRejected(day, "MEAL_NOT_COVERED", 300);
        assertEquals("该日不享受补贴，离线补贴由食堂承担", day.messageZh());

        // every counter-side reason is named, in the decision's order
        MealDecision both = decide(lunchOnWorkingDays, ELIGIBLE, SATURDAY_NOON, MealSlot.DINNER, 1000, 1500, 0, 0);
        OfflineVerdict v = OfflineClaims.classify(
                claimOf(both, Optional.of(lunchOnWorkingDays), Money.ofFen(1000), 0, ALLOWANCE));
        assertRejected(v, "BELOW_STANDARD_PRICE", 300);
        assertEquals("该餐次不享受补贴、该日不享受补贴、所选套餐低于标准套餐价格，离线补贴由食堂承担", v.messageZh());
    }

    @Test
    void aCanteenStandardPriceOutsideThePolicysRangeIsTheCanteens() {
        MealDecision d = decide(TIANJIN_2024, ELIGIBLE, MONDAY_NOON, MealSlot.LUNCH, 3000, 3000, 0, 0);
        assertTrue(d.has(ReasonCode.STANDARD_PRICE_OUT_OF_RANGE));
        assertRejected(OfflineClaims.classify(claim(d)), "MEAL_NOT_COVERED", 300);
    }

    @Test
    void noPolicyInForceIsTheCanteensAndTheCounterGaveNoDiscountUnderIt() {
        MealRequest old = new MealRequest(Instant.parse("2010-01-04T04:00:00Z"), MealSlot.LUNCH, Money.ofFen(1500),
                STANDARD, 0, 0);
        MealDecision d = MealDecider.decide(CATALOG.book("tianjin"), ELIGIBLE, old);
        OfflineVerdict v = OfflineClaims.classify(claimOf(d, Optional.empty(), Money.ofFen(1500), 0, ALLOWANCE));
        assertRejected(v, "MEAL_NOT_COVERED", 0);
        assertEquals("该日期无有效的助餐政策，离线补贴由食堂承担", v.messageZh());
    }

    @Test
    void aPriceThatIsNotTheMenusIsTheCanteensEvenWhenTheMealWouldQualify() {
        MealDecision atOldPrice = lunch(ELIGIBLE, 1500, 0, 0);
        assertTrue(atOldPrice.subsidised());
        OfflineVerdict v = OfflineClaims.classify(
                claimOf(atOldPrice, Optional.of(TIANJIN_2024), Money.ofFen(1600), 0, ALLOWANCE));
        assertRejected(v, "PRICE_NOT_ON_MENU", 300);
        assertEquals("离线售价（15.00元）与菜单价格（16.00元）不符，离线补贴由食堂承担", v.messageZh());

        // a quota conflict at a price not on the menu is the canteen's too
        OfflineVerdict conflictAtWrongPrice = OfflineClaims.classify(
                claimOf(lunch(ELIGIBLE, 1500, 1, 1), Optional.of(TIANJIN_2024), Money.ofFen(1400), 0, ALLOWANCE));
        assertRejected(conflictAtWrongPrice, "PRICE_NOT_ON_MENU", 300);
    }

    @Test
    void theQuotaUsedMeanwhileElsewhereIsAConflictTheDistrictReimbursesWithoutOperatingSubsidy() {
        OfflineVerdict today = OfflineClaims.classify(claim(lunch(ELIGIBLE, 1500, 1, 1)));
        assertConflict(today, "QUOTA_USED_TODAY", 300);
        assertEquals("离线冲突：今日补贴次数已用完，本餐减免由区里承担，不计运营补贴", today.messageZh());

        assertConflict(OfflineClaims.classify(claim(lunch(ELIGIBLE, 1500, 0, 5))), "QUOTA_USED_THIS_WEEK", 300);
    }

    @Test
    void eligibilityThatChangedAfterTheCopyWasMadeIsAConflict() {
        MealDecision died = lunch(DECEASED, 1500, 0, 0);
        assertTrue(died.has(ReasonCode.DECEASED), died.reasons().toString());
        assertConflict(OfflineClaims.classify(claim(died)), "NOT_ELIGIBLE", 300);

        MealDecision withdrew = lunch(WITHDRAWN, 1500, 0, 0);
        assertTrue(withdrew.has(ReasonCode.ENROLMENT_WITHDRAWN), withdrew.reasons().toString());
        OfflineVerdict v = OfflineClaims.classify(claim(withdrew));
        assertConflict(v, "NOT_ENROLLED", 300);
        assertEquals("离线冲突：老人未登记或助餐资格未生效，本餐减免由区里承担，不计运营补贴", v.messageZh());
    }

    @Test
    void theConflictAllowancePerTerminalDayHasItsEdgeAtTheAllowance() {
        MealDecision quota = lunch(ELIGIBLE, 1500, 1, 1);
        OfflineVerdict lastAllowed = OfflineClaims.classify(
                claimOf(quota, Optional.of(TIANJIN_2024), Money.ofFen(1500), ALLOWANCE - 1, ALLOWANCE));
        assertConflict(lastAllowed, "QUOTA_USED_TODAY", 300);

        OfflineVerdict atAllowance = OfflineClaims.classify(
                claimOf(quota, Optional.of(TIANJIN_2024), Money.ofFen(1500), ALLOWANCE, ALLOWANCE));
        assertRejected(atAllowance, "OFFLINE_ALLOWANCE_EXCEEDED", 300);
        assertEquals("本终端当日离线冲突已超过5笔的额度，本餐补贴由食堂承担（今日补贴次数已用完）", atAllowance.messageZh());

        OfflineVerdict beyond = OfflineClaims.classify(
                claimOf(quota, Optional.of(TIANJIN_2024), Money.ofFen(1500), ALLOWANCE + 1, ALLOWANCE));
        assertRejected(beyond, "OFFLINE_ALLOWANCE_EXCEEDED", 300);

        // no allowance: every conflict is the canteen's; a confirmed sale is not a conflict and needs none
        assertRejected(OfflineClaims.classify(claimOf(quota, Optional.of(TIANJIN_2024), Money.ofFen(1500), 0, 0)),
                "OFFLINE_ALLOWANCE_EXCEEDED", 300);
        assertEquals(OfflineOutcome.CONFIRMED, OfflineClaims.classify(claimOf(lunch(ELIGIBLE, 1500, 0, 0),
                Optional.of(TIANJIN_2024), Money.ofFen(1500), ALLOWANCE + 1, ALLOWANCE)).outcome());
    }

    /** Who bears each reason of the policy on its own, written out here rather than derived from the rule. */
    private static final Map<ReasonCode, String> EXPECTED = expected();

    private static Map<ReasonCode, String> expected() {
        Map<ReasonCode, String> m = new EnumMap<>(ReasonCode.class);
        for (ReasonCode c : List.of(ReasonCode.DECEASED, ReasonCode.IN_INSTITUTION, ReasonCode.CENTRALISED_SUPPORT,
                ReasonCode.NO_ROUTE, ReasonCode.NOT_LOCAL, ReasonCode.UNDER_AGE_FOR_ROUTE, ReasonCode.OVER_AGE_FOR_ROUTE,
                ReasonCode.NOT_VISITING_CARE_OBJECT, ReasonCode.NO_HOME_CARE_SUBSIDY, ReasonCode.NOT_LOW_INCOME,
                ReasonCode.DISABILITY_NOT_SEVERE, ReasonCode.NO_HARDSHIP_DISABILITY_ALLOWANCE,
                ReasonCode.DISABILITY_GRADE_NOT_SEVERE)) {
            m.put(c, "CONFLICT NOT_ELIGIBLE");
        }
        for (ReasonCode c : List.of(ReasonCode.NOT_ENROLLED, ReasonCode.ENROLMENT_NOT_APPROVED,
                ReasonCode.ENROLMENT_SUSPENDED, ReasonCode.ENROLMENT_WITHDRAWN)) {
            m.put(c, "CONFLICT NOT_ENROLLED");
        }
        m.put(ReasonCode.DAILY_QUOTA_EXHAUSTED, "CONFLICT QUOTA_USED_TODAY");
        m.put(ReasonCode.WEEKLY_QUOTA_EXHAUSTED, "CONFLICT QUOTA_USED_THIS_WEEK");
        m.put(ReasonCode.SLOT_NOT_COVERED, "REJECTED MEAL_NOT_COVERED");
        m.put(ReasonCode.DAY_NOT_COVERED, "REJECTED MEAL_NOT_COVERED");
        m.put(ReasonCode.STANDARD_PRICE_OUT_OF_RANGE, "REJECTED MEAL_NOT_COVERED");
        m.put(ReasonCode.BELOW_STANDARD_PRICE, "REJECTED BELOW_STANDARD_PRICE");
        m.put(ReasonCode.NO_POLICY_IN_FORCE, "REJECTED MEAL_NOT_COVERED");
        return m;
    }

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void everyReasonOfThePolicyHasItsBearer(ReasonCode code) {
        assertTrue(EXPECTED.containsKey(code), code + " has no bearer in this test: decide who bears it");
        boolean noPolicy = code == ReasonCode.NO_POLICY_IN_FORCE;
        Money price = Money.ofFen(1500);
        MealDecision d = new MealDecision(false, price, Money.ZERO, price, Money.ZERO, 0, 0, Set.of(),
                List.of(Reason.of(code)), noPolicy ? null : TIANJIN_2024.id(), MONDAY, WeekId.containing(MONDAY));
        OfflineVerdict v = OfflineClaims.classify(claimOf(d,
                noPolicy ? Optional.empty() : Optional.of(TIANJIN_2024), price, 0, ALLOWANCE));
        assertEquals(EXPECTED.get(code), v.outcome() + " " + v.code());
        assertEquals(v.outcome() == OfflineOutcome.REJECTED, OfflineClaims.counterCouldKnow(code));
        Money given = Money.ofFen(noPolicy ? 0 : 300);
        assertEquals(given, v.outcome() == OfflineOutcome.CONFLICT ? v.discountReimbursed() : v.canteenBears(),
                "the discount the counter gave is borne by exactly one side");
    }

    @Test
    void whatCannotBeDecidedIsTheCanteensAtTheDiscountItsCounterGave() {
        assertRejected(OfflineClaims.notTaken(OfflineRejection.TIMESTAMP_OUT_OF_RANGE, Optional.of(TIANJIN_2024),
                Money.ofFen(1500)), "TIMESTAMP_OUT_OF_RANGE", 300);
        OfflineVerdict set = OfflineClaims.notTaken(OfflineRejection.UNKNOWN_MEAL_SET, Optional.of(TIANJIN_2024),
                Money.ofFen(200));
        assertRejected(set, "UNKNOWN_MEAL_SET", 200);
        assertEquals("本食堂菜单中没有该套餐，离线补贴由食堂承担", set.messageZh());
        assertRejected(OfflineClaims.notTaken(OfflineRejection.UNIDENTIFIED, Optional.empty(), Money.ofFen(1500)),
                "UNIDENTIFIED", 0);
        // reasons that belong to a decided meal are not "not taken"
        assertThrows(IllegalArgumentException.class, () -> OfflineClaims.notTaken(
                OfflineRejection.OFFLINE_ALLOWANCE_EXCEEDED, Optional.of(TIANJIN_2024), Money.ofFen(1500)));
        assertThrows(IllegalArgumentException.class, () -> OfflineClaims.notTaken(
                OfflineRejection.PRICE_NOT_ON_MENU, Optional.of(TIANJIN_2024), Money.ofFen(1500)));
        assertThrows(IllegalArgumentException.class, () -> OfflineClaims.discountGiven(Optional.empty(), Money.ofFen(-1)));
    }

    @Test
    void aClaimMustBeConsistent() {
        MealDecision d = lunch(ELIGIBLE, 1500, 0, 0);
        PolicyVersion v2022 = CATALOG.book("tianjin").version("tianjin-2022").orElseThrow();
        Money p = Money.ofFen(1500);
        assertThrows(IllegalArgumentException.class, () -> claimOf(d, Optional.of(v2022), p, 0, ALLOWANCE));
        assertThrows(IllegalArgumentException.class, () -> claimOf(d, Optional.empty(), p, 0, ALLOWANCE));
        assertThrows(IllegalArgumentException.class, () -> claimOf(d, Optional.of(TIANJIN_2024), p, -1, ALLOWANCE));
        assertThrows(IllegalArgumentException.class, () -> claimOf(d, Optional.of(TIANJIN_2024), p, 0, -1));
        assertThrows(IllegalArgumentException.class,
                () -> claimOf(d, Optional.of(TIANJIN_2024), Money.ofFen(-1), 0, ALLOWANCE));
        assertThrows(NullPointerException.class, () -> claimOf(null, Optional.of(TIANJIN_2024), p, 0, ALLOWANCE));
        // a decision dated outside the version's time, though it names the version
        MealDecision misdated = new MealDecision(false, p, Money.ZERO, p, Money.ZERO, 0, 0, Set.of(),
                List.of(Reason.of(ReasonCode.DAILY_QUOTA_EXHAUSTED)), TIANJIN_2024.id(), java.time.LocalDate.of(2023, 6, 1),
                WeekId.containing(java.time.LocalDate.of(2023, 6, 1)));
        assertThrows(IllegalArgumentException.class, () -> claimOf(misdated, Optional.of(TIANJIN_2024), p, 0, 1));
    }

    @Test
    void aVerdictKeepsWhoBearsWhatConsistent() {
        Money three = Money.ofFen(300);
        assertThrows(IllegalArgumentException.class, () -> new OfflineVerdict(OfflineOutcome.CONFIRMED,
                OfflineRejection.PRICE_NOT_ON_MENU, three, Money.ZERO, Money.ZERO, "x"));
        assertThrows(IllegalArgumentException.class, () -> new OfflineVerdict(OfflineOutcome.REJECTED, null,
                Money.ZERO, Money.ZERO, three, "x"));
        assertThrows(IllegalArgumentException.class, () -> new OfflineVerdict(OfflineOutcome.CONFIRMED, null,
                three, Money.ofFen(200), three, "x"));
        assertThrows(IllegalArgumentException.class, () -> new OfflineVerdict(OfflineOutcome.CONFLICT,
                OfflineRejection.PRICE_NOT_ON_MENU, three, Money.ofFen(200), Money.ZERO, "x"));
        assertThrows(IllegalArgumentException.class, () -> new OfflineVerdict(OfflineOutcome.CONFLICT,
                OfflineRejection.PRICE_NOT_ON_MENU, three, Money.ZERO, three, "x"));
        assertThrows(IllegalArgumentException.class, () -> new OfflineVerdict(OfflineOutcome.REJECTED,
                OfflineRejection.PRICE_NOT_ON_MENU, three, Money.ZERO, three, "x"));
        assertThrows(IllegalArgumentException.class, () -> new OfflineVerdict(OfflineOutcome.REJECTED,
                OfflineRejection.PRICE_NOT_ON_MENU, Money.ZERO, Money.ofFen(200), three, "x"));
        assertThrows(IllegalArgumentException.class, () -> new OfflineVerdict(OfflineOutcome.REJECTED,
                OfflineRejection.PRICE_NOT_ON_MENU, Money.ZERO, Money.ZERO, Money.ofFen(-1), "x"));
    }

    @Test
    void everyOfflineRejectionHasAChineseMessage() {
        for (OfflineRejection r : OfflineRejection.values()) {
            assertTrue(r.messageZh().matches(".*[\\u4e00-\\u9fff].*由食堂承担.*"), r + ": " + r.messageZh());
        }
    }
}
