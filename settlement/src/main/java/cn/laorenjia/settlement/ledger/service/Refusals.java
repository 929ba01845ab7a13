package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.contract.meal.RefusalReason;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.core.subsidy.MealRefusal;
import cn.laorenjia.settlement.error.ApiException;

import java.util.List;
import java.util.Map;

/**
 * Turns a "not subsidised" decision into the API's refusal: one top-level code, the core's {@link MealRefusal} (who
 * the senior is, then what was chosen, then the quota), and every reason in detail.
 */
public final class Refusals {

    private Refusals() {
    }

    public static ApiException of(MealDecision decision) {
        // the core names the refusal (the counter deciding offline names it the same way)
        LedgerError top = LedgerError.valueOf(MealRefusal.of(decision).name());
        // a counter reads this refusal: no reason that names a sensitive category (see RefusalReason.shownAtCounter)
        List<RefusalReason> reasons = RefusalReason.shownAtCounter(decision.reasons());
        return new ApiException(top.name(), top.messageZh(), Map.of(
                "reasons", reasons,
                "remainingToday", decision.remainingToday(),
                "remainingThisWeek", decision.remainingThisWeek(),
                "ruleVersion", decision.policyVersionId() == null ? "" : decision.policyVersionId()));
    }
}
