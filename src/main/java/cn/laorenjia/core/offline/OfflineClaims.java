package cn.laorenjia.core.offline;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.refusal.RefusalCode;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.core.subsidy.MealRefusal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The central's rule for a sale a counter subsidised offline (README, "Who bears the cost of a conflict"):
 * <ul>
 *   <li>claimed offline at a moment when the central was answering that terminal ({@link CentralContact}): REJECTED
 *       ({@code TERMINAL_WAS_ONLINE}), whatever else is true of it — the terminal was not offline;</li>
 *   <li>a sale that would be paid (confirmed or a conflict) once the terminal has had its allowance of paid offline
 *       sales that meal day: REJECTED ({@code OFFLINE_SALES_ALLOWANCE_EXCEEDED}) — the central counts, not the
 *       terminal;</li>
 *   <li>within the rules as the central sees them now, at the price on the menu: CONFIRMED, recorded like a live
 *       sale (discount reimbursed and operating subsidy paid);</li>
 *   <li>refused only for what the counter could not know offline — the quota used meanwhile at another counter (or
 *       earlier in the same queue), the senior's eligibility changed after its copy was made — a CONFLICT: the
 *       district reimburses the discount, pays no operating subsidy, as long as the terminal has had fewer than its
 *       allowance of conflicts that day; beyond it, REJECTED ({@code OFFLINE_ALLOWANCE_EXCEEDED});</li>
 *   <li>anything the counter could and should have checked itself — the set's price against the standard, the
 *       slot, the day, the canteen's standard price, a policy in force, the price on its menu — REJECTED: the
 *       canteen bears the discount its counter gave, whatever else is also wrong.</li>
 * </ul>
 * The discount the counter gave is the policy's discount at the price it charged ({@link PolicyVersion#discountOn}),
 * nothing when no policy was in force.
 */
public final class OfflineClaims {

    private OfflineClaims() {
    }

    /** Classifies a claim the central could decide (the senior, the set and the time are known). */
    public static OfflineVerdict classify(OfflineClaim claim) {
        MealDecision decision = claim.decision();
        Money given = discountGiven(claim.policy(), claim.claimedPrice());
        if (claim.contact().wasAnswering()) {
            return rejected(OfflineRejection.TERMINAL_WAS_ONLINE, given, OfflineRejection.TERMINAL_WAS_ONLINE.messageZh()
                    + "（服务器在所报时间前后" + claim.contact().window().toSeconds() + "秒内均应答了本终端）");
        }
        if (!claim.claimedPrice().equals(claim.menuPrice())) {
            return rejected(OfflineRejection.PRICE_NOT_ON_MENU, given,
                    "离线售价（" + claim.claimedPrice().toYuanString() + "元）与菜单价格（" + claim.menuPrice().toYuanString()
                            + "元）不符，离线补贴由食堂承担");
        }
        if (decision.subsidised()) {
            if (overSalesAllowance(claim)) {
                return overSalesAllowance(claim, given);
            }
            return new OfflineVerdict(OfflineOutcome.CONFIRMED, null, decision.discount(), decision.operatingSubsidy(),
                    Money.ZERO, "离线交易已核准：" + decision.announcementZh());
        }
        List<Reason> checkable = decision.reasons().stream().filter(r -> counterCouldKnow(r.code())).toList();
        if (!checkable.isEmpty()) {
            MealRefusal refusal = MealRefusal.of(checkable.stream().map(Reason::code).toList());
            return rejected(refusal, given, checkable.stream().map(Reason::labelZh).distinct()
                    .collect(Collectors.joining("、")) + "，离线补贴由食堂承担");
        }
        MealRefusal why = MealRefusal.of(decision);
        if (overSalesAllowance(claim)) {
            return overSalesAllowance(claim, given);
        }
        if (claim.conflictsSoFar() >= claim.conflictAllowance()) {
            return rejected(OfflineRejection.OFFLINE_ALLOWANCE_EXCEEDED, given,
                    "本终端当日离线冲突已超过" + claim.conflictAllowance() + "笔的额度，本餐补贴由食堂承担（" + why.factZh() + "）");
        }
        return new OfflineVerdict(OfflineOutcome.CONFLICT, why, given, Money.ZERO, Money.ZERO,
                "离线冲突：" + why.factZh() + "，本餐减免由区里承担，不计运营补贴");
    }

    private static boolean overSalesAllowance(OfflineClaim claim) {
        return claim.paidSoFar() >= claim.salesAllowance();
    }

    private static OfflineVerdict overSalesAllowance(OfflineClaim claim, Money given) {
        return rejected(OfflineRejection.OFFLINE_SALES_ALLOWANCE_EXCEEDED, given,
                "本终端当日离线补贴已达" + claim.salesAllowance() + "笔的额度，本餐补贴由食堂承担");
    }

    /**
     * A claim that cannot be decided at all (no senior identified, no such set, a time outside the window): the
     * canteen bears the discount its counter gave at the price it charged.
     *
     * @param inForce the version in force on the sale's date, if any
     */
    public static OfflineVerdict notTaken(OfflineRejection reason, Optional<PolicyVersion> inForce, Money claimedPrice) {
        Objects.requireNonNull(reason, "reason");
        if (!reason.beforeTheDecision()) {
            throw new IllegalArgumentException(reason + " is decided with the meal, not before it");
        }
        return rejected(reason, discountGiven(inForce, claimedPrice), reason.messageZh());
    }

    /** The discount a counter gave offline at this price: the policy's, nothing without a policy in force. */
    public static Money discountGiven(Optional<PolicyVersion> inForce, Money claimedPrice) {
        Money.requireNonNegative(claimedPrice, "claimed price");
        return inForce.map(v -> v.discountOn(claimedPrice)).orElse(Money.ZERO);
    }

    /**
     * Whether a counter deciding offline could and should have seen this reason itself. Exhaustive on purpose: a new
     * reason code does not compile until someone decides who bears it.
     */
    public static boolean counterCouldKnow(ReasonCode code) {
        return switch (code) {
            // the set, the slot, the day and the canteen's standard price are on the counter's own menu and copy
            case NO_POLICY_IN_FORCE, SLOT_NOT_COVERED, DAY_NOT_COVERED, STANDARD_PRICE_OUT_OF_RANGE,
                 BELOW_STANDARD_PRICE -> true;
            // quota used elsewhere, and eligibility that changed after the copy was made, it could not see
            case DAILY_QUOTA_EXHAUSTED, WEEKLY_QUOTA_EXHAUSTED,
                 NOT_ENROLLED, ENROLMENT_NOT_APPROVED, ENROLMENT_SUSPENDED, ENROLMENT_WITHDRAWN, DECEASED,
                 IN_INSTITUTION, CENTRALISED_SUPPORT, NO_ROUTE, NOT_LOCAL, UNDER_AGE_FOR_ROUTE, OVER_AGE_FOR_ROUTE,
                 NOT_VISITING_CARE_OBJECT, NO_HOME_CARE_SUBSIDY, NOT_LOW_INCOME, DISABILITY_NOT_SEVERE,
                 NO_HARDSHIP_DISABILITY_ALLOWANCE, DISABILITY_GRADE_NOT_SEVERE -> false;
        };
    }

    private static OfflineVerdict rejected(RefusalCode reason, Money given, String messageZh) {
        return new OfflineVerdict(OfflineOutcome.REJECTED, reason, Money.ZERO, Money.ZERO, given, messageZh);
    }
}
