package cn.laorenjia.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.senior.DisabilityLevel;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.LowIncomeStatus;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.testing.Seniors;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EligibilityRulesTest {

    private static final PolicyVersion V2024 = PolicyCatalog.loadDefault().book("tianjin").version("tianjin-2024").orElseThrow();
    private static final LocalDate D = LocalDate.of(2024, 5, 13);

    @Test
    void eligibleWithEveryRouteMet() {
        LocalDate birth = LocalDate.of(1940, 5, 10);
        SeniorFacts s = Seniors.bornOn(birth,
                Fact.localHousehold(Period.from(birth)),
                Fact.enrolment(EnrolmentState.APPROVED, Period.from(D)),
                Fact.homeCareSubsidy(Period.from(D)),
                Fact.lowIncome(LowIncomeStatus.DIBAO, Period.from(D)),
                Fact.disabilityLevel(DisabilityLevel.TOTAL, Period.from(D)));
        Eligibility e = EligibilityRules.assess(s, D, V2024);
        assertTrue(e.isEligible());
        assertEquals(EnumSet.of(EligibilityRoute.AGE_80_LOCAL, EligibilityRoute.HOME_CARE_LOW_INCOME_SEVERE_DISABILITY), e.routes());
        assertEquals(List.of(), e.reasons());
        assertEquals(Set.of(), e.reasonCodes());
        assertEquals(84, e.age().getAsInt());
        assertEquals(D, e.date());
        assertEquals("tianjin-2024", e.policyVersionId());
        assertEquals("eligible [AGE_80_LOCAL, HOME_CARE_LOW_INCOME_SEVERE_DISABILITY] on 2024-05-13 by tianjin-2024", e.toString());
        assertThrows(UnsupportedOperationException.class, () -> e.routes().clear());
    }

    @Test
    void notEligibleListsStatusesAndRouteFailuresInOrder() {
        SeniorFacts s = Seniors.bornOn(LocalDate.of(1966, 1, 1), Fact.enrolment(EnrolmentState.SUSPENDED, Period.from(D)));
        Eligibility e = EligibilityRules.assess(s, D, V2024);
        assertFalse(e.isEligible());
        assertEquals(Set.of(), e.routes());
        assertEquals(Reason.of(ReasonCode.ENROLMENT_SUSPENDED), e.reasons().get(0));
        assertEquals(Reason.of(ReasonCode.NO_ROUTE), e.reasons().get(1));
        assertEquals(Reason.forRoute(ReasonCode.UNDER_AGE_FOR_ROUTE, EligibilityRoute.AGE_80_LOCAL), e.reasons().get(2));
        assertEquals(Reason.forRoute(ReasonCode.NOT_LOCAL, EligibilityRoute.AGE_80_LOCAL), e.reasons().get(3));
        assertTrue(e.toString().startsWith("not eligible [ENROLMENT_SUSPENDED, NO_ROUTE"));
        assertTrue(e.reasonCodes().contains(ReasonCode.NO_HARDSHIP_DISABILITY_ALLOWANCE));
        assertEquals(58, e.age().getAsInt());
    }

    @Test
    void aRouteMetButBlockedStillShowsTheRoute() {
        LocalDate birth = LocalDate.of(1940, 5, 10);
        SeniorFacts s = Seniors.bornOn(birth, Fact.localHousehold(Period.from(birth)));
        Eligibility e = EligibilityRules.assess(s, D, V2024);
        assertFalse(e.isEligible());
        assertEquals(Set.of(EligibilityRoute.AGE_80_LOCAL), e.routes());
        assertEquals(List.of(Reason.of(ReasonCode.NOT_ENROLLED)), e.reasons());
    }

    @Test
    void theClaimedRouteIsExplainedEvenWhenAnotherRouteIsMet() {
        LocalDate birth = LocalDate.of(1940, 5, 10);
        SeniorFacts s = Seniors.bornOn(birth, Fact.localHousehold(Period.from(birth)),
                Fact.enrolment(EnrolmentState.APPROVED, Period.from(D)));
        assertTrue(EligibilityRules.assess(s, D, V2024).isEligible());
        // claimed the hardship-disability route: the rules say why it fails, although AGE_80_LOCAL is met
        assertEquals(List.of(Reason.forRoute(ReasonCode.OVER_AGE_FOR_ROUTE, EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70),
                        Reason.forRoute(ReasonCode.NO_HARDSHIP_DISABILITY_ALLOWANCE, EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70)),
                EligibilityRules.routeFailures(s, D, V2024, EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70));
        assertEquals(List.of(), EligibilityRules.routeFailures(s, D, V2024, EligibilityRoute.AGE_80_LOCAL));
    }

    @Test
    void noRouteAndNoReasonIsImpossible() {
        assertThrows(IllegalStateException.class, () -> new Eligibility(D, "v", 80, Set.of(), List.of()));
        assertThrows(NullPointerException.class, () -> new Eligibility(null, "v", 80, Set.of(EligibilityRoute.AGE_80_LOCAL), List.of()));
        assertThrows(NullPointerException.class, () -> new Eligibility(D, null, 80, Set.of(EligibilityRoute.AGE_80_LOCAL), List.of()));
    }
}
