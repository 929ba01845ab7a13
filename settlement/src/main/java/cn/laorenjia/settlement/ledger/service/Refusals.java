package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.settlement.error.ApiException;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a "not subsidised" decision into the API's refusal: one top-level code, chosen in the order a
 * cashier needs it (who the senior is, then what was chosen, then the quota), and every reason in detail.
 */
public final class Refusals {

    private static final Set<ReasonCode> ENROLMENT = EnumSet.of(ReasonCode.NOT_ENROLLED,
            ReasonCode.ENROLMENT_NOT_APPROVED, ReasonCode.ENROLMENT_SUSPENDED, ReasonCode.ENROLMENT_WITHDRAWN);
    private static final Set<ReasonCode> NOT_ELIGIBLE = EnumSet.of(ReasonCode.DECEASED, ReasonCode.IN_INSTITUTION,
            ReasonCode.CENTRALISED_SUPPORT, ReasonCode.NO_ROUTE, ReasonCode.NOT_LOCAL, ReasonCode.UNDER_AGE_FOR_ROUTE,
            ReasonCode.OVER_AGE_FOR_ROUTE, ReasonCode.NOT_VISITING_CARE_OBJECT, ReasonCode.NO_HOME_CARE_SUBSIDY,
            ReasonCode.NOT_LOW_INCOME, ReasonCode.DISABILITY_NOT_SEVERE, ReasonCode.NO_HARDSHIP_DISABILITY_ALLOWANCE,
            ReasonCode.DISABILITY_GRADE_NOT_SEVERE);

    private Refusals() {
    }

    public static ApiException of(MealDecision decision) {
        Set<ReasonCode> codes = decision.reasonCodes();
        LedgerError top;
        if (codes.stream().anyMatch(NOT_ELIGIBLE::contains)) {
            top = LedgerError.NOT_ELIGIBLE;
        } else if (codes.stream().anyMatch(ENROLMENT::contains)) {
            top = LedgerError.NOT_ENROLLED;
        } else if (codes.contains(ReasonCode.BELOW_STANDARD_PRICE)) {
            top = LedgerError.BELOW_STANDARD_PRICE;
        } else if (codes.contains(ReasonCode.WEEKLY_QUOTA_EXHAUSTED)) {
            top = LedgerError.QUOTA_USED_THIS_WEEK;
        } else if (codes.contains(ReasonCode.DAILY_QUOTA_EXHAUSTED)) {
            top = LedgerError.QUOTA_USED_TODAY;
        } else {
            top = LedgerError.MEAL_NOT_COVERED;
        }
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
