package cn.laorenjia.core.offline;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.subsidy.MealDecider;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.core.subsidy.MealRefusal;
import cn.laorenjia.core.subsidy.MealRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The counter's decision while it cannot reach the central: the same rules as a live sale ({@link MealDecider}, on
 * the central's assessment of the senior in the copy), and conservative on top. In this order:
 * <ol>
 *   <li>the copy must hold the senior ({@code OFFLINE_NOT_IN_COPY});</li>
 *   <li>the terminal must give subsidies offline at all ({@code OFFLINE_SUBSIDY_OFF});</li>
 *   <li>the copy must be of today and no older than allowed — eligibility, qualifying days and the quota depend on
 *       the date — and hold the central's assessment of the senior under a version the counter knows
 *       ({@code OFFLINE_COPY_STALE});</li>
 *   <li>the policy must allow it: eligibility, the set, slot and day, the quota as far as the counter knows
 *       ({@link MealRefusal}, every reason kept);</li>
 *   <li>the terminal must have granted fewer than its daily limit offline ({@code OFFLINE_LIMIT_REACHED}): the bound
 *       on what the canteen can be exposed to.</li>
 * </ol>
 * What other counters sold meanwhile it cannot know; those are the conflicts the central settles ({@link OfflineClaims}).
 */
public final class CounterOfflineDecider {

    private CounterOfflineDecider() {
    }

    public static CounterOfflineDecision decide(CounterOfflineRequest request) {
        MealRequest meal = request.meal();
        if (!request.inCopy()) {
            return refused(request, CounterOfflineRefusal.OFFLINE_NOT_IN_COPY,
                    CounterOfflineRefusal.OFFLINE_NOT_IN_COPY.messageZh(), 0, 0);
        }
        int leftThisWeek = request.policy().map(p -> Math.max(0, p.maxSubsidisedMealsPerWeek() - meal.usedThisWeek()))
                .orElse(0);
        int leftToday = request.policy().map(p -> Math.max(0, p.maxSubsidisedMealsPerDay() - meal.usedToday()))
                .map(left -> Math.min(left, leftThisWeek)).orElse(0);
        if (!request.grantsOffline()) {
            return refused(request, CounterOfflineRefusal.OFFLINE_SUBSIDY_OFF,
                    CounterOfflineRefusal.OFFLINE_SUBSIDY_OFF.messageZh(), leftToday, leftThisWeek);
        }
        if (stale(request)) {
            return refused(request, CounterOfflineRefusal.OFFLINE_COPY_STALE,
                    CounterOfflineRefusal.OFFLINE_COPY_STALE.messageZh(), leftToday, leftThisWeek);
        }
        Eligibility senior = request.senior().orElseThrow();
        PolicyVersion policy = request.policy().orElseThrow();
        MealDecision decision = MealDecider.decide(policy, senior, meal);
        if (!decision.subsidised()) {
            MealRefusal refusal = MealRefusal.of(decision);
            return new CounterOfflineDecision(false, refusal, refusal.messageZh(), decision.reasons(),
                    meal.setPrice(), Money.ZERO, meal.setPrice(), decision.remainingToday(),
                    decision.remainingThisWeek(), policy.id());
        }
        if (request.grantedOfflineToday() >= request.offlineLimit()) {
            return refused(request, CounterOfflineRefusal.OFFLINE_LIMIT_REACHED,
                    CounterOfflineRefusal.limitReachedZh(request.offlineLimit()), leftToday, leftThisWeek);
        }
        return new CounterOfflineDecision(true, null, "离线" + decision.announcementZh(), List.of(), meal.setPrice(),
                decision.discount(), decision.amountToPay(), decision.remainingToday(), decision.remainingThisWeek(),
                policy.id());
    }

    /**
     * A copy not of today, older than allowed, made under a version not in force today, or without an assessment of
     * the senior the counter can use cannot decide today. (With the senior assessed the policy is present: the
     * request holds an assessment only with the version it was made under.)
     */
    private static boolean stale(CounterOfflineRequest request) {
        if (request.senior().isEmpty()) {
            return true;
        }
        Eligibility senior = request.senior().get();
        LocalDate today = request.meal().mealDate();
        return !request.copyDay().equals(today)
                || !senior.date().equals(today)
                || !request.policy().orElseThrow().isInForceOn(today)
                || Duration.between(request.copyMadeAt(), request.meal().servedAt()).compareTo(request.maxCopyAge()) > 0;
    }

    private static CounterOfflineDecision refused(CounterOfflineRequest request, CounterOfflineRefusal refusal,
                                                  String messageZh, int leftToday, int leftThisWeek) {
        Money price = request.meal().setPrice();
        return new CounterOfflineDecision(false, refusal, messageZh, List.of(), price, Money.ZERO, price, leftToday,
                leftThisWeek, request.policy().map(PolicyVersion::id).orElse(null));
    }
}
