package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Settled figures of one group (a canteen-day, a canteen-month, a 街镇, a district): counts and amounts in
 * fen, with the yuan strings computed from fen by the core's Money (never floating point).
 */
public record SettledFigures(long sales, long voids, long meals, long discountFen, long operatingSubsidyFen,
                             long netOwedFen) {

    public static final SettledFigures ZERO = new SettledFigures(0, 0, 0, 0, 0, 0);

    public SettledFigures plus(SettledFigures o) {
        return new SettledFigures(sales + o.sales, voids + o.voids, meals + o.meals,
                Math.addExact(discountFen, o.discountFen), Math.addExact(operatingSubsidyFen, o.operatingSubsidyFen),
                Math.addExact(netOwedFen, o.netOwedFen));
    }

    @JsonProperty
    public String discount() {
        return Money.ofFen(discountFen).toYuanString();
    }

    @JsonProperty
    public String operatingSubsidy() {
        return Money.ofFen(operatingSubsidyFen).toYuanString();
    }

    @JsonProperty
    public String netOwed() {
        return Money.ofFen(netOwedFen).toYuanString();
    }
}
