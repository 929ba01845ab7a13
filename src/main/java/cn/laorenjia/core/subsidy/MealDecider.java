package cn.laorenjia.core.subsidy;

import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyBook;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.senior.SeniorFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The meal decision: is this meal subsidised, and what does everyone pay and receive?
 *
 * <p>Pure and deterministic: the same inputs give the same decision on any machine, in any JVM time
 * zone (dates are taken in Asia/Shanghai). The quota counters are inputs, because the quota is per
 * senior across all canteens and only the central ledger knows them; it must reserve the quota
 * atomically when it records a subsidised decision.
 */
public final class MealDecider {

    private MealDecider() {
    }

    /**
     * Decides a meal in a jurisdiction: finds the version in force on the meal's Shanghai date,
     * assesses eligibility on that date, and decides.
     */
    public static MealDecision decide(PolicyBook book, SeniorFacts senior, MealRequest meal) {
        LocalDate date = meal.mealDate();
        Optional<PolicyVersion> policy = book.inForceOn(date);
        if (policy.isEmpty()) {
            return notSubsidised(meal, date, meal.week(), Set.of(), List.of(Reason.of(ReasonCode.NO_POLICY_IN_FORCE)), null, 0, 0);
        }
        return decide(policy.get(), EligibilityRules.assess(senior, date, policy.get()), meal);
    }

    /**
     * Decides a meal given the version in force and the senior's eligibility, both for the meal's date.
     * Every reason against a subsidy is reported, not only the first.
     */
    public static MealDecision decide(PolicyVersion policy, Eligibility eligibility, MealRequest meal) {
        LocalDate date = meal.mealDate();
        WeekId week = meal.week();
        if (!policy.isInForceOn(date)) {
            throw new IllegalArgumentException(policy.id() + " is not in force on the meal date " + date);
        }
        if (!eligibility.date().equals(date) || !eligibility.policyVersionId().equals(policy.id())) {
            throw new IllegalArgumentException("eligibility was assessed for " + eligibility.date() + " under "
                    + eligibility.policyVersionId() + ", the meal is on " + date + " under " + policy.id());
        }
        List<Reason> reasons = new ArrayList<>(eligibility.reasons());
        // "享用标准套餐及以上价格的套餐": the set's own rule, shared with the counter's menu
        reasons.addAll(SetQualification.reasons(policy, meal.slot(), date, meal.setPrice(), meal.standardSetPrice()));
        int leftToday = Math.max(0, policy.maxSubsidisedMealsPerDay() - meal.usedToday());
        int leftThisWeek = Math.max(0, policy.maxSubsidisedMealsPerWeek() - meal.usedThisWeek());
        if (leftToday == 0) {
            reasons.add(Reason.of(ReasonCode.DAILY_QUOTA_EXHAUSTED));
        }
        if (leftThisWeek == 0) {
            reasons.add(Reason.of(ReasonCode.WEEKLY_QUOTA_EXHAUSTED));
        }
        if (!reasons.isEmpty()) {
            return notSubsidised(meal, date, week, eligibility.routes(), reasons, policy.id(), leftToday, leftThisWeek);
        }
        // Capped at the price: with a sane standard-set rule (price ≥ standard ≥ lowest allowed) the cap never
        // bites, but it is the invariant.
        Money discount = policy.discountOn(meal.setPrice());
        int weekAfter = leftThisWeek - 1;
        return new MealDecision(true, meal.setPrice(), discount, meal.setPrice().minus(discount),
                policy.operatingSubsidyPerMeal(), Math.min(leftToday - 1, weekAfter), weekAfter,
                eligibility.routes(), List.of(), policy.id(), date, week);
    }

    private static MealDecision notSubsidised(MealRequest meal, LocalDate date, WeekId week,
                                              Set<EligibilityRoute> routes,
                                              List<Reason> reasons, String versionId, int leftToday, int leftThisWeek) {
        return new MealDecision(false, meal.setPrice(), Money.ZERO, meal.setPrice(), Money.ZERO,
                Math.min(leftToday, leftThisWeek), leftThisWeek, routes, reasons, versionId, date, week);
    }
}
