package cn.laorenjia.contract.offline;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * GET /api/counter/offline/snapshot. What a counter keeps to decide while the network is down, with the core's
 * rules ({@code CounterOfflineDecider}): the enrolled seniors of the canteen's jurisdiction eligible on {@code date}
 * with the central's assessment of each, their active cards, the quota they had used when the copy was made, and the
 * policy version in force. One copy per jurisdiction and version, the same for every counter of the jurisdiction.
 *
 * <p>The version travels as its id within the canteen's {@code jurisdiction}: the counter ships the same versioned
 * policy files as the core and rebuilds the version from them; {@code perDay}, {@code perWeek} and {@code subsidyFen}
 * are the version's figures as the central read them, so a counter whose files say otherwise does not decide by its
 * own. Identity is masked as on every counter answer, and no age or birth date is sent (the decision does not use
 * them). No card identifier is in it: each card is a keyed hash ({@link CardKey}) under {@code cardKey}, the key of
 * the jurisdiction and day, which the counter matches what it read against.
 *
 * <p>On the wire the seniors travel as columns ({@link SeniorColumns}): the same records, a fifth smaller gzip'd.
 *
 * <p>A copy is whole ({@code baseVersion} null) or a delta from the counter's {@code baseVersion} (asked with
 * {@code ?since=}): then {@code seniors} are the seniors added or changed and {@code removed} the ones gone; the
 * header is the new version's. {@link #applying} makes the new whole copy.
 *
 * @param jurisdiction the canteen's jurisdiction, whose policy book the central took the version from
 * @param ruleVersion  the policy version in force on {@code date}, null when none was (then no senior is listed)
 * @param subsidy      the discount per subsidised meal ({@code subsidyFen})
 * @param version      the copy's version: grows with every change of its content (the ETag names it)
 * @param baseVersion  for a delta, the version it applies to; null for a whole copy
 * @param cardKey      the key of the card hashes (base64url), null in a copy of an older format
 * @param removed      for a delta, the seniors no longer in the copy
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfflineSnapshot(String jurisdiction, LocalDate date, String week, Instant generatedAt,
                              String ruleVersion, int perDay, int perWeek,
                              @JsonProperty("subsidyFen") Money subsidy, long version, Long baseVersion,
                              String cardKey,
                              @JsonSerialize(using = SeniorColumns.Writer.class)
                              @JsonDeserialize(using = SeniorColumns.Reader.class) List<SeniorEntry> seniors,
                              List<Long> removed) {

    /** A whole copy made under the version in force on {@code date}. */
    public static OfflineSnapshot under(PolicyVersion version, String jurisdiction, LocalDate date,
                                        Instant generatedAt, long copyVersion, CardKey key,
                                        List<SeniorEntry> seniors) {
        if (!version.isInForceOn(date)) {
            throw new IllegalArgumentException(version.id() + " is not in force on " + date);
        }
        return new OfflineSnapshot(jurisdiction, date, ChinaCalendar.weekOf(date).toString(), generatedAt,
                version.id(), version.maxSubsidisedMealsPerDay(), version.maxSubsidisedMealsPerWeek(),
                version.subsidyPerMeal(), copyVersion, null, key.text(), List.copyOf(seniors), null);
    }

    /** A copy of a day on which no version is in force: nobody to subsidise. */
    public static OfflineSnapshot withoutPolicy(String jurisdiction, LocalDate date, Instant generatedAt,
                                                long copyVersion, CardKey key) {
        return new OfflineSnapshot(jurisdiction, date, ChinaCalendar.weekOf(date).toString(), generatedAt,
                null, 0, 0, Money.ZERO, copyVersion, null, key.text(), List.of(), null);
    }

    /** Whether this is a delta (to apply to the copy of {@code baseVersion}) rather than a whole copy. */
    @JsonIgnore
    public boolean isDelta() {
        return baseVersion != null;
    }

    /** The delta from {@code base} to this whole copy: the seniors {@code changed} (added or changed) and removed. */
    public OfflineSnapshot deltaFrom(long base, List<SeniorEntry> changed, List<Long> removedIds) {
        if (isDelta()) {
            throw new IllegalStateException("a delta is made from a whole copy");
        }
        return new OfflineSnapshot(jurisdiction, date, week, generatedAt, ruleVersion, perDay, perWeek, subsidy,
                version, base, cardKey, List.copyOf(changed), List.copyOf(removedIds));
    }

    /**
     * The whole copy {@code next} makes of this one: {@code next} itself when it is whole, else this copy's seniors
     * with the delta's changes, under the delta's header.
     *
     * @throws IllegalArgumentException when {@code next} is a delta from another version than this one
     */
    public OfflineSnapshot applying(OfflineSnapshot next) {
        if (!next.isDelta()) {
            return next;
        }
        if (isDelta() || next.baseVersion() != version) {
            throw new IllegalArgumentException("a delta from version " + next.baseVersion()
                    + " does not apply to version " + version);
        }
        Map<Long, SeniorEntry> merged = new TreeMap<>();
        for (SeniorEntry s : seniorsOrNone()) {
            merged.put(s.seniorId(), s);
        }
        for (Long gone : Objects.requireNonNullElse(next.removed(), List.<Long>of())) {
            merged.remove(gone);
        }
        for (SeniorEntry s : next.seniorsOrNone()) {
            merged.put(s.seniorId(), s);
        }
        return new OfflineSnapshot(next.jurisdiction, next.date, next.week, next.generatedAt, next.ruleVersion,
                next.perDay, next.perWeek, next.subsidy, next.version, null, next.cardKey,
                List.copyOf(merged.values()), null);
    }

    /** The same copy with {@code key} (base64url, or null) as its card key: the counter keeps the key apart. */
    public OfflineSnapshot withCardKey(String key) {
        return new OfflineSnapshot(jurisdiction, date, week, generatedAt, ruleVersion, perDay, perWeek, subsidy,
                version, baseVersion, key, seniors, removed);
    }

    /** The key of the card hashes; empty in a copy of an older format (which then matches no card). */
    public Optional<CardKey> key() {
        try {
            return cardKey == null ? Optional.empty() : Optional.of(CardKey.parse(cardKey));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
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

    /**
     * A card as the copy holds it: its kind and its keyed hash ({@link CardKey#hash}) of the identifier, or for a
     * printed code ({@code PRINTED_QR}) of the card id its signed text names. No identifier in clear.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CardEntry(String kind, String hash) {

        /** The card of {@code kind} with {@code identifier} (a card id for a printed code), hashed with {@code key}. */
        public static CardEntry of(CardKey key, String kind, String identifier) {
            return new CardEntry(kind, key.hash(kind, identifier));
        }
    }

    /** The seniors, never null (a copy read from an older or damaged file may have none). */
    public List<SeniorEntry> seniorsOrNone() {
        return Objects.requireNonNullElse(seniors, List.of());
    }
}
