package cn.laorenjia.core.till;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.laorenjia.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;
import java.util.UUID;

class TillRulesTest {

    private static Money yuan(String text) {
        return Money.parseYuan(text);
    }

    @ParameterizedTest
    @CsvSource({"12.00,12.00,0.00", "12.00,20.00,8.00", "12.00,100.00,88.00", "0.50,1.00,0.50", "13.00,112.99,99.99"})
    void cashGivesChange(String due, String tendered, String change) {
        Payment p = Payment.of(Tender.CASH, yuan(due), yuan(tendered));
        assertEquals(yuan(change), p.change());
        assertEquals(yuan(tendered), p.tendered());
    }

    @Test
    void nothingTenderedMeansExactly() {
        Payment p = Payment.of(Tender.WECHAT, yuan("15.00"), null);
        assertEquals(yuan("15.00"), p.tendered());
        assertEquals(Money.ZERO, p.change());
    }

    @ParameterizedTest
    @CsvSource({"CASH,12.00,11.99,TENDERED_TOO_LITTLE", "CASH,12.00,112.00,TENDERED_TOO_MUCH",
            "WECHAT,12.00,20.00,TENDER_NOT_EXACT", "ALIPAY,12.00,12.01,TENDER_NOT_EXACT",
            "BANK_CARD,12.00,11.00,TENDERED_TOO_LITTLE", "CASH,12.00,-1.00,INVALID_AMOUNT",
            "CASH,-1.00,0.00,INVALID_AMOUNT"})
    void refusesAmountsThatCannotBeRight(Tender tender, String due, String tendered, TillRefusal.Code code) {
        TillRefusal refusal = assertThrows(TillRefusal.class, () -> Payment.of(tender, yuan(due), yuan(tendered)));
        assertEquals(code, refusal.reason());
    }

    @Test
    void aSaleLinesDueIsItsPriceLessItsDiscount() {
        assertThrows(IllegalArgumentException.class, () -> new TillSaleLine(UUID.randomUUID(), true, yuan("15.00"),
                yuan("3.00"), Payment.of(Tender.CASH, yuan("15.00"), null), false, false));
        assertThrows(IllegalArgumentException.class, () -> new TillSaleLine(UUID.randomUUID(), false, yuan("15.00"),
                yuan("3.00"), Payment.of(Tender.CASH, yuan("12.00"), null), false, false));
    }

    @Test
    void aShiftsFiguresAreNetOfVoidsByTenderAndKind() {
        TillSaleLine subsidisedCash = sale(true, "15.00", "3.00", Tender.CASH, "20.00", false, false);
        TillSaleLine subsidisedWechat = sale(true, "15.00", "3.00", Tender.WECHAT, null, true, false);
        TillSaleLine fullCash = sale(false, "16.00", "0.00", Tender.CASH, "50.00", false, true);
        TillSaleLine fullAlipayVoided = sale(false, "12.00", "0.00", Tender.ALIPAY, null, false, false);
        TillSaleLine subsidisedCashVoided = sale(true, "13.00", "3.00", Tender.CASH, null, true, true);

        ShiftFigures f = ShiftFigures.of(yuan("200.00"), List.of(subsidisedCash, subsidisedWechat, fullCash,
                fullAlipayVoided, subsidisedCashVoided), Set.of(fullAlipayVoided.saleId(),
                subsidisedCashVoided.saleId(), UUID.randomUUID()));

        assertEquals(new ShiftFigures.TenderFigures(2, yuan("28.00")), f.byTender().get(Tender.CASH));
        assertEquals(new ShiftFigures.TenderFigures(1, yuan("12.00")), f.byTender().get(Tender.WECHAT));
        assertEquals(new ShiftFigures.TenderFigures(0, Money.ZERO), f.byTender().get(Tender.ALIPAY));
        assertEquals(new ShiftFigures.TenderFigures(0, Money.ZERO), f.byTender().get(Tender.BANK_CARD));
        assertEquals(new ShiftFigures.KindFigures(2, yuan("30.00"), yuan("6.00"), yuan("24.00")), f.subsidised());
        assertEquals(new ShiftFigures.KindFigures(1, yuan("16.00"), Money.ZERO, yuan("16.00")), f.fullPrice());
        assertEquals(2, f.voids());
        assertEquals(yuan("22.00"), f.refunded());
        assertEquals(2, f.manualLookUps());
        assertEquals(2, f.offlineSales());
        assertEquals(3, f.meals());
        assertEquals(yuan("40.00"), f.takings());
        assertEquals(yuan("228.00"), f.expectedCash());
        assertEquals(yuan("-0.50"), f.cashDifference(yuan("227.50")));
    }

    @Test
    void aSaleIsCountedOnce() {
        TillSaleLine s = sale(false, "10.00", "0.00", Tender.CASH, null, false, false);
        assertThrows(IllegalArgumentException.class, () -> ShiftFigures.of(Money.ZERO, List.of(s, s), Set.of()));
    }

    private static TillSaleLine sale(boolean subsidised, String price, String discount, Tender tender,
                                     String tendered, boolean manual, boolean offline) {
        Money due = yuan(price).minus(yuan(discount));
        return new TillSaleLine(UUID.randomUUID(), subsidised, yuan(price), yuan(discount),
                Payment.of(tender, due, tendered == null ? null : yuan(tendered)), manual, offline);
    }
}
