package cn.laorenjia.terminal.till;

import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.till.ShiftClosing;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.contract.till.ZReport;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.Payment;
import cn.laorenjia.core.till.ShiftFigures;
import cn.laorenjia.core.till.Tender;
import cn.laorenjia.core.till.TillRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The till's journal across crashes and restarts: the open shift, its sales and voids, its figures and Z report. */
class TillJournalTest {

    private static final OffsetDateTime LUNCH = OffsetDateTime.parse("2026-11-23T11:30:00+08:00");

    @TempDir
    Path dir;

    private static ShiftOpening opening(String floatYuan) {
        return new ShiftOpening(UUID.randomUUID(), LUNCH.minusHours(1), "9001", Money.parseYuan(floatYuan));
    }

    /** A sale as the counter makes it: the payment from the core's rule. */
    private static TillSale sale(ShiftOpening shift, boolean subsidised, String price, String discount, Tender tender,
                                 String tendered, boolean offline, IdentificationRequest who) {
        Money p = Money.parseYuan(price);
        Money d = Money.parseYuan(discount);
        Payment pay = Payment.of(tender, p.minus(d), tendered == null ? null : Money.parseYuan(tendered));
        return new TillSale(UUID.randomUUID(), shift.shiftId(), LUNCH, "9001", "L-STD", p, d, pay.due(), pay.tender(),
                pay.tendered(), pay.change(), subsidised, offline, who == null ? null : who.method(), who);
    }

    private static final TillJournal.SaleNote NOTE = new TillJournal.SaleNote("刘*明", "午餐标准套餐");

    @Test
    void theOpenShiftItsSalesVoidsAndFiguresSurviveARestartAndTheZReportIsKept() {
        ShiftOpening shift = opening("200");
        TillSale card = sale(shift, true, "15", "10", Tender.WECHAT, null, false, IdentificationRequest.card("UID", "04A1"));
        TillSale refused = sale(shift, false, "15", "0", Tender.CASH, "20", false, IdentificationRequest.card("UID", "04B2"));
        TillSale walkIn = sale(shift, false, "16", "0", Tender.ALIPAY, null, false, null);
        TillSale manual = sale(shift, true, "15", "10", Tender.CASH, null, true,
                IdentificationRequest.manual("120224193804121223", "CARD_FORGOTTEN"));
        TillVoid voidWalkIn = new TillVoid(UUID.randomUUID(), walkIn.saleId(), shift.shiftId(), LUNCH.plusMinutes(5),
                "9001", "顾客退餐", walkIn.amountDue(), walkIn.tender());
        try (TillJournal j = TillJournal.open(dir)) {
            j.openShift(shift);
            for (TillSale s : List.of(card, refused, walkIn, manual)) {
                j.sale(s, NOTE);
            }
            assertTrue(j.voided(voidWalkIn));
            assertFalse(j.voided(voidWalkIn), "a sale is voided once");
        }
        try (TillJournal j = TillJournal.open(dir)) {
            assertEquals(shift, j.currentShift().orElseThrow(), "the shift stays open across a restart");
            ShiftFigures f = j.figures(shift.shiftId());
            assertEquals(new ShiftFigures.TenderFigures(1, Money.parseYuan("5")), f.byTender().get(Tender.WECHAT));
            assertEquals(new ShiftFigures.TenderFigures(2, Money.parseYuan("20")), f.byTender().get(Tender.CASH),
                    "the change given back is not takings");
            assertEquals(new ShiftFigures.TenderFigures(0, Money.ZERO), f.byTender().get(Tender.ALIPAY), "voided");
            assertEquals(2, f.subsidised().meals());
            assertEquals(Money.parseYuan("20"), f.subsidised().discount());
            assertEquals(1, f.fullPrice().meals());
            assertEquals(Money.parseYuan("15"), f.fullPrice().paid());
            assertEquals(1, f.voids());
            assertEquals(Money.parseYuan("16"), f.refunded());
            assertEquals(1, f.manualLookUps());
            assertEquals(1, f.offlineSales());
            assertEquals(Money.parseYuan("220"), f.expectedCash());

            List<TillJournal.SaleView> list = j.sales(shift.shiftId());
            assertEquals(List.of(manual.saleId(), walkIn.saleId(), refused.saleId(), card.saleId()),
                    list.stream().map(TillJournal.SaleView::saleId).toList(), "newest first");
            assertTrue(list.get(1).voided());
            assertEquals("5.00", list.get(2).change());

            ZReport z = ZReport.of(shift.shiftId(), "T1", "C1", "9001", "9002", shift.openedAt(), LUNCH.plusHours(2), f,
                    Money.parseYuan("218.50"));
            j.closed(new ShiftClosing(shift.shiftId(), LUNCH.plusHours(2), "9002", Money.parseYuan("218.50"), z));
            assertTrue(j.currentShift().isEmpty());
        }
        try (TillJournal j = TillJournal.open(dir)) {
            assertTrue(j.currentShift().isEmpty(), "closed stays closed");
            ZReport kept = j.closing(shift.shiftId()).orElseThrow().report();
            assertEquals(Money.parseYuan("-1.50"), kept.cashDifference());
            assertEquals(Money.parseYuan("220"), kept.expectedCash());
            assertEquals(shift.shiftId(), j.lastClosing().orElseThrow().shiftId());
            assertEquals(List.of("OPEN:" + shift.shiftId(), "SALE:" + card.saleId(), "SALE:" + refused.saleId(),
                            "SALE:" + walkIn.saleId(), "SALE:" + manual.saleId(), "VOID:" + voidWalkIn.voidId(),
                            "CLOSE:" + shift.shiftId()),
                    j.unsent(100).stream().map(TillJournal.Unsent::key).toList(), "every record waits, in order");
        }
    }

