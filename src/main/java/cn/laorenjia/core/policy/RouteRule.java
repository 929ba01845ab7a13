package cn.laorenjia.core.policy;

import java.util.Objects;

/**
 * The parameters of one eligibility route in one policy version: the age bounds in full years, and
 * for the hardship-disability route the least severe disability grade accepted (grades run 1 = most
 * severe to 4). What each route checks is code ({@link EligibilityRules}); the numbers are data.
 *
 * @param minAge               inclusive
 * @param maxAgeExclusive      exclusive, or null for no upper bound
 * @param maxDisabilityGrade   only for {@link EligibilityRoute#HARDSHIP_DISABILITY_60_TO_70}: grades
 *                             1..this qualify (2 = "一、二级"); null for the other routes
 */
public record RouteRule(EligibilityRoute route, int minAge, Integer maxAgeExclusive, Integer maxDisabilityGrade) {

    public RouteRule {
        Objects.requireNonNull(route, "route");
        if (minAge < 0 || minAge > 150) {
            throw new IllegalArgumentException(route + ": min_age out of range: " + minAge);
        }
        if (maxAgeExclusive != null && maxAgeExclusive <= minAge) {
            throw new IllegalArgumentException(route + ": max_age_exclusive must exceed min_age");
        }
        boolean hardship = route == EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70;
        if (hardship && (maxDisabilityGrade == null || maxDisabilityGrade < 1 || maxDisabilityGrade > 4)) {
            throw new IllegalArgumentException(route + ": max_disability_grade 1..4 is required");
        }
        if (!hardship && maxDisabilityGrade != null) {
            throw new IllegalArgumentException(route + ": max_disability_grade applies only to the hardship-disability route");
        }
    }

    public static RouteRule minimumAge(EligibilityRoute route, int minAge) {
        return new RouteRule(route, minAge, null, null);
    }

    public boolean isUnderAge(int age) {
        return age < minAge;
    }

    public boolean isOverAge(int age) {
        return maxAgeExclusive != null && age >= maxAgeExclusive;
    }
}
