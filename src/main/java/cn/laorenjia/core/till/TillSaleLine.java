package cn.laorenjia.core.till;

import cn.laorenjia.core.money.Money;

import java.util.Objects;
import java.util.UUID;

/**
 * One meal sold at the till, subsidised or at full price, as a shift's figures count it.
 *
 * @param discount     the subsidy's discount; zero for a full-price sale
 * @param payment      what was due ({@code price − discount}) and how it was paid
 * @param manualLookUp the senior was looked up by ID number (no card, no code)
 * @param offline      decided by the counter while the central could not be reached
 */
public record TillSaleLine(UUID saleId, boolean subsidised, Money price, Money discount, Payment payment,
                           boolean manualLookUp, boolean offline) {

    public TillSaleLine {
        Objects.requireNonNull(saleId, "saleId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(payment, "payment");
        if (price.isNegative() || discount.isNegative() || price.isLessThan(discount)) {
            throw new TillRefusal(TillRefusal.Code.INVALID_AMOUNT);
        }
        if (!subsidised && !discount.isZero()) {
            throw new IllegalArgumentException("a full-price sale has no discount: " + saleId);
        }
        if (!payment.due().equals(price.minus(discount))) {
            throw new IllegalArgumentException("due " + payment.due() + " is not price " + price + " less discount "
                    + discount + ": " + saleId);
        }
    }

    /** What the customer paid for the meal (the change given back is not takings). */
    public Money paid() {
        return payment.due();
    }
}
