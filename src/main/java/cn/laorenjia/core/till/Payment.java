package cn.laorenjia.core.till;

import cn.laorenjia.core.money.Money;

import java.util.Objects;

/**
 * What the customer handed over for an amount due, and the change. Cash may be more than due (change is given, less
 * than one 100-yuan note: nobody needs a note more than that); 微信, 支付宝 and a bank card are charged exactly what is
 * due. Built only through {@link #of}, so a payment that exists adds up.
 */
public final class Payment {

    /** The change is always less than one 100-yuan note. */
    private static final Money LARGEST_NOTE = Money.ofYuan(100);

    private final Tender tender;
    private final Money due;
    private final Money tendered;
    private final Money change;

    private Payment(Tender tender, Money due, Money tendered, Money change) {
        this.tender = tender;
        this.due = due;
        this.tendered = tendered;
        this.change = change;
    }

    /**
     * @param tendered what the customer handed over; null means exactly what is due
     * @throws TillRefusal when the amounts cannot be right
     */
    public static Payment of(Tender tender, Money due, Money tendered) {
        Objects.requireNonNull(tender, "tender");
        Objects.requireNonNull(due, "due");
        if (due.isNegative() || tendered != null && tendered.isNegative()) {
            throw new TillRefusal(TillRefusal.Code.INVALID_AMOUNT);
        }
        Money handed = tendered == null ? due : tendered;
        if (handed.isLessThan(due)) {
            throw new TillRefusal(TillRefusal.Code.TENDERED_TOO_LITTLE);
        }
        Money change = handed.minus(due);
        if (tender != Tender.CASH && !change.isZero()) {
            throw new TillRefusal(TillRefusal.Code.TENDER_NOT_EXACT);
        }
        if (!change.isLessThan(LARGEST_NOTE)) {
            throw new TillRefusal(TillRefusal.Code.TENDERED_TOO_MUCH);
        }
        return new Payment(tender, due, handed, change);
    }

    public Tender tender() {
        return tender;
    }

    public Money due() {
        return due;
    }

    public Money tendered() {
        return tendered;
    }

    public Money change() {
        return change;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payment p && tender == p.tender && due.equals(p.due) && tendered.equals(p.tendered);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tender, due, tendered);
    }

    @Override
    public String toString() {
        return tender + " " + due + " (tendered " + tendered + ", change " + change + ")";
    }
}
