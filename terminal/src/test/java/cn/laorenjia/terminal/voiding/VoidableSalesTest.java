package cn.laorenjia.terminal.voiding;

import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.offline.OfflineSaleResult;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.terminal.journal.SaleJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The counter's list of sales to void from, read from its journal: who, what, paid, by whom, and whether the central
 * can void it now; voids journalled there mark the sale and count against its cashier, across a restart.
 */
class VoidableSalesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ChinaCalendar.ZONE);
    private static final LocalDate TODAY = LocalDate.parse("2026-11-23");

    @TempDir
    Path dir;

    private static AuthoriseMealRequest sale(UUID id, String at, String cashier) {
        return new AuthoriseMealRequest(id, OffsetDateTime.parse(at), IdentificationRequest.card("UID", "04A1B2C3D4E5F6"),
                "L-STD", Money.ofFen(1500), cashier);
    }

    private static MealAuthorisation shown(UUID id, String status, String name, long paidFen) {
        return new MealAuthorisation(id, status, MealAuthorisation.SeniorView.of(name, "120224********1223", true),
                "BD-HB-01", "BD-HB-01-T1", new MealAuthorisation.MealSetView("L-STD", "午餐标准套餐", "LUNCH"), TODAY,
                "2026-W48", Money.ofFen(1500), Money.ofFen(1500 - paidFen), Money.ofFen(paidFen), Money.ZERO, 0, 4,
                "BD-2025-01", "减免5元，本周还剩4次", Instant.parse("2026-11-23T03:30:00Z"), false);
    }

    @Test
    void theListNamesEachSaleNewestFirstSaysWhichCanBeVoidedAndKeepsVoidsAcrossARestart() {
        UUID live = UUID.randomUUID();
        UUID offlinePending = UUID.randomUUID();
        UUID offlineSynced = UUID.randomUUID();
        UUID fullPrice = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID yesterday = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            journal.sale(yesterday, SaleJournal.Mode.ONLINE, true, sale(yesterday, "2026-11-22T11:00:00+08:00", "1001"));
            journal.sale(live, SaleJournal.Mode.ONLINE, true, sale(live, "2026-11-23T11:01:00+08:00", "1001"));
            journal.sale(offlineSynced, SaleJournal.Mode.OFFLINE, true, sale(offlineSynced, "2026-11-23T11:02:00+08:00", "1001"),
                    shown(offlineSynced, "OFFLINE_PENDING", "李*兰", 1000));
            journal.sale(refused, SaleJournal.Mode.ONLINE, true, sale(refused, "2026-11-23T11:03:00+08:00", "1001"));
            journal.sale(fullPrice, SaleJournal.Mode.OFFLINE, false, sale(fullPrice, "2026-11-23T11:04:00+08:00", "9001"),
                    shown(fullPrice, "OFFLINE_FULL_PRICE", "王*顺", 1500));
            journal.sale(offlinePending, SaleJournal.Mode.OFFLINE, true, sale(offlinePending, "2026-11-23T11:05:00+08:00", "9001"),
                    shown(offlinePending, "OFFLINE_PENDING", "赵*兰", 1000));
            journal.sale(lost, SaleJournal.Mode.ONLINE, true, sale(lost, "2026-11-23T11:06:00+08:00", "9001"));
            journal.done(List.of(new SaleJournal.Done(live, "SUBSIDISED", shown(live, "SUBSIDISED", "张*珍", 1000)),
                    new SaleJournal.Done(refused, "REFUSED_LIVE", Map.of("code", "QUOTA_EXCEEDED")),
                    // the sync's answer wraps the central's record of the offline sale
                    new SaleJournal.Done(offlineSynced, "SUBSIDISED", OfflineSaleResult.of(
                            shown(offlineSynced, "SUBSIDISED", "李*兰", 1000)))));

            List<VoidableSale> list = lines(journal);
            assertEquals(List.of(lost, offlinePending, fullPrice, offlineSynced, live), list.stream().map(VoidableSale::saleId).toList(),
                    "today's sales, newest first, the refused one and yesterday's left out");
            assertEquals(List.of(VoidableSale.OUTCOME_UNKNOWN, VoidableSale.OFFLINE_PENDING, VoidableSale.FULL_PRICE,
                    VoidableSale.VOIDABLE, VoidableSale.VOIDABLE), list.stream().map(VoidableSale::status).toList());
            VoidableSale first = list.get(4);
            assertEquals("张*珍", first.nameMasked());
            assertEquals("午餐标准套餐", first.mealSetName());
            assertEquals("10.00", first.amountPaid());
            assertEquals("11:01", first.time());
            assertEquals("1001", first.cashier());
            assertNull(first.refusalZh());
            assertEquals("赵*兰", list.get(1).nameMasked(), "an offline sale is named from the counter's own answer");
            VoidRefused notSynced = assertThrows(VoidRefused.class, () -> list.get(1).requireVoidable());
            assertEquals(VoidRefused.OFFLINE_SALE_NOT_SYNCED, notSynced.code());
            assertEquals(notSynced.messageZh(), list.get(1).refusalZh(), "the list says it before the cashier tries");
            assertEquals(VoidRefused.NOTHING_TO_VOID, assertThrows(VoidRefused.class, () -> list.get(2).requireVoidable()).code());
            assertNull(list.get(0).nameMasked(), "no answer came: the list cannot name the senior");

            journal.voided(live, new SaleJournal.Voided(UUID.randomUUID(), "收错套餐", "9001", Money.ofFen(1000),
                    Instant.parse("2026-11-23T03:40:00Z")));
            assertEquals(List.of(new SaleJournal.CashierSales("1001", 1, 0), new SaleJournal.CashierSales("9001", 3, 3)),
                    journal.salesByCashierOn(TODAY), "the void counts against the cashier who made the sale");
        }
        try (SaleJournal reopened = SaleJournal.open(dir, CLOCK)) {
            List<VoidableSale> list = lines(reopened);
            VoidableSale voided = list.stream().filter(l -> l.saleId().equals(live)).findFirst().orElseThrow();
            assertEquals(VoidableSale.VOIDED, voided.status());
            assertEquals("收错套餐", voided.voidReason());
            assertEquals("10.00", voided.refund());
            assertEquals(VoidRefused.ALREADY_VOIDED, assertThrows(VoidRefused.class, voided::requireVoidable).code());
            assertEquals("李*兰", list.stream().filter(l -> l.saleId().equals(offlineSynced)).findFirst().orElseThrow().nameMasked());
            assertEquals(List.of(new SaleJournal.CashierSales("1001", 1, 0), new SaleJournal.CashierSales("9001", 3, 3)),
                    reopened.salesByCashierOn(TODAY));
            // a second record of the same void is not written again
            reopened.voided(live, new SaleJournal.Voided(UUID.randomUUID(), "again", "9001", Money.ofFen(1000), CLOCK.instant()));
            assertEquals("收错套餐", reopened.journalled(live).orElseThrow().voided().reason());
        }
    }

    @Test
    void aReasonIsRequiredAndAtMost200Characters() {
        assertEquals(VoidRefused.REASON_REQUIRED, assertThrows(VoidRefused.class, () -> new VoidReason("  ")).code());
        assertEquals(VoidRefused.REASON_REQUIRED, assertThrows(VoidRefused.class, () -> new VoidReason(null)).code());
        assertEquals(VoidRefused.REASON_TOO_LONG, assertThrows(VoidRefused.class, () -> new VoidReason("长".repeat(201))).code());
        assertEquals("长".repeat(200), new VoidReason(" " + "长".repeat(200) + " ").text());
        assertEquals(VoidRefused.SALE_REQUIRED, assertThrows(VoidRefused.class, () -> VoidableSale.saleIdOf("")).code());
        assertEquals(VoidRefused.NOTHING_TO_VOID, assertThrows(VoidRefused.class, () -> VoidableSale.saleIdOf("x")).code());
    }

    private static List<VoidableSale> lines(SaleJournal journal) {
        return journal.salesOn(TODAY).stream().map(s -> VoidableSale.of(s, null)).toList();
    }
}