    @Test
    void aTornLastLineIsCutOffAndTheJournalGoesOnFromTheLastAcknowledgedRecord() throws IOException {
        ShiftOpening shift = opening("100.00");
        TillSale first = sale(shift, false, "16", "0", Tender.CASH, "20", false, null);
        try (TillJournal j = TillJournal.open(dir)) {
            j.openShift(shift);
            j.sale(first, NOTE);
        }
        Path file = dir.resolve(TillJournal.FILE);
        byte[] good = Files.readAllBytes(file);
        // a power cut in the middle of the next record, inside a Chinese character: no newline, never acknowledged
        String lines = new String(good, StandardCharsets.UTF_8);
        String lastLine = lines.substring(lines.lastIndexOf('\n', lines.length() - 2) + 1);
        byte[] torn = Arrays.copyOf(lastLine.getBytes(StandardCharsets.UTF_8), lastLine.getBytes(StandardCharsets.UTF_8).length - 12);
        Files.write(file, torn, StandardOpenOption.APPEND);

        TillSale second = sale(shift, true, "15", "10", Tender.BANK_CARD, null, false, IdentificationRequest.qr("tok"));
        try (TillJournal j = TillJournal.open(dir)) {
            assertArrayEquals(good, Files.readAllBytes(file), "the torn tail is cut off on opening");
            assertEquals(1, j.sales(shift.shiftId()).size());
            j.sale(second, NOTE);
        }
        // a whole line whose checksum fails (a sector written half) is not taken either
        byte[] withSecond = Files.readAllBytes(file);
        Files.write(file, "00000000 {\"t\":\"SALE\"}\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (TillJournal j = TillJournal.open(dir)) {
            assertArrayEquals(withSecond, Files.readAllBytes(file));
            assertEquals(List.of(second.saleId(), first.saleId()),
                    j.sales(shift.shiftId()).stream().map(TillJournal.SaleView::saleId).toList());
            assertEquals(Money.parseYuan("21"), j.figures(shift.shiftId()).takings());
            assertEquals(Money.parseYuan("116"), j.figures(shift.shiftId()).expectedCash());
        }
    }

