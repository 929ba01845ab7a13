package cn.laorenjia.contract.offline;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * GET /api/counter/offline/snapshot. What a counter keeps to decide while the network is down, with the core's
 * rules ({@code CounterOfflineDecider}): the enrolled seniors eligible on {@code date} with the central's assessment
 * of each, their active cards, the quota they had used when the copy was made, and the policy version in force.
 *
 * <p>The version travels as its id within the canteen's {@code jurisdiction}: the counter ships the same versioned
 * policy files as the core and rebuilds the version from them; {@code perDay}, {@code perWeek} and {@code subsidyFen}
 * are the version's figures as the central read them, so a counter whose files say otherwise does not decide by its
 * own. Identity is masked as on every counter answer, and no age or birth date is sent (the decision does not use
 * them); card identifiers are identifiers, not secrets (a UID alone proves nothing).
 *
 * @param jurisdiction the canteen's jurisdiction, whose policy book the central took the version from
 * @param ruleVersion  the policy version in force on {@code date}, null when none was (then no senior is listed)
 * @param subsidy      the discount per subsidised meal ({@code subsidyFen})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfflineSnapshot(String canteenCode, String jurisdiction, LocalDate date, String week,
                              Instant generatedAt, String ruleVersion, int perDay, int perWeek,
                              @JsonProperty("subsidyFen") Money subsidy, List<SeniorEntry> seniors) {

    /** A copy made under the version in force on {@code date}. */
    public static OfflineSnapshot under(PolicyVersion version, String canteenCode, String jurisdiction, LocalDate date,
                                        Instant generatedAt, List<SeniorEntry> seniors) {
        if (!version.isInForceOn(date)) {
            throw new IllegalArgumentException(version.id() + " is not in force on " + date);
        }
        return new OfflineSnapshot(canteenCode, jurisdiction, date, ChinaCalendar.weekOf(date).toString(), generatedAt,
                version.id(), version.maxSubsidisedMealsPerDay(), version.maxSubsidisedMealsPerWeek(),
                version.subsidyPerMeal(), List.copyOf(seniors));
    }

    /** A copy of a day on which no version is in force: nobody to subsidise. */
    public static OfflineSnapshot withoutPolicy(String canteenCode, String jurisdiction, LocalDate date,
                                                Instant generatedAt) {
        return new OfflineSnapshot(canteenCode, jurisdiction, date, ChinaCalendar.weekOf(date).toString(), generatedAt,
                null, 0, 0, Money.ZERO, List.of());
    }

    /**
     * Whether this copy was made under {@code version} as the counter knows it: the same id and the same figures.
     * A counter whose policy files differ from the central's must not decide by its own.
     */
    public boolean madeUnder(PolicyVersion version) {
        return version.id().equals(ruleVersion) && version.maxSubsidisedMealsPerDay() == perDay
                && version.maxSubsidisedMealsPerWeek() == perWeek && version.subsidyPerMeal().equals(subsidy);
    }

    /**
     * One senior in the copy.
     *
     * @param eligibility the central's assessment on the copy's date under its version; null in a copy of an older
     *                    format, which therefore cannot decide
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SeniorEntry(long seniorId, String nameMasked, String idNumberMasked, Assessment eligibility,
                              int usedToday, int usedThisWeek, List<CardEntry> cards) {

        /** The senior as the central puts them in the copy. */
        public static SeniorEntry of(long seniorId, String nameMasked, String idNumberMasked, Eligibility assessed,
                                     int usedToday, int usedThisWeek, List<CardEntry> cards) {
            return new SeniorEntry(seniorId, nameMasked, idNumberMasked, Assessment.of(assessed), usedToday,
                    usedThisWeek, List.copyOf(cards));
        }

        /**
         * The central's assessment as the core takes it, for the copy's date and version; empty when the copy holds
         * none or one this counter cannot read (a route or reason it does not know).
         */
        public Optional<Eligibility> assessment(LocalDate date, String policyVersionId) {
            return eligibility == null ? Optional.empty() : eligibility.toEligibility(date, policyVersionId);
        }

        /** The routes the senior meets, as names ({@code AGE_80_LOCAL}); empty when unknown. */
        public List<String> routeNames() {
            return eligibility == null || eligibility.routes() == null ? List.of() : eligibility.routes();
        }
    }

    /**
     * An eligibility assessment on the wire: the routes met and every reason against (see {@link Eligibility}).
     * Only eligible seniors are in a copy today, so the reasons are empty; they travel so that the counter takes the
     * assessment as it was rather than presuming it.
     *
     * @param routes  {@link EligibilityRoute} names
     * @param reasons {@link ReasonCode} names, with the route a reason concerns
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assessment(List<String> routes, List<ReasonEntry> reasons) {

        public static Assessment of(Eligibility assessed) {
            return new Assessment(assessed.routes().stream().map(Enum::name).toList(),
                    assessed.reasons().stream().map(ReasonEntry::of).toList());
        }

        /** The core's value, or empty when this counter cannot read it (it is then no assessment to decide by). */
        public Optional<Eligibility> toEligibility(LocalDate date, String policyVersionId) {
            if (routes == null || reasons == null || date == null || policyVersionId == null) {
                return Optional.empty();
            }
            Set<EligibilityRoute> met = EnumSet.noneOf(EligibilityRoute.class);
            List<Reason> why = new ArrayList<>();
            try {
                for (String route : routes) {
                    met.add(EligibilityRoute.valueOf(route));
                }
                for (ReasonEntry reason : reasons) {
                    ReasonCode code = ReasonCode.valueOf(reason.code());
                    why.add(reason.route() == null ? Reason.of(code)
                            : Reason.forRoute(code, EligibilityRoute.valueOf(reason.route())));
                }
                return Optional.of(Eligibility.asAssessed(date, policyVersionId, met, why));
            } catch (IllegalArgumentException | IllegalStateException | NullPointerException unreadable) {
                // a name from a newer central, or neither route nor reason: not an assessment to grant by
                return Optional.empty();
            }
        }
    }

    /** @param route the route the reason concerns, null when it concerns none */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReasonEntry(String code, String route) {

        public static ReasonEntry of(Reason reason) {
            return new ReasonEntry(reason.code().name(), reason.route() == null ? null : reason.route().name());
        }
    }

    /** @param kind UID, SOCIAL_SECURITY or PRINTED_QR; {@code cardId} is what a signed printed code names */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CardEntry(long cardId, String kind, String identifier) {
    }

    /** The seniors, never null (a copy read from an older or damaged file may have none). */
    public List<SeniorEntry> seniorsOrNone() {
        return Objects.requireNonNullElse(seniors, List.of());
    }
}
