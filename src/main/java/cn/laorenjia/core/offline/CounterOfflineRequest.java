package cn.laorenjia.core.offline;

import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.subsidy.MealRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a counter knows when it decides a meal offline.
 *
 * @param inCopy              whether the copy holds the card or code shown
 * @param senior              the senior's eligibility for the copy's day as the central assessed it when it made the
 *                            copy; empty when the copy does not hold the card or code shown, or holds them without an
 *                            assessment the counter can decide by (a copy of an older format, or made under a version
 *                            this counter does not know): then the copy cannot decide ({@code OFFLINE_COPY_STALE})
 * @param policy              the version the copy was made under (its parameters); empty when none was in force or
 *                            this counter does not know it
 * @param meal                the meal now: {@code servedAt} is the counter's clock, the set's price and slot from its
 *                            menu, the canteen's standard price, and the quota used today and this week — the copy's
 *                            counts (when the copy is of this day and week) plus the subsidised meals this counter
 *                            sold since
 * @param copyDay             the day the copy (menu and seniors) was made for; if its parts were made for different
 *                            days, pass one that is not today
 * @param copyMadeAt          when the central made the copy
 * @param maxCopyAge          how old a copy the counter may decide from
 * @param grantsOffline       whether this terminal gives the subsidy offline at all
 * @param grantedOfflineToday the subsidies this terminal granted offline on the meal's day (its journal's count)
 * @param offlineLimit        how many it may grant offline per day
 */
public record CounterOfflineRequest(boolean inCopy, Optional<Eligibility> senior, Optional<PolicyVersion> policy,
                                    MealRequest meal, LocalDate copyDay, Instant copyMadeAt, Duration maxCopyAge,
                                    boolean grantsOffline, int grantedOfflineToday, int offlineLimit) {

    public CounterOfflineRequest {
        Objects.requireNonNull(senior, "senior");
        if (senior.isPresent() && !inCopy) {
            throw new IllegalArgumentException("a senior assessed in the copy is in the copy");
        }
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(meal, "meal");
        Objects.requireNonNull(copyDay, "copyDay");
        Objects.requireNonNull(copyMadeAt, "copyMadeAt");
        Objects.requireNonNull(maxCopyAge, "maxCopyAge");
        if (maxCopyAge.isNegative()) {
            throw new IllegalArgumentException("the copy's maximum age cannot be negative: " + maxCopyAge);
        }
        if (grantedOfflineToday < 0 || offlineLimit < 0) {
            throw new IllegalArgumentException("offline grant counts cannot be negative");
        }
        if (senior.isPresent() && !policy.map(PolicyVersion::id).orElse("").equals(senior.get().policyVersionId())) {
            // one copy, one version: an assessment under another version is a broken copy, not a refusal
            throw new IllegalArgumentException("the senior was assessed under " + senior.get().policyVersionId()
                    + ", the copy carries " + policy.map(PolicyVersion::id).orElse("no version"));
        }
    }

    /** A request where the copy holds the senior exactly when it holds their assessment. */
    public CounterOfflineRequest(Optional<Eligibility> senior, Optional<PolicyVersion> policy, MealRequest meal,
                                 LocalDate copyDay, Instant copyMadeAt, Duration maxCopyAge, boolean grantsOffline,
                                 int grantedOfflineToday, int offlineLimit) {
        this(Objects.requireNonNull(senior, "senior").isPresent(), senior, policy, meal, copyDay, copyMadeAt,
                maxCopyAge, grantsOffline, grantedOfflineToday, offlineLimit);
    }
}
