package cn.laorenjia.core.subsidy;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a meal set can be subsidised on a day whoever the senior is: the slot, the day, the canteen's
 * standard set price against the policy's range, and the set's price against the standard ("享用标准套餐及以上
 * 价格的套餐"). {@link MealDecider} decides with these same reasons, so the counter's menu ("why this set does not
 * qualify") and the decision cannot disagree.
 */
public final class SetQualification {

    private SetQualification() {
    }

    /** Why a set cannot be subsidised, as a stable code and in the cashier's words. */
    public record NotQualifying(ReasonCode code, String messageZh) {
        public NotQualifying {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(messageZh, "messageZh");
        }
    }

    /**
     * Every reason this set does not qualify under a version in force on the day, in the order the decision
     * reports them (slot, day, the canteen's standard price, the set's price); empty when it qualifies.
     */
    public static List<Reason> reasons(PolicyVersion policy, MealSlot slot, LocalDate day, Money setPrice,
                                       Money standardSetPrice) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(day, "day");
        Money.requireNonNegative(setPrice, "set price");
        Money.requireNonNegative(standardSetPrice, "standard set price");
        List<Reason> reasons = new ArrayList<>(4);
        if (!policy.mealSlots().contains(slot)) {
            reasons.add(Reason.of(ReasonCode.SLOT_NOT_COVERED));
        }
        if (!policy.qualifyingDays().includes(day)) {
            reasons.add(Reason.of(ReasonCode.DAY_NOT_COVERED));
        }
        if (!policy.standardSet().allows(standardSetPrice)) {
            reasons.add(Reason.of(ReasonCode.STANDARD_PRICE_OUT_OF_RANGE));
        }
        // at or above the standard price qualifies; below does not
        if (setPrice.isLessThan(standardSetPrice)) {
            reasons.add(Reason.of(ReasonCode.BELOW_STANDARD_PRICE));
        }
        return List.copyOf(reasons);
    }

    /**
     * For the counter's menu: the one reason a set does not qualify on a day whoever the senior is, or empty when
     * it qualifies. The canteen-wide reasons come first (no version in force, a standard price out of range: then no
     * set qualifies), then the slot, the day, and the set's own price.
     */
    public static Optional<NotQualifying> whyNot(Optional<PolicyVersion> inForce, Money standardSetPrice,
                                                 MealSlot slot, Money setPrice, LocalDate day) {
        if (inForce.isEmpty()) {
            return Optional.of(new NotQualifying(ReasonCode.NO_POLICY_IN_FORCE, "今日没有生效的助餐政策"));
        }
        List<Reason> reasons = reasons(inForce.get(), slot, day, setPrice, standardSetPrice);
        for (ReasonCode code : List.of(ReasonCode.STANDARD_PRICE_OUT_OF_RANGE, ReasonCode.SLOT_NOT_COVERED,
                ReasonCode.DAY_NOT_COVERED, ReasonCode.BELOW_STANDARD_PRICE)) {
            if (reasons.contains(Reason.of(code))) {
                return Optional.of(new NotQualifying(code, messageZh(code, slot, standardSetPrice)));
            }
        }
        return Optional.empty();
    }

    private static String messageZh(ReasonCode code, MealSlot slot, Money standardSetPrice) {
        return switch (code) {
            case STANDARD_PRICE_OUT_OF_RANGE -> "食堂标准套餐价格超出政策允许范围";
            case SLOT_NOT_COVERED -> slot.labelZh() + "不享受补贴";
            case DAY_NOT_COVERED -> "今日不享受补贴";
            case BELOW_STANDARD_PRICE -> "低于标准套餐价格（" + standardSetPrice.toYuanString() + "元）";
            default -> throw new IllegalArgumentException("not a reason of the set: " + code);
        };
    }
}
