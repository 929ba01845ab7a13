package cn.laorenjia.core.senior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.testing.Seniors;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeniorFactsTest {

    private static final LocalDate D = LocalDate.of(2024, 5, 13);

    @Test
    void periodIsHalfOpen() {
        Period p = Period.between(D, D.plusDays(3));
        assertFalse(p.contains(D.minusDays(1)));
        assertTrue(p.contains(D));
        assertTrue(p.contains(D.plusDays(2)));
        assertFalse(p.contains(D.plusDays(3)));
        assertEquals(D, p.from());
        assertEquals(D.plusDays(3), p.to());
        assertEquals(Optional.of(D.plusDays(3)), p.end());
        assertFalse(p.isOpenEnded());
        Period open = Period.from(D);
        assertTrue(open.isOpenEnded());
        assertEquals(Optional.empty(), open.end());
        assertTrue(open.contains(LocalDate.of(2999, 1, 1)));
        assertFalse(open.contains(D.minusDays(1)));
        assertEquals(open, Period.between(D, null));
        assertEquals("[2024-05-13, 2024-05-16)", p.toString());
        assertEquals("[2024-05-13, …)", open.toString());
        assertEquals(p, Period.between(D, D.plusDays(3)));
        assertEquals(p.hashCode(), Period.between(D, D.plusDays(3)).hashCode());
        assertNotEquals(p, open);
        assertNotEquals(p, Period.between(D.minusDays(1), D.plusDays(3)));
        assertNotEquals(p, "x");
    }

    @Test
    void periodValidates() {
        assertThrows(NullPointerException.class, () -> Period.from(null));
        assertThrows(IllegalArgumentException.class, () -> Period.between(D, D));
        assertThrows(IllegalArgumentException.class, () -> Period.between(D, D.minusDays(1)));
        assertEquals(D.plusDays(1), Period.between(D, D.plusDays(1)).to());
    }

    @Test
    void periodOverlaps() {
        Period a = Period.between(D, D.plusDays(10));
        assertTrue(a.overlaps(Period.between(D.plusDays(9), D.plusDays(20))));
        assertFalse(a.overlaps(Period.between(D.plusDays(10), D.plusDays(20))));
        assertFalse(Period.between(D.plusDays(10), D.plusDays(20)).overlaps(a));
        assertTrue(a.overlaps(Period.from(D.minusDays(5))));
        assertTrue(Period.from(D.minusDays(5)).overlaps(a));
        assertFalse(Period.from(D.plusDays(10)).overlaps(a));
        assertFalse(a.overlaps(Period.from(D.plusDays(10))));
        assertTrue(Period.from(D).overlaps(Period.from(D.plusDays(100))));
        assertFalse(a.overlaps(Period.between(D.minusDays(5), D)));
        assertTrue(a.overlaps(Period.between(D.minusDays(5), D.plusDays(1))));
    }

    @Test
    void factValuesAreValidatedPerKind() {
        Period p = Period.from(D);
        assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.VISITING_CARE_CATEGORY, null, p));
        assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.VISITING_CARE_CATEGORY, "LONELY", p));
        assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.LOW_INCOME_STATUS, "POOR", p));
        assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.DISABILITY_LEVEL, "BAD", p));
        assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.ENROLMENT, "OK", p));
        for (String bad : new String[] {null, "0", "5", "01", "one"}) {
            assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.HARDSHIP_DISABILITY_ALLOWANCE, bad, p));
        }
        for (String good : new String[] {"1", "2", "3", "4"}) {
            assertEquals(good, new Fact(FactKind.HARDSHIP_DISABILITY_ALLOWANCE, good, p).value());
        }
        assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.LOCAL_HOUSEHOLD, "yes", p));
        assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.DEATH, "yes", p));
        assertThrows(IllegalArgumentException.class, () -> new Fact(FactKind.DEATH, null, Period.between(D, D.plusDays(1))));
        assertThrows(NullPointerException.class, () -> new Fact(null, null, p));
        assertThrows(NullPointerException.class, () -> new Fact(FactKind.LOCAL_HOUSEHOLD, null, null));
        assertEquals(Period.from(D), Fact.death(D).period());
        assertEquals(FactKind.DEATH, Fact.death(D).kind());
    }

    @Test
    void factoriesSetKindAndValue() {
        Period p = Period.from(D);
        assertEquals(new Fact(FactKind.LOCAL_HOUSEHOLD, null, p), Fact.localHousehold(p));
        assertEquals(new Fact(FactKind.VISITING_CARE_CATEGORY, "EMPTY_NEST", p), Fact.visitingCare(VisitingCareCategory.EMPTY_NEST, p));
        assertEquals(new Fact(FactKind.HOME_CARE_SUBSIDY, null, p), Fact.homeCareSubsidy(p));
        assertEquals(new Fact(FactKind.LOW_INCOME_STATUS, "DIBAO_EDGE", p), Fact.lowIncome(LowIncomeStatus.DIBAO_EDGE, p));
        assertEquals(new Fact(FactKind.DISABILITY_LEVEL, "TOTAL", p), Fact.disabilityLevel(DisabilityLevel.TOTAL, p));
        assertEquals(new Fact(FactKind.HARDSHIP_DISABILITY_ALLOWANCE, "2", p), Fact.hardshipDisabilityAllowance(2, p));
        assertEquals(new Fact(FactKind.INSTITUTION_RESIDENCE, null, p), Fact.institutionResidence(p));
        assertEquals(new Fact(FactKind.CENTRALISED_SUPPORT, null, p), Fact.centralisedSupport(p));
        assertEquals(new Fact(FactKind.ENROLMENT, "SUSPENDED", p), Fact.enrolment(EnrolmentState.SUSPENDED, p));
        assertTrue(Fact.localHousehold(p).holdsOn(D));
        assertFalse(Fact.localHousehold(p).holdsOn(D.minusDays(1)));
    }

    @Test
    void answersWhatHoldsOnADate() {
        LocalDate birth = LocalDate.of(1950, 3, 2);
        SeniorFacts s = Seniors.bornOn(birth,
                Fact.localHousehold(Period.from(birth)),
                Fact.visitingCare(VisitingCareCategory.LIVING_ALONE, Period.from(D)),
                Fact.visitingCare(VisitingCareCategory.EMPTY_NEST, Period.between(D.minusDays(10), D.plusDays(1))),
                Fact.homeCareSubsidy(Period.between(D, D.plusDays(1))),
                Fact.lowIncome(LowIncomeStatus.DIBAO, Period.from(D)),
                Fact.disabilityLevel(DisabilityLevel.MILD, Period.between(D.minusDays(100), D)),
                Fact.disabilityLevel(DisabilityLevel.SEVERE, Period.from(D)),
                Fact.hardshipDisabilityAllowance(2, Period.from(D)),
                Fact.institutionResidence(Period.between(D, D.plusDays(1))),
                Fact.centralisedSupport(Period.between(D, D.plusDays(1))),
                Fact.enrolment(EnrolmentState.APPROVED, Period.from(D)),
                Fact.death(D.plusDays(5)));
        assertEquals(birth, s.birthDate());
        assertEquals(74, s.ageOn(D));
        assertEquals(12, s.facts().size());
        assertTrue(s.isLocalHouseholdOn(D));
        assertFalse(s.isLocalHouseholdOn(birth.minusDays(1)));
        assertEquals(EnumSet.of(VisitingCareCategory.LIVING_ALONE, VisitingCareCategory.EMPTY_NEST), s.visitingCareCategoriesOn(D));
        assertEquals(Set.of(VisitingCareCategory.LIVING_ALONE), s.visitingCareCategoriesOn(D.plusDays(1)));
        assertEquals(Set.of(), s.visitingCareCategoriesOn(D.minusDays(11)));
        assertTrue(s.receivesHomeCareSubsidyOn(D));
        assertFalse(s.receivesHomeCareSubsidyOn(D.plusDays(1)));
        assertEquals(Optional.of(LowIncomeStatus.DIBAO), s.lowIncomeStatusOn(D));
        assertEquals(Optional.empty(), s.lowIncomeStatusOn(D.minusDays(1)));
        assertEquals(Optional.of(DisabilityLevel.MILD), s.disabilityLevelOn(D.minusDays(1)));
        assertEquals(Optional.of(DisabilityLevel.SEVERE), s.disabilityLevelOn(D));
        assertEquals(OptionalInt.of(2), s.hardshipDisabilityGradeOn(D));
        assertEquals(OptionalInt.empty(), s.hardshipDisabilityGradeOn(D.minusDays(1)));
        assertTrue(s.livesInInstitutionOn(D));
        assertFalse(s.livesInInstitutionOn(D.plusDays(1)));
        assertTrue(s.isInCentralisedSupportOn(D));
        assertFalse(s.isInCentralisedSupportOn(D.plusDays(1)));
        assertEquals(Optional.of(EnrolmentState.APPROVED), s.enrolmentOn(D));
        assertEquals(Optional.empty(), s.enrolmentOn(D.minusDays(1)));
        assertEquals(Optional.of(D.plusDays(5)), s.dateOfDeath());
        assertFalse(s.isDeceasedOn(D.plusDays(4)));
        assertTrue(s.isDeceasedOn(D.plusDays(5)));
        assertTrue(s.holds(FactKind.DEATH, D.plusDays(6)));
        assertFalse(s.holds(FactKind.DEATH, D));
        assertTrue(s.toString().contains("120224********"));
        assertFalse(s.toString().contains("19500302"));
    }

    @Test
    void refusesContradictoryFacts() {
        LocalDate birth = LocalDate.of(1950, 3, 2);
        assertThrows(IllegalArgumentException.class, () -> Seniors.bornOn(birth,
                Fact.enrolment(EnrolmentState.APPROVED, Period.from(D)),
                Fact.enrolment(EnrolmentState.SUSPENDED, Period.from(D.plusDays(3)))));
        assertThrows(IllegalArgumentException.class, () -> Seniors.bornOn(birth,
                Fact.death(D), Fact.death(D.plusDays(1))));
        assertThrows(IllegalArgumentException.class, () -> Seniors.bornOn(birth,
                Fact.disabilityLevel(DisabilityLevel.MILD, Period.from(D)),
                Fact.disabilityLevel(DisabilityLevel.SEVERE, Period.between(D.minusDays(1), D.plusDays(1)))));
        // Meeting periods and harmless overlaps are fine.
        SeniorFacts ok = Seniors.bornOn(birth,
                Fact.enrolment(EnrolmentState.APPROVED, Period.between(D, D.plusDays(3))),
                Fact.enrolment(EnrolmentState.SUSPENDED, Period.from(D.plusDays(3))),
                Fact.localHousehold(Period.from(birth)),
                Fact.localHousehold(Period.from(D)),
                Fact.institutionResidence(Period.from(D)),
                Fact.institutionResidence(Period.from(D.plusDays(1))));
        assertEquals(Optional.of(EnrolmentState.SUSPENDED), ok.enrolmentOn(D.plusDays(3)));
        SeniorFacts more = ok.with(Fact.death(D.plusDays(10)));
        assertEquals(7, more.facts().size());
        assertEquals(6, ok.facts().size());
        assertThrows(IllegalArgumentException.class, () -> more.with(Fact.death(D.plusDays(11))));
        assertThrows(UnsupportedOperationException.class, () -> ok.facts().add(Fact.death(D)));
        assertThrows(NullPointerException.class, () -> SeniorFacts.of(null, List.of()));
        assertEquals(ok.id(), Seniors.idBornOn(birth));
    }

    @Test
    void labelsAndOrdering() {
        assertEquals("孤寡", VisitingCareCategory.CHILDLESS_ALONE.labelZh());
        assertEquals("计划生育特殊家庭", VisitingCareCategory.BEREAVED_ONLY_CHILD_FAMILY.labelZh());
        assertEquals(7, VisitingCareCategory.values().length);
        assertEquals("低保边缘", LowIncomeStatus.DIBAO_EDGE.labelZh());
        assertEquals("已暂停", EnrolmentState.SUSPENDED.labelZh());
        assertEquals("重度失能", DisabilityLevel.SEVERE.labelZh());
        assertEquals("本市户籍", FactKind.LOCAL_HOUSEHOLD.labelZh());
        assertFalse(DisabilityLevel.INTACT.isSevereOrWorse());
        assertFalse(DisabilityLevel.MILD.isSevereOrWorse());
        assertFalse(DisabilityLevel.MODERATE.isSevereOrWorse());
        assertTrue(DisabilityLevel.SEVERE.isSevereOrWorse());
        assertTrue(DisabilityLevel.TOTAL.isSevereOrWorse());
        assertTrue(FactKind.VISITING_CARE_CATEGORY.mayOverlap());
        assertFalse(FactKind.ENROLMENT.mayOverlap());
        assertFalse(FactKind.DEATH.mayOverlap());
    }
}
