package cn.laorenjia.core.subsidy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MealRefusalTest {

    @Test
    void eachReasonStandsForOneRefusal() {
        assertEquals(MealRefusal.NOT_ELIGIBLE, MealRefusal.of(ReasonCode.DECEASED));
        assertEquals(MealRefusal.NOT_ELIGIBLE, MealRefusal.of(ReasonCode.UNDER_AGE_FOR_ROUTE));
        assertEquals(MealRefusal.NOT_ENROLLED, MealRefusal.of(ReasonCode.ENROLMENT_SUSPENDED));
        assertEquals(MealRefusal.BELOW_STANDARD_PRICE, MealRefusal.of(ReasonCode.BELOW_STANDARD_PRICE));
        assertEquals(MealRefusal.QUOTA_USED_THIS_WEEK, MealRefusal.of(ReasonCode.WEEKLY_QUOTA_EXHAUSTED));
        assertEquals(MealRefusal.QUOTA_USED_TODAY, MealRefusal.of(ReasonCode.DAILY_QUOTA_EXHAUSTED));
        for (ReasonCode c : List.of(ReasonCode.NO_POLICY_IN_FORCE, ReasonCode.SLOT_NOT_COVERED,
                ReasonCode.DAY_NOT_COVERED, ReasonCode.STANDARD_PRICE_OUT_OF_RANGE)) {
            assertEquals(MealRefusal.MEAL_NOT_COVERED, MealRefusal.of(c));
        }
    }

    @Test
    void theCashierHearsWhoTheSeniorIsThenWhatWasChosenThenTheQuota() {
        assertEquals(MealRefusal.NOT_ELIGIBLE, MealRefusal.of(EnumSet.allOf(ReasonCode.class)));
        assertEquals(MealRefusal.NOT_ELIGIBLE, MealRefusal.of(List.of(ReasonCode.NOT_ENROLLED, ReasonCode.IN_INSTITUTION)));
        assertEquals(MealRefusal.NOT_ENROLLED, MealRefusal.of(List.of(ReasonCode.BELOW_STANDARD_PRICE,
                ReasonCode.ENROLMENT_WITHDRAWN)));
        assertEquals(MealRefusal.BELOW_STANDARD_PRICE, MealRefusal.of(List.of(ReasonCode.DAILY_QUOTA_EXHAUSTED,
                ReasonCode.WEEKLY_QUOTA_EXHAUSTED, ReasonCode.BELOW_STANDARD_PRICE, ReasonCode.SLOT_NOT_COVERED)));
        assertEquals(MealRefusal.QUOTA_USED_THIS_WEEK, MealRefusal.of(List.of(ReasonCode.DAILY_QUOTA_EXHAUSTED,
                ReasonCode.WEEKLY_QUOTA_EXHAUSTED)));
        assertEquals(MealRefusal.QUOTA_USED_TODAY, MealRefusal.of(List.of(ReasonCode.SLOT_NOT_COVERED,
                ReasonCode.DAILY_QUOTA_EXHAUSTED)));
        assertThrows(IllegalArgumentException.class, () -> MealRefusal.of(List.<ReasonCode>of()));
    }

    @Test
    void aDecisionIsRefusedByItsReasonsAndASubsidisedOneIsNot() {
        LocalDate day = LocalDate.of(2024, 5, 13);
        Money p = Money.ofFen(1500);
        MealDecision refused = new MealDecision(false, p, Money.ZERO, p, Money.ZERO, 0, 4, Set.of(),
                List.of(Reason.of(ReasonCode.DAILY_QUOTA_EXHAUSTED)), "v", day, WeekId.containing(day));
        assertEquals(MealRefusal.QUOTA_USED_TODAY, MealRefusal.of(refused));
        MealDecision granted = new MealDecision(true, p, Money.ofFen(300), Money.ofFen(1200), Money.ofFen(200), 0, 4,
                Set.of(EligibilityRoute.AGE_80_LOCAL), List.of(), "v", day, WeekId.containing(day));
        assertThrows(IllegalArgumentException.class, () -> MealRefusal.of(granted));
    }

    @Test
    void messagesSayTheFactAndTheFullPrice() {
        for (MealRefusal r : MealRefusal.values()) {
            assertTrue(r.messageZh().startsWith(r.factZh() + "，"), r.toString());
            assertTrue(r.messageZh().endsWith("按原价收费"), r.toString());
        }
    }

    @Test
    void aSeniorRefusedForTheQuotaOrTheSetStaysEligibleButNotOneWhoDiedOrWithdrew() {
        LocalDate day = LocalDate.of(2024, 5, 13);
        Money p = Money.ofFen(1500);
        Set<EligibilityRoute> route = Set.of(EligibilityRoute.AGE_80_LOCAL);
        for (ReasonCode stillEligible : List.of(ReasonCode.DAILY_QUOTA_EXHAUSTED, ReasonCode.BELOW_STANDARD_PRICE,
                ReasonCode.SLOT_NOT_COVERED)) {
            assertTrue(new MealDecision(false, p, Money.ZERO, p, Money.ZERO, 0, 4, route,
                    List.of(Reason.of(stillEligible)), "v", day, WeekId.containing(day)).seniorEligible());
        }
        for (ReasonCode blocked : List.of(ReasonCode.DECEASED, ReasonCode.IN_INSTITUTION, ReasonCode.ENROLMENT_WITHDRAWN)) {
            assertFalse(new MealDecision(false, p, Money.ZERO, p, Money.ZERO, 0, 4, route,
                    List.of(Reason.of(blocked)), "v", day, WeekId.containing(day)).seniorEligible());
        }
        assertFalse(new MealDecision(false, p, Money.ZERO, p, Money.ZERO, 0, 4, Set.of(),
                List.of(Reason.of(ReasonCode.NO_ROUTE)), "v", day, WeekId.containing(day)).seniorEligible());
    }
}
