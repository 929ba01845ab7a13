package cn.laorenjia.core.subsidy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.LegalSource;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetQualificationTest {

    private static final PolicyVersion TIANJIN_2024 = PolicyCatalog.loadDefault().book("tianjin")
            .version("tianjin-2024").orElseThrow();
    private static final LocalDate MONDAY = LocalDate.of(2024, 5, 13);
    private static final LocalDate SATURDAY = LocalDate.of(2024, 5, 18);
    private static final Money STANDARD = Money.ofFen(1500);

    /** Lunch only, Monday to Friday, reference 13 yuan ±50%. */
    private static final PolicyVersion LUNCH_ON_WORKING_DAYS = PolicyVersion.builder()
            .id("test-lunch").jurisdiction("test").titleZh("测试")
            .effectiveFrom(LocalDate.of(2020, 1, 1))
            .sources(List.of(new LegalSource("test", null, null, null)))
            .subsidyPerMeal(Money.ofYuan(3)).operatingSubsidyPerMeal(Money.ofYuan(2))
            .maxSubsidisedMealsPerDay(1).maxSubsidisedMealsPerWeek(5)
            .mealSlots(Set.of(MealSlot.LUNCH)).qualifyingDays(QualifyingDays.WORKING_DAYS)
            .standardSet(new StandardSetRule(Money.ofYuan(13), 50))
            .route(RouteRule.minimumAge(EligibilityRoute.AGE_80_LOCAL, 80))
            .build();

    private static Optional<String> whyNot(PolicyVersion policy, Money standard, MealSlot slot, long priceFen,
                                           LocalDate day) {
        return SetQualification.whyNot(Optional.ofNullable(policy), standard, slot, Money.ofFen(priceFen), day)
                .map(n -> n.code() + " " + n.messageZh());
    }

    @Test
    void aSetAtOrAboveTheStandardPriceQualifies() {
        assertEquals(Optional.empty(), whyNot(TIANJIN_2024, STANDARD, MealSlot.LUNCH, 1500, MONDAY));
        assertEquals(Optional.empty(), whyNot(TIANJIN_2024, STANDARD, MealSlot.BREAKFAST, 2800, SATURDAY));
        assertEquals(Optional.of("BELOW_STANDARD_PRICE 低于标准套餐价格（15.00元）"),
                whyNot(TIANJIN_2024, STANDARD, MealSlot.LUNCH, 1499, MONDAY));
        assertEquals(Optional.of("BELOW_STANDARD_PRICE 低于标准套餐价格（15.00元）"),
                whyNot(TIANJIN_2024, STANDARD, MealSlot.LUNCH, 200, MONDAY));
    }

    @Test
    void eachReasonInTheCashiersWordsTheCanteenWideOnesFirst() {
        assertEquals(Optional.of("NO_POLICY_IN_FORCE 今日没有生效的助餐政策"),
                whyNot(null, STANDARD, MealSlot.LUNCH, 1500, MONDAY));
        // a standard price outside 6.50..19.50: no set qualifies, whatever else is wrong with it
        assertEquals(Optional.of("STANDARD_PRICE_OUT_OF_RANGE 食堂标准套餐价格超出政策允许范围"),
                whyNot(LUNCH_ON_WORKING_DAYS, Money.ofFen(2000), MealSlot.DINNER, 1000, SATURDAY));
        assertEquals(Optional.of("SLOT_NOT_COVERED 晚餐不享受补贴"),
                whyNot(LUNCH_ON_WORKING_DAYS, STANDARD, MealSlot.DINNER, 1000, SATURDAY));
        assertEquals(Optional.of("DAY_NOT_COVERED 今日不享受补贴"),
                whyNot(LUNCH_ON_WORKING_DAYS, STANDARD, MealSlot.LUNCH, 1000, SATURDAY));
        assertEquals(Optional.of("BELOW_STANDARD_PRICE 低于标准套餐价格（15.00元）"),
                whyNot(LUNCH_ON_WORKING_DAYS, STANDARD, MealSlot.LUNCH, 1000, MONDAY));
        assertEquals(Optional.empty(), whyNot(LUNCH_ON_WORKING_DAYS, STANDARD, MealSlot.LUNCH, 1500, MONDAY));
    }

    @Test
    void allReasonsInTheDecisionsOrder() {
        assertEquals(List.of(Reason.of(ReasonCode.SLOT_NOT_COVERED), Reason.of(ReasonCode.DAY_NOT_COVERED),
                        Reason.of(ReasonCode.STANDARD_PRICE_OUT_OF_RANGE), Reason.of(ReasonCode.BELOW_STANDARD_PRICE)),
                SetQualification.reasons(LUNCH_ON_WORKING_DAYS, MealSlot.DINNER, SATURDAY, Money.ofFen(1000),
                        Money.ofFen(2000)));
        assertEquals(List.of(), SetQualification.reasons(TIANJIN_2024, MealSlot.DINNER, SATURDAY, STANDARD, STANDARD));
        assertThrows(IllegalArgumentException.class, () -> SetQualification.reasons(TIANJIN_2024, MealSlot.LUNCH,
                MONDAY, Money.ofFen(-1), STANDARD));
        assertThrows(NullPointerException.class, () -> SetQualification.reasons(TIANJIN_2024, null, MONDAY,
                STANDARD, STANDARD));
    }

    @Test
    void theMenuAndTheDecisionCannotDisagree() {
        SeniorFacts eligible = Seniors.bornOn(LocalDate.of(1940, 5, 10),
                Fact.localHousehold(Period.from(LocalDate.of(1940, 5, 10))),
                Fact.enrolment(EnrolmentState.APPROVED, Period.from(LocalDate.of(2023, 1, 1))));
        for (LocalDate day : List.of(MONDAY, SATURDAY)) {
            for (MealSlot slot : MealSlot.values()) {
                for (long price : new long[] {200, 1000, 1499, 1500, 2800}) {
                    for (Money standard : List.of(STANDARD, Money.ofFen(2000))) {
                        Instant noon = day.atTime(12, 0).toInstant(ZoneOffset.ofHours(8));
                        MealRequest meal = new MealRequest(noon, slot, Money.ofFen(price), standard, 0, 0);
                        MealDecision d = MealDecider.decide(LUNCH_ON_WORKING_DAYS,
                                EligibilityRules.assess(eligible, day, LUNCH_ON_WORKING_DAYS), meal);
                        assertEquals(d.subsidised(), SetQualification.whyNot(Optional.of(LUNCH_ON_WORKING_DAYS),
                                standard, slot, Money.ofFen(price), day).isEmpty(), day + " " + slot + " " + price);
                    }
                }
            }
        }
    }
}
