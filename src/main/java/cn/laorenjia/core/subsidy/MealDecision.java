package cn.laorenjia.core.subsidy;

import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome for one meal: what the senior pays, what the canteen is owed, how much quota is left,
 * and why. Immutable; the settlement ledger records it as decided, with the deciding version id.
 *
 * @param subsidised         whether this meal is a subsidised meal (uses one day and one week quota)
 * @param setPrice           the price of the chosen set
 * @param discount           taken off the price at the counter (3 yuan in Tianjin), zero if not subsidised;
 *                           never more than the set price
 * @param amountToPay        set price minus discount, never negative
 * @param operatingSubsidy   owed to the canteen for this meal (2 yuan in Tianjin), zero if not subsidised
 * @param remainingToday     subsidised meals still possible on this date after this meal (also bounded by the week)
 * @param remainingThisWeek  subsidised meals still possible in this natural week after this meal
 * @param routes             the eligibility routes whose conditions the senior met on the meal date (a
 *                           status such as institution residence may still block them; see reasons)
 * @param reasons            why the meal is not subsidised; empty when it is
 * @param policyVersionId    the rule version that decided, or null when no version was in force
 * @param mealDate           the meal's date in Asia/Shanghai
 * @param week               the meal's natural week
 */
public record MealDecision(boolean subsidised, Money setPrice, Money discount, Money amountToPay,
                           Money operatingSubsidy, int remainingToday, int remainingThisWeek,
                           Set<EligibilityRoute> routes, List<Reason> reasons, String policyVersionId,
                           LocalDate mealDate, WeekId week) {

    public MealDecision {
        Objects.requireNonNull(setPrice);
        Objects.requireNonNull(discount);
        Objects.requireNonNull(amountToPay);
        Objects.requireNonNull(operatingSubsidy);
        Objects.requireNonNull(mealDate);
        Objects.requireNonNull(week);
        routes = routes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(routes));
        reasons = List.copyOf(reasons);
        if (subsidised != reasons.isEmpty()) {
            throw new IllegalStateException("a meal is subsidised exactly when there is no reason against it");
        }
        if (!discount.plus(amountToPay).equals(setPrice) || amountToPay.isNegative() || discount.isNegative()) {
            throw new IllegalStateException("discount + amount to pay must equal the set price");
        }
    }

    /** Everything the canteen is owed for this meal: the discount it granted plus the operating subsidy. */
    public Money canteenReimbursement() {
        return discount.plus(operatingSubsidy);
    }

    public Optional<String> decidedBy() {
        return Optional.ofNullable(policyVersionId);
    }

    public Set<ReasonCode> reasonCodes() {
        Set<ReasonCode> codes = EnumSet.noneOf(ReasonCode.class);
        reasons.forEach(r -> codes.add(r.code()));
        return codes;
    }

    public boolean has(ReasonCode code) {
        return reasons.stream().anyMatch(r -> r.code() == code);
    }

    /**
     * What the senior-facing display says and the voice prompt reads, e.g. "减免3元，本周还剩2次", or
     * "本餐不享受补贴：今日补贴次数已用完".
     */
    public String announcementZh() {
        if (subsidised) {
            return "减免" + yuanForSpeech(discount) + "元，本周还剩" + remainingThisWeek + "次";
        }
        return "本餐不享受补贴：" + reasons.get(0).code().labelZh();
    }

    /** "3" for 300 fen, "2.5" for 250 fen: spoken amounts drop trailing zeros. */
    static String yuanForSpeech(Money amount) {
        String text = amount.toYuanString();
        if (text.endsWith(".00")) {
            return text.substring(0, text.length() - 3);
        }
        return text.endsWith("0") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Whether the senior, as a person, may have subsidised meals: a route applies and nothing about the senior (death,
     * an institution, the enrolment) blocks it. A meal refused only for the quota, the set or the day leaves the senior
     * eligible; the counter must not call a deceased or withdrawn senior "符合助餐条件".
     */
    public boolean seniorEligible() {
        return !routes.isEmpty() && reasons.stream().map(r -> MealRefusal.of(r.code()))
                .noneMatch(r -> r == MealRefusal.NOT_ELIGIBLE || r == MealRefusal.NOT_ENROLLED);
    }
}
