package cn.laorenjia.core.policy;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Whether a senior is eligible on a date under a policy version.
 *
 * <p>{@link #routes()} are the routes whose conditions the senior meets (even when a status such as
 * institution residence blocks them, so an officer sees both). {@link #reasons()} lists every reason
 * the senior is not eligible: each blocking status, and, when no route is met, {@code NO_ROUTE} plus
 * why each route of the version fails. Eligible means: at least one route met and no reasons.
 */
public final class Eligibility {

    private final LocalDate date;
    private final String policyVersionId;
    private final OptionalInt age;
    private final Set<EligibilityRoute> routes;
    private final List<Reason> reasons;

    Eligibility(LocalDate date, String policyVersionId, int age, Set<EligibilityRoute> routes, List<Reason> reasons) {
        this(date, policyVersionId, OptionalInt.of(age), routes, reasons);
    }

    private Eligibility(LocalDate date, String policyVersionId, OptionalInt age, Set<EligibilityRoute> routes,
                        List<Reason> reasons) {
        this.date = Objects.requireNonNull(date);
        this.policyVersionId = Objects.requireNonNull(policyVersionId);
        this.age = age;
        this.routes = routes.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(routes));
        this.reasons = List.copyOf(reasons);
        if (this.routes.isEmpty() && this.reasons.isEmpty()) {
            throw new IllegalStateException("not eligible needs a reason");
        }
    }

    /**
     * An assessment made elsewhere, taken as it was: the central assesses each senior with {@link EligibilityRules}
     * when it makes a counter's offline copy, and the counter decides offline with that assessment, not its own.
     */
    public static Eligibility asAssessed(LocalDate date, String policyVersionId, int age, Set<EligibilityRoute> routes,
                                         List<Reason> reasons) {
        if (age < 0) {
            throw new IllegalArgumentException("age cannot be negative: " + age);
        }
        return new Eligibility(date, policyVersionId, OptionalInt.of(age), Objects.requireNonNull(routes, "routes"),
                Objects.requireNonNull(reasons, "reasons"));
    }

    /**
     * An assessment made elsewhere, taken as it was, without the senior's age: the meal decision does not use it, so
     * the counter's offline copy does not carry it (no more personal data on a counter than it needs).
     */
    public static Eligibility asAssessed(LocalDate date, String policyVersionId, Set<EligibilityRoute> routes,
                                         List<Reason> reasons) {
        return new Eligibility(date, policyVersionId, OptionalInt.empty(), Objects.requireNonNull(routes, "routes"),
                Objects.requireNonNull(reasons, "reasons"));
    }

    public boolean isEligible() {
        return reasons.isEmpty();
    }

    public LocalDate date() {
        return date;
    }

    public String policyVersionId() {
        return policyVersionId;
    }

    /** Age in full years on {@link #date()}; empty for an assessment taken without it ({@link #asAssessed}). */
    public OptionalInt age() {
        return age;
    }

    public Set<EligibilityRoute> routes() {
        return routes;
    }

    public List<Reason> reasons() {
        return reasons;
    }

    public Set<ReasonCode> reasonCodes() {
        Set<ReasonCode> codes = EnumSet.noneOf(ReasonCode.class);
        reasons.forEach(r -> codes.add(r.code()));
        return codes;
    }

    @Override
    public String toString() {
        return (isEligible() ? "eligible " + routes : "not eligible " + reasons) + " on " + date + " by " + policyVersionId;
    }
}