    @Test
    void sellingNeedsAnOpenShiftAndASaleThatDoesNotAddUpIsNotWritten() throws IOException {
        ShiftOpening shift = opening("0");
        try (TillJournal j = TillJournal.open(dir)) {
            TillProblem none = assertThrows(TillProblem.class,
                    () -> j.sale(sale(shift, false, "16", "0", Tender.CASH, null, false, null), NOTE));
            assertEquals(TillProblem.Code.SHIFT_NOT_OPEN, none.code());
            assertEquals(TillRefusal.Code.INVALID_AMOUNT, assertThrows(TillRefusal.class,
                    () -> j.openShift(new ShiftOpening(UUID.randomUUID(), LUNCH, "9001", Money.ofFen(-1)))).code());
            assertTrue(j.currentShift().isEmpty());
            j.openShift(shift);
            assertEquals(TillProblem.Code.SHIFT_ALREADY_OPEN,
                    assertThrows(TillProblem.class, () -> j.openShift(opening("50"))).code());

            long size = Files.size(j.file());
            TillSale good = sale(shift, false, "16", "0", Tender.CASH, "20", false, null);
            TillSale wrongChange = new TillSale(UUID.randomUUID(), shift.shiftId(), LUNCH, "9001", "L-STD",
                    good.price(), good.discount(), good.amountDue(), Tender.CASH, Money.parseYuan("20"),
                    Money.parseYuan("5"), false, false, null, null);
            assertThrows(IllegalArgumentException.class, () -> j.sale(wrongChange, NOTE));
            TillSale wechatWithChange = new TillSale(UUID.randomUUID(), shift.shiftId(), LUNCH, "9001", "L-STD",
                    good.price(), good.discount(), good.amountDue(), Tender.WECHAT, Money.parseYuan("20"),
                    Money.parseYuan("4"), false, false, null, null);
            assertEquals(TillRefusal.Code.TENDER_NOT_EXACT,
                    assertThrows(TillRefusal.class, () -> j.sale(wechatWithChange, NOTE)).code());
            assertEquals(size, Files.size(j.file()), "nothing written");

            j.sale(good, NOTE);
            j.sale(good, NOTE); // a repeat of the same sale id
            assertEquals(1, j.sales(shift.shiftId()).size());
            assertEquals(TillProblem.Code.SALE_UNKNOWN, assertThrows(TillProblem.class, () -> j.voided(new TillVoid(
                    UUID.randomUUID(), UUID.randomUUID(), shift.shiftId(), LUNCH, "9001", "x", Money.ZERO, Tender.CASH))).code());
        }
    }

    @Test
    void recordsLeaveTheQueueOnlyWithTheCentralsFinalAnswerAndAnIdNumberIsKeptMasked() throws IOException {
        ShiftOpening shift = opening("200");
        String idNumber = "120224193804121223";
        TillSale manual = sale(shift, false, "15", "0", Tender.CASH, null, false,
                IdentificationRequest.manual(idNumber, "CARD_FORGOTTEN"));
        TillSale walkIn = sale(shift, false, "16", "0", Tender.WECHAT, null, false, null);
        try (TillJournal j = TillJournal.open(dir)) {
            j.openShift(shift);
            j.sale(manual, NOTE);
            j.sale(walkIn, NOTE);
            j.sent(List.of("OPEN:" + shift.shiftId(), "SALE:" + manual.saleId()), "ACCEPTED", null, null);
            j.sent(List.of("SALE:no-such-record"), "ACCEPTED", null, null);
        }
        String onDisk = Files.readString(dir.resolve(TillJournal.FILE), StandardCharsets.UTF_8);
        assertFalse(onDisk.contains(idNumber), onDisk);
        assertTrue(onDisk.contains("120224********1223"), onDisk);
        try (TillJournal j = TillJournal.open(dir)) {
            List<TillJournal.Unsent> left = j.unsent(10);
            assertEquals(1, left.size());
            assertEquals(walkIn, left.get(0).sale(), "resent as it was journalled, with the same id");
            j.sent(List.of(left.get(0).key()), "REFUSED", "TILL_SALE_REFUSED", "拒收");
        }
        try (TillJournal j = TillJournal.open(dir)) {
            assertEquals(0, j.unsentCount());
            assertEquals(2, j.sales(shift.shiftId()).size(), "a refused record stays in the counter's own figures");
        }
    }

    @Test
    void amountsAreTypedInYuan() {
        assertEquals(Money.ofFen(20000), Till.yuan("200"));
        assertEquals(Money.ofFen(20000), Till.yuan(" 200.00 "));
        assertEquals(Money.ofFen(20050), Till.yuan("２００．５"));
        assertEquals(Money.ofFen(5000), Till.yuan("50元"));
        for (String bad : List.of("", "-1", "abc", "1.234", "1,000")) {
            assertEquals(TillProblem.Code.INVALID_AMOUNT_TEXT,
                    assertThrows(TillProblem.class, () -> Till.yuan(bad)).code(), bad);
        }
        assertEquals(new TenderChoice(Tender.CASH, Money.ofFen(5000)), TenderChoice.parse(null, "50"));
        assertEquals(TenderChoice.EXACT_CASH, TenderChoice.parse("cash", " "));
        assertEquals(TillProblem.Code.UNKNOWN_TENDER,
                assertThrows(TillProblem.class, () -> TenderChoice.parse("BITCOIN", null)).code());
    }
}
