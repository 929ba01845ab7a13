package cn.laorenjia.core.policy;

import cn.laorenjia.core.senior.DisabilityLevel;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.SeniorFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The eligibility routes and exclusions of the meal-assistance policy, as code.
 *
 * <p>Order of the checks does not matter: every failing condition is reported, because a civil-affairs
 * officer fixing a senior's record needs all of them, not the first one.
 */
public final class EligibilityRules {

    private EligibilityRules() {
    }

    /** Eligibility of this senior on this (Asia/Shanghai) date under this policy version. */
    public static Eligibility assess(SeniorFacts senior, LocalDate date, PolicyVersion policy) {
        List<Reason> reasons = new ArrayList<>(statusReasons(senior, date));
        int age = senior.ageOn(date);
        Set<EligibilityRoute> met = EnumSet.noneOf(EligibilityRoute.class);
        List<Reason> routeFailures = new ArrayList<>();
        for (RouteRule rule : policy.routes().values()) {
            List<Reason> failures = check(rule, senior, date, age);
            if (failures.isEmpty()) {
                met.add(rule.route());
            }
            routeFailures.addAll(failures);
        }
        if (met.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.NO_ROUTE));
            reasons.addAll(routeFailures);
        }
        return new Eligibility(date, policy.id(), age, met, reasons);
    }

    /**
     * Why this one route does not apply on that date (empty if its conditions are met), whatever the other routes: a
     * reviewer compares the route an applicant claims with those the senior meets, and {@link #assess} reports route
     * failures only when no route is met. Status conditions (enrolment, death, ...) are not route conditions: see
     * {@link #assess}.
     *
     * @throws IllegalArgumentException if the policy version has no such route
     */
    public static List<Reason> routeFailures(SeniorFacts senior, LocalDate date, PolicyVersion policy,
                                             EligibilityRoute route) {
        RouteRule rule = policy.routes().get(route);
        if (rule == null) {
            throw new IllegalArgumentException(policy.id() + " has no route " + route);
        }
        return List.copyOf(check(rule, senior, date, senior.ageOn(date)));
    }

    /** Conditions that block every route: enrolment, death, institution, centralised support. */
    static List<Reason> statusReasons(SeniorFacts senior, LocalDate date) {
        List<Reason> reasons = new ArrayList<>();
        if (senior.isDeceasedOn(date)) {
            reasons.add(Reason.of(ReasonCode.DECEASED));
        }
        // Enrolment is voluntary (经自愿申请): only an approved application receives subsidies.
        Optional<EnrolmentState> enrolment = senior.enrolmentOn(date);
        if (enrolment.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.NOT_ENROLLED));
        } else {
            switch (enrolment.get()) {
                case APPLIED -> reasons.add(Reason.of(ReasonCode.ENROLMENT_NOT_APPROVED));
                case SUSPENDED -> reasons.add(Reason.of(ReasonCode.ENROLMENT_SUSPENDED));
                case WITHDRAWN -> reasons.add(Reason.of(ReasonCode.ENROLMENT_WITHDRAWN));
                case APPROVED -> { }
            }
        }
        // "不含入住养老机构和已纳入集中供养的老年人": excluded whatever the route.
        if (senior.livesInInstitutionOn(date)) {
            reasons.add(Reason.of(ReasonCode.IN_INSTITUTION));
        }
        if (senior.isInCentralisedSupportOn(date)) {
            reasons.add(Reason.of(ReasonCode.CENTRALISED_SUPPORT));
        }
        return reasons;
    }

    /** Why this route does not apply; empty if it does. */
    static List<Reason> check(RouteRule rule, SeniorFacts senior, LocalDate date, int age) {
        EligibilityRoute route = rule.route();
        List<Reason> failures = new ArrayList<>();
        if (rule.isUnderAge(age)) {
            failures.add(Reason.forRoute(ReasonCode.UNDER_AGE_FOR_ROUTE, route));
        }
        if (rule.isOverAge(age)) {
            failures.add(Reason.forRoute(ReasonCode.OVER_AGE_FOR_ROUTE, route));
        }
        switch (route) {
            case AGE_80_LOCAL -> requireLocal(senior, date, route, failures);
            case AGE_70_VISITING_CARE -> {
                requireLocal(senior, date, route, failures);
                if (senior.visitingCareCategoriesOn(date).isEmpty()) {
                    failures.add(Reason.forRoute(ReasonCode.NOT_VISITING_CARE_OBJECT, route));
                }
            }
            case HOME_CARE_LOW_INCOME_SEVERE_DISABILITY -> {
                // Receiving the city's home-care subsidy already implies local registration, so the
                // text adds no separate household condition and neither do we.
                if (!senior.receivesHomeCareSubsidyOn(date)) {
                    failures.add(Reason.forRoute(ReasonCode.NO_HOME_CARE_SUBSIDY, route));
                }
                if (senior.lowIncomeStatusOn(date).isEmpty()) {
                    failures.add(Reason.forRoute(ReasonCode.NOT_LOW_INCOME, route));
                }
                if (!senior.disabilityLevelOn(date).map(DisabilityLevel::isSevereOrWorse).orElse(false)) {
                    failures.add(Reason.forRoute(ReasonCode.DISABILITY_NOT_SEVERE, route));
                }
            }
            case HARDSHIP_DISABILITY_60_TO_70 -> {
                OptionalInt grade = senior.hardshipDisabilityGradeOn(date);
                if (grade.isEmpty()) {
                    failures.add(Reason.forRoute(ReasonCode.NO_HARDSHIP_DISABILITY_ALLOWANCE, route));
                } else if (grade.getAsInt() > rule.maxDisabilityGrade()) {
                    failures.add(Reason.forRoute(ReasonCode.DISABILITY_GRADE_NOT_SEVERE, route));
                }
            }
        }
        return failures;
    }

    private static void requireLocal(SeniorFacts senior, LocalDate date, EligibilityRoute route, List<Reason> failures) {
        if (!senior.isLocalHouseholdOn(date)) {
            failures.add(Reason.forRoute(ReasonCode.NOT_LOCAL, route));
        }
    }
}
