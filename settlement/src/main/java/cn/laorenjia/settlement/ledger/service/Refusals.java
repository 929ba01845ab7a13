package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.core.subsidy.MealRefusal;
import cn.laorenjia.settlement.error.ApiException;

import java.util.LinkedHashMap;
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
        List<Map<String, String>> reasons = decision.reasons().stream().map(Refusals::detail).toList();
        return new ApiException(top.name(), top.messageZh(), Map.of(
                "reasons", reasons,
                "remainingToday", decision.remainingToday(),
                "remainingThisWeek", decision.remainingThisWeek(),
                "ruleVersion", decision.policyVersionId() == null ? "" : decision.policyVersionId()));
    }

    private static Map<String, String> detail(Reason reason) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("code", reason.code().name());
        d.put("message", reason.labelZh());
        if (reason.route() != null) {
            d.put("route", reason.route().name());
        }
        return d;
    }
}
