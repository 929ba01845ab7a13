package cn.laorenjia.core.offline;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.LegalSource;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.QualifyingDays;
import cn.laorenjia.core.policy.RouteRule;
import cn.laorenjia.core.policy.StandardSetRule;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.testing.Seniors;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The versions, seniors and times the offline rule tests share. */
final class Policies {

    static final PolicyCatalog CATALOG = PolicyCatalog.loadDefault();
    /** Tianjin 2024: 3 yuan off, 2 yuan operating subsidy, one meal a day, five a week, every slot and day. */
    static final PolicyVersion TIANJIN_2024 = CATALOG.book("tianjin").version("tianjin-2024").orElseThrow();
    /** Monday 13 May 2024, 12:00 in Beijing. */
    static final Instant MONDAY_NOON = Instant.parse("2024-05-13T04:00:00Z");
    static final LocalDate MONDAY = LocalDate.of(2024, 5, 13);
    /** Saturday 18 May 2024, 12:00 in Beijing. */
    static final Instant SATURDAY_NOON = Instant.parse("2024-05-18T04:00:00Z");
    static final Money STANDARD = Money.ofFen(1500);

    /** 84 on the meal date, local household, enrolment approved: eligible by age. */
    static final SeniorFacts ELIGIBLE = Seniors.bornOn(LocalDate.of(1940, 5, 10),
            Fact.localHousehold(Period.from(LocalDate.of(1940, 5, 10))),
            Fact.enrolment(EnrolmentState.APPROVED, Period.from(LocalDate.of(2023, 1, 1))));

    /** The same senior, who withdrew before the meal. */
    static final SeniorFacts WITHDRAWN = Seniors.bornOn(LocalDate.of(1940, 5, 10),
            Fact.localHousehold(Period.from(LocalDate.of(1940, 5, 10))),
            Fact.enrolment(EnrolmentState.APPROVED, Period.between(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 5, 1))),
            Fact.enrolment(EnrolmentState.WITHDRAWN, Period.from(LocalDate.of(2024, 5, 1))));

    /** The same senior, who died before the meal. */
    static final SeniorFacts DECEASED = Seniors.bornOn(LocalDate.of(1940, 5, 10),
            Fact.localHousehold(Period.from(LocalDate.of(1940, 5, 10))),
            Fact.enrolment(EnrolmentState.APPROVED, Period.from(LocalDate.of(2023, 1, 1))),
            Fact.death(LocalDate.of(2024, 5, 12)));

    private Policies() {
    }

    /** A version like Tianjin's that covers only lunch, on working days. */
    static PolicyVersion lunchOnWorkingDays() {
        return PolicyVersion.builder()
                .id("test-lunch").jurisdiction("test").titleZh("测试")
                .effectiveFrom(LocalDate.of(2020, 1, 1))
                .sources(List.of(new LegalSource("test", null, null, null)))
                .subsidyPerMeal(Money.ofYuan(3)).operatingSubsidyPerMeal(Money.ofYuan(2))
                .maxSubsidisedMealsPerDay(1).maxSubsidisedMealsPerWeek(5)
                .mealSlots(Set.of(MealSlot.LUNCH)).qualifyingDays(QualifyingDays.WORKING_DAYS)
                .standardSet(new StandardSetRule(Money.ofYuan(13), 50))
                .route(RouteRule.minimumAge(EligibilityRoute.AGE_80_LOCAL, 80))
                .build();
    }
}
