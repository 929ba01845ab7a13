package cn.laorenjia.core.offline;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.refusal.RefusalCode;
import java.util.Objects;

/**
 * Who bears what for one synced offline sale.
 *
 * @param outcome            confirmed, conflict or rejected
 * @param reason             why it is a conflict or rejected (a stable code and its Chinese message); null when
 *                           confirmed
 * @param discountReimbursed the discount the district reimburses the canteen
 * @param operatingSubsidy   the operating subsidy the district pays the canteen (only for a confirmed sale)
 * @param canteenBears       the discount the counter gave that nobody reimburses (only for a rejected sale)
 * @param messageZh          for the canteen, in Chinese
 */
public record OfflineVerdict(OfflineOutcome outcome, RefusalCode reason, Money discountReimbursed,
                             Money operatingSubsidy, Money canteenBears, String messageZh) {

    public OfflineVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Money.requireNonNegative(discountReimbursed, "discount reimbursed");
        Money.requireNonNegative(operatingSubsidy, "operating subsidy");
        Money.requireNonNegative(canteenBears, "canteen bears");
        Objects.requireNonNull(messageZh, "messageZh");
        if ((reason == null) != (outcome == OfflineOutcome.CONFIRMED)) {
            throw new IllegalArgumentException("a reason is given exactly when the sale is not confirmed");
        }
        boolean consistent = switch (outcome) {
            case CONFIRMED -> canteenBears.isZero();
            case CONFLICT -> operatingSubsidy.isZero() && canteenBears.isZero();
            case REJECTED -> discountReimbursed.isZero() && operatingSubsidy.isZero();
        };
        if (!consistent) {
            throw new IllegalArgumentException(outcome + " cannot be reimbursed " + discountReimbursed + " + "
                    + operatingSubsidy + " with the canteen bearing " + canteenBears);
        }
    }

    /** The stable code of the reason, null when confirmed. */
    public String code() {
        return reason == null ? null : reason.name();
    }

    /** Everything the district pays the canteen for this sale. */
    public Money districtPays() {
        return discountReimbursed.plus(operatingSubsidy);
    }
}
