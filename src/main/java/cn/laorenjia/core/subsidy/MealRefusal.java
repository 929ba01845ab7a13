package cn.laorenjia.core.subsidy;

import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.refusal.RefusalCode;
import java.util.Collection;
import java.util.Objects;

/**
 * The one refusal a cashier is shown for a meal that is not subsidised, chosen from all its reasons in the order a
 * cashier needs it: who the senior is, then what was chosen, then the quota. The live counter, the counter deciding
 * offline and the central classifying a synced offline sale all name a refusal this way. Every detailed reason stays
 * in the decision.
 */
public enum MealRefusal implements RefusalCode {
    NOT_ELIGIBLE("老人不符合助餐补贴条件", "老人不符合助餐补贴条件，本餐按原价收费"),
    NOT_ENROLLED("老人未登记或助餐资格未生效", "老人未登记或助餐资格未生效，本餐按原价收费"),
    BELOW_STANDARD_PRICE("所选套餐低于标准套餐价格", "所选套餐低于标准套餐价格，不享受补贴，按原价收费"),
    QUOTA_USED_THIS_WEEK("本周补贴次数已用完", "本周补贴次数已用完，本餐按原价收费"),
    QUOTA_USED_TODAY("今日补贴次数已用完", "今日补贴次数已用完，本餐按原价收费"),
    MEAL_NOT_COVERED("该餐次或日期不享受补贴", "该餐次或日期不享受补贴，本餐按原价收费");

    private final String factZh;
    private final String messageZh;

    MealRefusal(String factZh, String messageZh) {
        this.factZh = factZh;
        this.messageZh = messageZh;
    }

    /** The fact alone ("今日补贴次数已用完"), for messages that say what follows from it. */
    public String factZh() {
        return factZh;
    }

    /** What the cashier reads: the fact and that the meal is charged at full price. */
    @Override
    public String messageZh() {
        return messageZh;
    }

    /** The refusal for a decision that is not subsidised. */
    public static MealRefusal of(MealDecision decision) {
        if (decision.subsidised()) {
            throw new IllegalArgumentException("a subsidised meal is not refused");
        }
        return of(decision.reasonCodes());
    }

    /** The refusal for these reasons (at least one). */
    public static MealRefusal of(Collection<ReasonCode> reasons) {
        Objects.requireNonNull(reasons, "reasons");
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        MealRefusal top = null;
        for (ReasonCode code : reasons) {
            MealRefusal r = of(code);
            if (top == null || r.ordinal() < top.ordinal()) {
                top = r;
            }
        }
        return top;
    }

    /** The refusal a single reason stands for; exhaustive, so a new reason code must be placed here. */
    public static MealRefusal of(ReasonCode code) {
        return switch (code) {
            case DECEASED, IN_INSTITUTION, CENTRALISED_SUPPORT, NO_ROUTE, NOT_LOCAL, UNDER_AGE_FOR_ROUTE,
                 OVER_AGE_FOR_ROUTE, NOT_VISITING_CARE_OBJECT, NO_HOME_CARE_SUBSIDY, NOT_LOW_INCOME,
                 DISABILITY_NOT_SEVERE, NO_HARDSHIP_DISABILITY_ALLOWANCE, DISABILITY_GRADE_NOT_SEVERE -> NOT_ELIGIBLE;
            case NOT_ENROLLED, ENROLMENT_NOT_APPROVED, ENROLMENT_SUSPENDED, ENROLMENT_WITHDRAWN -> NOT_ENROLLED;
            case BELOW_STANDARD_PRICE -> BELOW_STANDARD_PRICE;
            case WEEKLY_QUOTA_EXHAUSTED -> QUOTA_USED_THIS_WEEK;
            case DAILY_QUOTA_EXHAUSTED -> QUOTA_USED_TODAY;
            case NO_POLICY_IN_FORCE, SLOT_NOT_COVERED, DAY_NOT_COVERED, STANDARD_PRICE_OUT_OF_RANGE -> MEAL_NOT_COVERED;
        };
    }
}
