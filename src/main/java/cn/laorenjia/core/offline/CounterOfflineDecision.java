package cn.laorenjia.core.offline;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.refusal.RefusalCode;
import java.util.List;
import java.util.Objects;

/**
 * What a counter decided offline: the subsidy granted, or refused with a code.
 *
 * @param granted           whether the subsidy is given
 * @param refusal           why not, null when granted: a {@link CounterOfflineRefusal} or the policy's
 *                          {@link cn.laorenjia.core.subsidy.MealRefusal}
 * @param messageZh         for the cashier: the refusal, or what the senior is told when granted
 * @param reasons           every reason of the policy against the subsidy, when the policy refused it
 * @param setPrice          the set's price
 * @param discount          taken off the price, zero when refused
 * @param amountToPay       what the senior pays
 * @param remainingToday    subsidised meals still possible today after this meal, as far as the counter knows
 * @param remainingThisWeek subsidised meals still possible this week after this meal, as far as the counter knows
 * @param policyVersionId   the version the counter decided under, null when it had none
 */
public record CounterOfflineDecision(boolean granted, RefusalCode refusal, String messageZh, List<Reason> reasons,
                                     Money setPrice, Money discount, Money amountToPay, int remainingToday,
                                     int remainingThisWeek, String policyVersionId) {

    public CounterOfflineDecision {
        Objects.requireNonNull(messageZh, "messageZh");
        reasons = List.copyOf(reasons);
        Money.requireNonNegative(setPrice, "set price");
        Money.requireNonNegative(discount, "discount");
        Money.requireNonNegative(amountToPay, "amount to pay");
        if (granted != (refusal == null)) {
            throw new IllegalArgumentException("a refusal is given exactly when the subsidy is not");
        }
        if (!discount.plus(amountToPay).equals(setPrice) || (!granted && !discount.isZero())) {
            throw new IllegalArgumentException("discount + amount to pay must equal the set price, no discount when refused");
        }
    }

    /** The refusal's stable code, null when granted. */
    public String code() {
        return refusal == null ? null : refusal.name();
    }

    /** What the senior-facing display says: "离线减免3元，本周还剩2次", or "按原价收费". */
    public String announcementZh() {
        return granted ? messageZh : "按原价收费";
    }
}
