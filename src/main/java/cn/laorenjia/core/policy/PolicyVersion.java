package cn.laorenjia.core.policy;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One dated version of a jurisdiction's meal-assistance rule: the parameters in force from
 * {@link #effectiveFrom()} (inclusive) until {@link #effectiveUntil()} (exclusive, absent while in
 * force), with references to the legal text. Immutable and validated on construction; normally read
 * from a YAML file under {@code policies/} by {@link PolicyCatalog}.
 */
public final class PolicyVersion {

    private final String id;
    private final String jurisdiction;
    private final String titleZh;
    private final LocalDate effectiveFrom;
    private final LocalDate effectiveUntil;
    private final boolean effectiveDateConfirmed;
    private final boolean illustrative;
    private final List<LegalSource> sources;
    private final Money subsidyPerMeal;
    private final Money operatingSubsidyPerMeal;
    private final int maxSubsidisedMealsPerDay;
    private final int maxSubsidisedMealsPerWeek;
    private final Set<MealSlot> mealSlots;
    private final QualifyingDays qualifyingDays;
    private final StandardSetRule standardSet;
    private final Map<EligibilityRoute, RouteRule> routes;

    private PolicyVersion(Builder b) {
        this.id = requireText(b.id, "id");
        this.jurisdiction = requireText(b.jurisdiction, "jurisdiction");
        this.titleZh = requireText(b.titleZh, "title_zh");
        this.effectiveFrom = Objects.requireNonNull(b.effectiveFrom, id + ": effective_from is required");
        if (b.effectiveUntil != null && !effectiveFrom.isBefore(b.effectiveUntil)) {
            throw new IllegalArgumentException(id + ": effective_until must be after effective_from");
        }
        this.effectiveUntil = b.effectiveUntil;
        this.effectiveDateConfirmed = b.effectiveDateConfirmed;
        this.illustrative = b.illustrative;
        this.sources = List.copyOf(b.sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(id + ": at least one legal source is required");
        }
        this.subsidyPerMeal = Money.requireNonNegative(b.subsidyPerMeal, id + ": subsidy_per_meal");
        this.operatingSubsidyPerMeal = Money.requireNonNegative(b.operatingSubsidyPerMeal, id + ": operating_subsidy_per_meal");
        if (b.maxPerDay < 1 || b.maxPerWeek < 1) {
            throw new IllegalArgumentException(id + ": meal caps per day and per week must be at least 1");
        }
        this.maxSubsidisedMealsPerDay = b.maxPerDay;
        this.maxSubsidisedMealsPerWeek = b.maxPerWeek;
        if (b.mealSlots.isEmpty()) {
            throw new IllegalArgumentException(id + ": at least one meal slot must qualify");
        }
        this.mealSlots = Collections.unmodifiableSet(EnumSet.copyOf(b.mealSlots));
        this.qualifyingDays = Objects.requireNonNull(b.qualifyingDays, id + ": qualifying_days");
        this.standardSet = Objects.requireNonNull(b.standardSet, id + ": standard_set");
        if (b.routes.isEmpty()) {
            throw new IllegalArgumentException(id + ": at least one eligibility route is required");
        }
        this.routes = Collections.unmodifiableMap(new EnumMap<>(b.routes));
    }

    /**
     * This version's rules as if in force over [from, until): how a draft (never in force itself) or a past version
     * is replayed over a period of real traffic. Everything but the effective period is kept.
     */
    public PolicyVersion appliedOver(LocalDate from, LocalDate until) {
        Builder b = builder().id(id).jurisdiction(jurisdiction).titleZh(titleZh)
                .effectiveFrom(from).effectiveUntil(until)
                .effectiveDateConfirmed(effectiveDateConfirmed).illustrative(illustrative).sources(sources)
                .subsidyPerMeal(subsidyPerMeal).operatingSubsidyPerMeal(operatingSubsidyPerMeal)
                .maxSubsidisedMealsPerDay(maxSubsidisedMealsPerDay).maxSubsidisedMealsPerWeek(maxSubsidisedMealsPerWeek)
                .mealSlots(mealSlots).qualifyingDays(qualifyingDays).standardSet(standardSet);
        routes.values().forEach(b::route);
        return b.build();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A stable id such as {@code tianjin-2024}; recorded with every decision it made. */
    public String id() {
        return id;
    }

    /** The jurisdiction that issued this version (e.g. {@code tianjin}, also applied by {@code baodi}). */
    public String jurisdiction() {
        return jurisdiction;
    }

    public String titleZh() {
        return titleZh;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    /** The first day on which this version no longer applies; empty while it is the current version. */
    public Optional<LocalDate> effectiveUntil() {
        return Optional.ofNullable(effectiveUntil);
    }

    /** False when the effective dates are configured assumptions, not confirmed from the legal text. */
    public boolean effectiveDateConfirmed() {
        return effectiveDateConfirmed;
    }

    /** True for demonstration data that is not a real jurisdiction's rule. */
    public boolean illustrative() {
        return illustrative;
    }

    public List<LegalSource> sources() {
        return sources;
    }

    public boolean isInForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveUntil == null || date.isBefore(effectiveUntil));
    }

