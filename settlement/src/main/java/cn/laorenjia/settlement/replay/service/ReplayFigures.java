package cn.laorenjia.settlement.replay.service;

import cn.laorenjia.core.money.Money;

import java.util.Objects;

/** What a policy paid (or would have paid) over a period: subsidised meals, the money, the seniors it reached. */
public record ReplayFigures(long meals, Money discounts, Money operatingSubsidies, long seniorsReached) {

    public static final ReplayFigures NONE = new ReplayFigures(0, Money.ZERO, Money.ZERO, 0);

    public ReplayFigures {
        Objects.requireNonNull(discounts, "discounts");
        Objects.requireNonNull(operatingSubsidies, "operatingSubsidies");
        if (meals < 0 || seniorsReached < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** What the public purse pays: the discounts the canteens advanced plus their operating subsidy. */
    public Money total() {
        return discounts.plus(operatingSubsidies);
    }
}
