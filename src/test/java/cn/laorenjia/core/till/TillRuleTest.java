package cn.laorenjia.core.till;

import cn.laorenjia.core.money.Money;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The till's payments and a shift's figures: the one rule the counter's and the central's Z reports share. */
class TillRuleTest {

    @Test
    void cashGetsChangeUnderOneHundredYuanAndEveryOtherTenderIsExact() {
        Payment cash = Payment.of(Tender.CASH, Money.ofFen(1200), Money.ofYuan(20));
        assertEquals(Money.ofFen(800), cash.change());
        assertEquals(Money.ofYuan(20), cash.tendered());
        assertEquals(Money.ZERO, Payment.of(Tender.WECHAT, Money.ofFen(1200), null).change());
        assertEquals(Money.ofFen(1200), Payment.of(Tender.ALIPAY, Money.ofFen(1200), null).tendered());

        assertEquals(TillRefusal.Code.TENDERED_TOO_LITTLE,
                assertThrows(TillRefusal.class, () -> Payment.of(Tender.CASH, Money.ofFen(1200), Money.ofYuan(10))).code());
        assertEquals(TillRefusal.Code.TENDER_NOT_EXACT,
                assertThrows(TillRefusal.class, () -> Payment.of(Tender.BANK_CARD, Money.ofFen(1200), Money.ofYuan(20))).code());
        assertEquals(TillRefusal.Code.TENDERED_TOO_MUCH,
                assertThrows(TillRefusal.class, () -> Payment.of(Tender.CASH, Money.ofFen(1200), Money.ofFen(11200))).code());
        // 99.99 change is still fine
        assertEquals(Money.ofFen(9999), Payment.of(Tender.CASH, Money.ofFen(1), Money.ofYuan(100)).change());
        assertEquals(TillRefusal.Code.INVALID_AMOUNT,
                assertThrows(TillRefusal.class, () -> Payment.of(Tender.CASH, Money.ofFen(-1), null)).code());
    }

    @Test
    void aShiftsFiguresCountTendersAndKindsNetOfVoidsAndTheCashTheDrawerShouldHold() {
        TillSaleLine subsidisedWechat = line(true, 1500, 300, Tender.WECHAT, null, false, false);
        TillSaleLine fullCash = line(false, 1500, 0, Tender.CASH, 2000L, false, false);
        TillSaleLine manualOfflineCash = line(true, 1500, 300, Tender.CASH, null, true, true);
        TillSaleLine voidedCash = line(false, 1050, 0, Tender.CASH, null, true, false);
        ShiftFigures f = ShiftFigures.of(Money.ofYuan(200),
                List.of(subsidisedWechat, fullCash, manualOfflineCash, voidedCash),
                List.of(voidedCash.saleId(), UUID.randomUUID()));

        assertEquals(new ShiftFigures.TenderFigures(2, Money.ofFen(2700)), f.byTender().get(Tender.CASH));
        assertEquals(new ShiftFigures.TenderFigures(1, Money.ofFen(1200)), f.byTender().get(Tender.WECHAT));
        assertEquals(new ShiftFigures.TenderFigures(0, Money.ZERO), f.byTender().get(Tender.ALIPAY));
        assertEquals(new ShiftFigures.KindFigures(2, Money.ofFen(3000), Money.ofFen(600), Money.ofFen(2400)),
                f.subsidised());
        assertEquals(new ShiftFigures.KindFigures(1, Money.ofFen(1500), Money.ZERO, Money.ofFen(1500)), f.fullPrice());
        assertEquals(1, f.voids());
        assertEquals(Money.ofFen(1050), f.refunded());
        // look-ups and offline sales count every sale so made, voided or not
        assertEquals(2, f.manualLookUps());
        assertEquals(1, f.offlineSales());
        assertEquals(3, f.meals());
        assertEquals(Money.ofFen(3900), f.takings());
        assertEquals(Money.ofFen(22700), f.expectedCash());
        assertEquals(Money.ofFen(-500), f.cashDifference(Money.ofFen(22200)));
        assertThrows(TillRefusal.class, () -> f.cashDifference(Money.ofFen(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> ShiftFigures.of(Money.ZERO, List.of(fullCash, fullCash), List.of()));
    }

    @Test
    void aSaleLineDueIsPriceLessDiscountAndAFullPriceSaleHasNoDiscount() {
        assertThrows(IllegalArgumentException.class, () -> new TillSaleLine(UUID.randomUUID(), false,
                Money.ofFen(1500), Money.ofFen(300), Payment.of(Tender.CASH, Money.ofFen(1200), null), false, false));
        assertThrows(IllegalArgumentException.class, () -> new TillSaleLine(UUID.randomUUID(), true,
                Money.ofFen(1500), Money.ofFen(300), Payment.of(Tender.CASH, Money.ofFen(1500), null), false, false));
        assertEquals(TillRefusal.Code.INVALID_AMOUNT, assertThrows(TillRefusal.class, () -> new TillSaleLine(
                UUID.randomUUID(), true, Money.ofFen(100), Money.ofFen(300), Payment.of(Tender.CASH, Money.ZERO, null),
                false, false)).code());
    }

    private static TillSaleLine line(boolean subsidised, long price, long discount, Tender tender, Long tendered,
                                     boolean manual, boolean offline) {
        Money due = Money.ofFen(price - discount);
        return new TillSaleLine(UUID.randomUUID(), subsidised, Money.ofFen(price), Money.ofFen(discount),
                Payment.of(tender, due, tendered == null ? null : Money.ofFen(tendered)), manual, offline);
    }
}
