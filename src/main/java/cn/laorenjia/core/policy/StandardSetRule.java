package cn.laorenjia.core.policy;

import cn.laorenjia.core.money.Money;
import java.util.Objects;

/**
 * The standard set (标准套餐) rule of a policy version: a reference price set by the city (e.g. 13 yuan)
 * and how far a canteen's own standard set price may deviate from it (±30% in 2019, ±50% from 2022).
 *
 * <p>Meaning we give it: each canteen registers its standard set price; it must lie within
 * [reference × (100 − p)%, reference × (100 + p)%], both ends inclusive. When the percentage does not
 * give whole fen, the bounds are rounded <em>inwards</em> (lower bound up, upper bound down) so the
 * allowed range never exceeds the stated percentage. A canteen whose standard price is outside the
 * range gets no subsidy for any meal (reason {@code STANDARD_PRICE_OUT_OF_RANGE}, no quota used):
 * paying subsidies against an out-of-policy price would create reimbursements finance must refuse.
 * Administration should validate the price with {@link #allows(Money)} when registering the canteen.
 */
public final class StandardSetRule {

    private final Money referencePrice;
    private final int allowedDeviationPercent;
    private final Money lowest;
    private final Money highest;

    public StandardSetRule(Money referencePrice, int allowedDeviationPercent) {
        Objects.requireNonNull(referencePrice, "reference price");
        if (referencePrice.isNegative() || referencePrice.isZero()) {
            throw new IllegalArgumentException("reference standard set price must be positive: " + referencePrice);
        }
        if (allowedDeviationPercent < 0 || allowedDeviationPercent > 100) {
            throw new IllegalArgumentException("allowed deviation must be 0..100 percent: " + allowedDeviationPercent);
        }
        this.referencePrice = referencePrice;
        this.allowedDeviationPercent = allowedDeviationPercent;
        long ref = referencePrice.fen();
        this.lowest = Money.ofFen(ceilDiv(Math.multiplyExact(ref, 100 - allowedDeviationPercent), 100));
        this.highest = Money.ofFen(Math.floorDiv(Math.multiplyExact(ref, 100 + allowedDeviationPercent), 100));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    public Money referencePrice() {
        return referencePrice;
    }

    public int allowedDeviationPercent() {
        return allowedDeviationPercent;
    }

    /** The lowest standard set price a canteen may register (inclusive). */
    public Money lowest() {
        return lowest;
    }

    /** The highest standard set price a canteen may register (inclusive). */
    public Money highest() {
        return highest;
    }

    public boolean allows(Money canteenStandardPrice) {
        return !canteenStandardPrice.isLessThan(lowest) && !highest.isLessThan(canteenStandardPrice);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardSetRule r && r.referencePrice.equals(referencePrice)
                && r.allowedDeviationPercent == allowedDeviationPercent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(referencePrice, allowedDeviationPercent);
    }

    @Override
    public String toString() {
        return referencePrice + " ±" + allowedDeviationPercent + "% [" + lowest + ", " + highest + "]";
    }
}
