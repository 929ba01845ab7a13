package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.core.money.Money;

import java.time.Duration;
import java.time.LocalDate;

/**
 * What one settlement run did and found. The check compares, in the run's own snapshot, the ledger's totals
 * for the range with everything settled for it (day rows and all adjustments so far); {@code reconciled}
 * is true when every canteen-day-version group agrees to the fen.
 *
 * @param dayRows        settled_day rows written (days covered for the first time)
 * @param adjustmentRows adjustment rows written (meals that reached the ledger after their day was settled)
 * @param mixedVersionDays canteen-days whose entries did not all carry one rule version in force per the policy
 *                       catalogue; settled per version all the same, by an exact second look at just those days
 * @param chainPosition  position of the ledger chain's head the run saw (0: empty chain)
 * @param chainHash      hash of that head, 64 hex digits
 * @param chainVerified  the nightly run's verification of the whole chain; null when the run did not verify
 * @param chainProblem   when the verification failed: how many problems and the first one
 */
public record SettlementReport(long runId, LocalDate from, LocalDate to, String triggeredBy, long ledgerSeq,
                               int dayRows, int adjustmentRows, int mixedVersionDays, long ledgerMeals, long ledgerDiscountFen,
                               long ledgerOperatingFen, long settledMeals, long settledDiscountFen,
                               long settledOperatingFen, int mismatchedGroups, boolean reconciled, Duration took,
                               long chainPosition, String chainHash, Boolean chainVerified, String chainProblem) {

    public String ledgerNetOwed() {
        return Money.ofFen(ledgerDiscountFen + ledgerOperatingFen).toYuanString();
    }

    public String settledNetOwed() {
        return Money.ofFen(settledDiscountFen + settledOperatingFen).toYuanString();
    }

    /** One line for logs and the command line, Chinese first. */
    public String describeZh() {
        return String.format("结算批次 %d (%s 至 %s, %s): 新结算 %d 行, 调整 %d 行%s; 台账 %d 餐 应付 %s 元, 已结算 %d 餐 %s 元; %s; 用时 %d ms",
                runId, from, to, triggeredBy, dayRows, adjustmentRows,
                mixedVersionDays == 0 ? "" : ", 含多个政策版本的食堂日 " + mixedVersionDays + " 个", ledgerMeals, ledgerNetOwed(), settledMeals,
                settledNetOwed(), reconciled ? "核对一致 (settled = ledger)" : "核对不一致 " + mismatchedGroups + " 组 (MISMATCH)",
                took.toMillis())
                + "; 台账链头 " + chainPosition + ":" + chainHash
                + (chainVerified == null ? "" : chainVerified ? ", 台账校验通过" : ", 台账校验失败 (LEDGER TAMPERED): " + chainProblem);
    }
}
