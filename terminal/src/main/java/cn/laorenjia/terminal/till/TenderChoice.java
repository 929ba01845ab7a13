package cn.laorenjia.terminal.till;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.Payment;
import cn.laorenjia.core.till.Tender;

import java.util.Locale;
import java.util.Objects;

/**
 * How the cashier says the customer pays, before the amount due is final: the tender and, for cash, what was handed
 * over (null: exactly what is due). The payment itself is made by the core's {@link Payment} once the due is known.
 */
public record TenderChoice(Tender tender, Money tendered) {

    /** Exact cash: the cashier pressed Enter on the tender step. */
    public static final TenderChoice EXACT_CASH = new TenderChoice(Tender.CASH, null);

    public TenderChoice {
        Objects.requireNonNull(tender, "tender");
    }

    /**
     * From the page: the tender's name (CASH, WECHAT, ALIPAY, BANK_CARD; null for cash) and the yuan text typed for
     * cash (blank for exact).
     */
    public static TenderChoice parse(String tender, String tenderedYuan) {
        Tender t;
        try {
            t = tender == null || tender.isBlank() ? Tender.CASH : Tender.valueOf(tender.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TillProblem(TillProblem.Code.UNKNOWN_TENDER);
        }
        Money handed = tenderedYuan == null || tenderedYuan.isBlank() ? null : Till.yuan(tenderedYuan);
        return new TenderChoice(t, handed);
    }

    /** The payment of {@code due}: refused by the core when it cannot be right. */
    public Payment paymentOf(Money due) {
        return Payment.of(tender, due, tendered);
    }
}
