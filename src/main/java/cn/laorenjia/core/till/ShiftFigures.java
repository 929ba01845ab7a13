package cn.laorenjia.core.till;

import cn.laorenjia.core.money.Money;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A shift's figures, the body of its Z report: what the till took by tender and by kind of sale (subsidised or full
 * price), net of voids, with the voids themselves, the manual look-ups and the offline sales, and the cash the drawer
 * should hold. The counter computes them from its journal and the central from what the counter uploaded: both with
 * this one rule, so they can be compared to the fen.
 *
 * <p>A voided sale is refunded in full by the tender it was paid with; it leaves the takings and is counted in
 * {@code voids}/{@code refunded}. Manual look-ups and offline sales count every sale so made, voided or not (they are
 * what a supervisor looks at).
 *
 * @param byTender     every tender, with the sales not voided paid by it and their takings
 * @param expectedCash the opening float plus the cash takings
 */
public record ShiftFigures(Money openingFloat, Map<Tender, TenderFigures> byTender, KindFigures subsidised,
                           KindFigures fullPrice, long voids, Money refunded, long manualLookUps, long offlineSales,
                           Money expectedCash) {

    /** Sales not voided paid by one tender, and what they took. */
    public record TenderFigures(long sales, Money takings) {
        static final TenderFigures NONE = new TenderFigures(0, Money.ZERO);

        TenderFigures plus(Money paid) {
            return new TenderFigures(sales + 1, takings.plus(paid));
        }
    }

    /** Meals of one kind not voided: their set prices, discounts and what the customers paid. */
    public record KindFigures(long meals, Money price, Money discount, Money paid) {
        static final KindFigures NONE = new KindFigures(0, Money.ZERO, Money.ZERO, Money.ZERO);

        KindFigures plus(TillSaleLine sale) {
            return new KindFigures(meals + 1, price.plus(sale.price()), discount.plus(sale.discount()),
                    paid.plus(sale.paid()));
        }
    }

    public ShiftFigures {
        Objects.requireNonNull(openingFloat, "openingFloat");
        if (openingFloat.isNegative()) {
            throw new TillRefusal(TillRefusal.Code.INVALID_AMOUNT);
        }
        byTender = Collections.unmodifiableMap(new EnumMap<>(byTender));
    }

    /**
     * The figures of a shift opened with {@code openingFloat} in which {@code sales} were made and the sales named in
     * {@code voided} were voided (a void of a sale not in this shift is ignored here: it belongs to its own shift).
     */
    public static ShiftFigures of(Money openingFloat, Collection<TillSaleLine> sales, Collection<UUID> voided) {
        Set<UUID> voids = new HashSet<>(voided);
        Map<Tender, TenderFigures> byTender = new EnumMap<>(Tender.class);
        for (Tender t : Tender.values()) {
            byTender.put(t, TenderFigures.NONE);
        }
        KindFigures subsidised = KindFigures.NONE;
        KindFigures fullPrice = KindFigures.NONE;
        long voidCount = 0;
        Money refunded = Money.ZERO;
        long manual = 0;
        long offline = 0;
        Set<UUID> seen = new HashSet<>();
        for (TillSaleLine sale : sales) {
            if (!seen.add(sale.saleId())) {
                throw new IllegalArgumentException("sale " + sale.saleId() + " is counted twice");
            }
            manual += sale.manualLookUp() ? 1 : 0;
            offline += sale.offline() ? 1 : 0;
            if (voids.contains(sale.saleId())) {
                voidCount++;
                refunded = refunded.plus(sale.paid());
                continue;
            }
            Tender tender = sale.payment().tender();
            byTender.put(tender, byTender.get(tender).plus(sale.paid()));
            if (sale.subsidised()) {
                subsidised = subsidised.plus(sale);
            } else {
                fullPrice = fullPrice.plus(sale);
            }
        }
        Money expectedCash = openingFloat.plus(byTender.get(Tender.CASH).takings());
        return new ShiftFigures(openingFloat, byTender, subsidised, fullPrice, voidCount, refunded, manual, offline,
                expectedCash);
    }

    /** Meals sold and not voided, subsidised or not. */
    public long meals() {
        return subsidised.meals() + fullPrice.meals();
    }

    /** Everything the till took, all tenders. */
    public Money takings() {
        return subsidised.paid().plus(fullPrice.paid());
    }

    /** The counted cash less what the drawer should hold: negative when cash is missing. */
    public Money cashDifference(Money countedCash) {
        if (countedCash.isNegative()) {
            throw new TillRefusal(TillRefusal.Code.INVALID_AMOUNT);
        }
        return countedCash.minus(expectedCash);
    }
}