    /** True if at least one day is in force under both versions. */
    public boolean overlaps(PolicyVersion other) {
        boolean thisStartsBeforeOtherEnds = other.effectiveUntil == null || effectiveFrom.isBefore(other.effectiveUntil);
        boolean otherStartsBeforeThisEnds = effectiveUntil == null || other.effectiveFrom.isBefore(effectiveUntil);
        return thisStartsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /** The discount the senior gets per subsidised meal (3 yuan in Tianjin). */
    public Money subsidyPerMeal() {
        return subsidyPerMeal;
    }

    /**
     * The discount a subsidised meal at this set price gets: the subsidy per meal, capped at the price so the
     * senior never "earns" money on a meal. The one place the discount is computed (the decision, the counter's
     * offline grant and the central's offline classification all use it).
     */
    public Money discountOn(Money setPrice) {
        return subsidyPerMeal.min(Money.requireNonNegative(setPrice, "set price"));
    }

    /** Paid to the canteen per subsidised meal on top of reimbursing the discount (2 yuan in Tianjin). */
    public Money operatingSubsidyPerMeal() {
        return operatingSubsidyPerMeal;
    }

    public int maxSubsidisedMealsPerDay() {
        return maxSubsidisedMealsPerDay;
    }

    public int maxSubsidisedMealsPerWeek() {
        return maxSubsidisedMealsPerWeek;
    }

    public Set<MealSlot> mealSlots() {
        return mealSlots;
    }

    public QualifyingDays qualifyingDays() {
        return qualifyingDays;
    }

    public StandardSetRule standardSet() {
        return standardSet;
    }

    /** The routes this version recognises, in the fixed order of {@link EligibilityRoute}. */
    public Map<EligibilityRoute, RouteRule> routes() {
        return routes;
    }

    @Override
    public String toString() {
        return id + " [" + effectiveFrom + ", " + (effectiveUntil == null ? "…" : effectiveUntil) + ")";
    }

    /** Builds a version (used by the YAML loader and by tests). */
    public static final class Builder {
        private String id;
        private String jurisdiction;
        private String titleZh;
        private LocalDate effectiveFrom;
        private LocalDate effectiveUntil;
        private boolean effectiveDateConfirmed;
        private boolean illustrative;
        private List<LegalSource> sources = List.of();
        private Money subsidyPerMeal;
        private Money operatingSubsidyPerMeal;
        private int maxPerDay;
        private int maxPerWeek;
        private Set<MealSlot> mealSlots = Set.of();
        private QualifyingDays qualifyingDays;
        private StandardSetRule standardSet;
        private final Map<EligibilityRoute, RouteRule> routes = new EnumMap<>(EligibilityRoute.class);

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder jurisdiction(String jurisdiction) { this.jurisdiction = jurisdiction; return this; }
        public Builder titleZh(String titleZh) { this.titleZh = titleZh; return this; }
        public Builder effectiveFrom(LocalDate from) { this.effectiveFrom = from; return this; }
        public Builder effectiveUntil(LocalDate until) { this.effectiveUntil = until; return this; }
        public Builder effectiveDateConfirmed(boolean confirmed) { this.effectiveDateConfirmed = confirmed; return this; }
        public Builder illustrative(boolean illustrative) { this.illustrative = illustrative; return this; }
        public Builder sources(List<LegalSource> sources) { this.sources = sources; return this; }
        public Builder subsidyPerMeal(Money amount) { this.subsidyPerMeal = amount; return this; }
        public Builder operatingSubsidyPerMeal(Money amount) { this.operatingSubsidyPerMeal = amount; return this; }
        public Builder maxSubsidisedMealsPerDay(int max) { this.maxPerDay = max; return this; }
        public Builder maxSubsidisedMealsPerWeek(int max) { this.maxPerWeek = max; return this; }
        public Builder mealSlots(Set<MealSlot> slots) { this.mealSlots = slots; return this; }
        public Builder qualifyingDays(QualifyingDays days) { this.qualifyingDays = days; return this; }
        public Builder standardSet(StandardSetRule rule) { this.standardSet = rule; return this; }

        public Builder route(RouteRule rule) {
            if (routes.putIfAbsent(rule.route(), rule) != null) {
                throw new IllegalArgumentException(id + ": route " + rule.route() + " listed twice");
            }
            return this;
        }

        public PolicyVersion build() {
            return new PolicyVersion(this);
        }
    }
}
