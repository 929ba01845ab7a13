package cn.laorenjia.terminal.journal;

import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.offline.OfflineSaleRequest;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.FileSystems;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter's journal across crashes: what was forced to disk is found again, a torn tail is cut off. */
class SaleJournalTest {

    /** The counter's clock: fixed at the lunch the sales below are made. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T03:30:00Z"), ChinaCalendar.ZONE);

    @TempDir
    Path dir;

    private static AuthoriseMealRequest body(UUID id) {
        return bodyAt(id, "2026-11-23T11:30:00+08:00");
    }

    private static AuthoriseMealRequest bodyAt(UUID id, String occurredAt) {
        return new AuthoriseMealRequest(id, OffsetDateTime.parse(occurredAt),
                IdentificationRequest.card("UID", "04A1B2C3D4E5F6"), "L-STD", Money.ofFen(1500));
    }

    @Test
    void theJournalIsOwnerOnlyAndKeepsNoFullIdNumber() throws Exception {
        UUID manual = UUID.randomUUID();
        String idNumber = "120224193804121223";
        AuthoriseMealRequest lookUp = new AuthoriseMealRequest(manual, OffsetDateTime.parse("2026-11-23T11:30:00+08:00"),
                IdentificationRequest.manual(idNumber, "CARD_FORGOTTEN"), "L-STD", Money.ofFen(1500));
        Path journalDir = dir.resolve("journal");
        try (SaleJournal journal = SaleJournal.open(journalDir, CLOCK)) {
            journal.sale(manual, SaleJournal.Mode.ONLINE, true, lookUp);
            // while the terminal runs, the sale is resent as it was made
            assertEquals(idNumber, journal.pending(SaleJournal.Mode.ONLINE, 10).get(0).body().identification().idNumber());
            assertFalse(SaleJournal.withoutFullIdNumber(journal.pending(SaleJournal.Mode.ONLINE, 10).get(0)));
        }
        String onDisk = Files.readString(journalDir.resolve(SaleJournal.FILE), StandardCharsets.UTF_8);
        assertFalse(onDisk.contains(idNumber), onDisk);
        assertFalse(onDisk.contains("193804121"), "not even the birth date: " + onDisk);
        assertTrue(onDisk.contains("120224********1223"), onDisk);
        try (SaleJournal reopened = SaleJournal.open(journalDir, CLOCK)) {
            SaleJournal.Pending back = reopened.pending(SaleJournal.Mode.ONLINE, 10).get(0);
            assertTrue(SaleJournal.withoutFullIdNumber(back), "after a restart it cannot be resent as made");
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals(PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(journalDir.resolve(SaleJournal.FILE)));
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(journalDir));
        }
    }

    @Test
    void salesAreCountedPerCashierAndDayRefusedOnesNotAndTheCountsSurviveAReopen() throws IOException {
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID b1 = UUID.randomUUID();
        UUID none = UUID.randomUUID();
        UUID yesterday = UUID.randomUUID();
        UUID lookUp = UUID.randomUUID();
        LocalDate today = LocalDate.parse("2026-11-23");
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            journal.sale(a1, SaleJournal.Mode.ONLINE, true, body(a1).byCashier("1001"));
            journal.sale(a2, SaleJournal.Mode.OFFLINE, true, body(a2).byCashier("1001"));
            journal.sale(refused, SaleJournal.Mode.ONLINE, true, body(refused).byCashier("1001"));
            journal.sale(b1, SaleJournal.Mode.ONLINE, true, body(b1).byCashier("9001"));
            journal.sale(none, SaleJournal.Mode.ONLINE, true, body(none));
            journal.sale(yesterday, SaleJournal.Mode.ONLINE, true,
                    bodyAt(yesterday, "2026-11-22T11:30:00+08:00").byCashier("9001"));
            // a look-up by ID number: on disk with the number masked, and still with its cashier
            journal.sale(lookUp, SaleJournal.Mode.ONLINE, true, new AuthoriseMealRequest(lookUp,
                    OffsetDateTime.parse("2026-11-23T11:40:00+08:00"),
                    IdentificationRequest.manual("120224193804121223", "CARD_FORGOTTEN"), "L-STD", Money.ofFen(1500), "9001"));
            journal.done(List.of(new SaleJournal.Done(a1, "SUBSIDISED", null),
                    new SaleJournal.Done(refused, "REFUSED_LIVE", Map.of("code", "QUOTA_EXCEEDED")),
                    new SaleJournal.Done(b1, "SUBSIDISED", null), new SaleJournal.Done(none, "SUBSIDISED", null),
                    new SaleJournal.Done(lookUp, "SUBSIDISED", null)));
            List<SaleJournal.CashierSales> expected = List.of(new SaleJournal.CashierSales("1001", 2, 1),
                    new SaleJournal.CashierSales("9001", 2, 0), new SaleJournal.CashierSales(null, 1, 0));
            assertEquals(expected, journal.salesByCashierOn(today));
            assertEquals(List.of(new SaleJournal.CashierSales("9001", 1, 1)),
                    journal.salesByCashierOn(today.minusDays(1)));
        }
        String lookUpLine = Files.readAllLines(dir.resolve(SaleJournal.FILE), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(lookUp.toString()) && l.contains("\"SALE\"")).findFirst().orElseThrow();
        assertTrue(lookUpLine.contains("\"cashier\":\"9001\"") && lookUpLine.contains("120224********1223"), lookUpLine);
        try (SaleJournal reopened = SaleJournal.open(dir, CLOCK)) {
            reopened.done(List.of(new SaleJournal.Done(a2, "NOT_RECORDED", null)));
            assertEquals(List.of(new SaleJournal.CashierSales("1001", 1, 0), new SaleJournal.CashierSales("9001", 2, 0),
                    new SaleJournal.CashierSales(null, 1, 0)), reopened.salesByCashierOn(today));
        }
    }

    @Test
    void pendingSalesSurviveAReopenInTheOrderTheyWereMade() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            journal.sale(a, SaleJournal.Mode.OFFLINE, true, body(a));
            journal.sale(b, SaleJournal.Mode.ONLINE, true, body(b));
            journal.sale(c, SaleJournal.Mode.OFFLINE, false, body(c));
            journal.sale(a, SaleJournal.Mode.OFFLINE, true, body(a)); // a retry: already on disk, not twice
            journal.done(List.of(new SaleJournal.Done(b, "SUBSIDISED", Map.of())));
        }
        try (SaleJournal reopened = SaleJournal.open(dir, CLOCK)) {
            assertEquals(2, reopened.pendingCount());
            List<SaleJournal.Pending> offline = reopened.pending(SaleJournal.Mode.OFFLINE, 10);
            assertEquals(List.of(a, c), offline.stream().map(SaleJournal.Pending::saleId).toList());
            assertTrue(offline.get(0).granted());
            assertFalse(offline.get(1).granted());
            assertEquals("L-STD", offline.get(0).body().mealSetCode());
            assertEquals(3, reopened.salesJournalled());
            assertEquals(1, reopened.salesDone());
        }
    }

    @Test
    void subsidiesGrantedOfflineAreCountedPerDayEvenAfterTheyWereSynced() {
        LocalDate day = LocalDate.of(2026, 11, 23);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            journal.sale(a, SaleJournal.Mode.OFFLINE, true, body(a));
            journal.sale(b, SaleJournal.Mode.OFFLINE, false, body(b));      // charged in full: not a grant
            journal.sale(c, SaleJournal.Mode.ONLINE, true, body(c));        // live, answered: not offline
            journal.sale(d, SaleJournal.Mode.ONLINE, true, body(d));
            journal.wentOffline(d, true);                                   // its answer never came: granted offline
            journal.sale(late, SaleJournal.Mode.OFFLINE, true, bodyAt(late, "2026-11-24T00:10:00+08:00"));
            assertEquals(2, journal.grantedOfflineOn(day));
            journal.done(List.of(new SaleJournal.Done(a, "SUBSIDISED", Map.of()),
                    new SaleJournal.Done(b, "NOT_RECORDED", Map.of()),
                    new SaleJournal.Done(c, "SUBSIDISED", Map.of()),
                    new SaleJournal.Done(d, "SUBSIDISED", Map.of())));
        }
        // synced and restarted: the day's offline limit still counts them
        try (SaleJournal reopened = SaleJournal.open(dir, CLOCK)) {
            assertEquals(2, reopened.grantedOfflineOn(day));
            assertEquals(1, reopened.grantedOfflineOn(day.plusDays(1)));
            assertEquals(1, reopened.pendingCount());
        }
    }

    @Test
    void aLiveSaleThatWentOfflineIsSyncedAsOffline() {
        UUID id = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            journal.sale(id, SaleJournal.Mode.ONLINE, true, body(id));
            journal.wentOffline(id, false);
        }
        try (SaleJournal reopened = SaleJournal.open(dir, CLOCK)) {
            SaleJournal.Pending p = reopened.pending(SaleJournal.Mode.OFFLINE, 1).get(0);
            assertEquals(id, p.saleId());
            assertFalse(p.granted());
            assertTrue(reopened.pending(SaleJournal.Mode.ONLINE, 1).isEmpty());
        }
    }

    @Test
    void aTornLastLineIsCutOffAndTheJournalGoesOn() throws IOException {
        UUID kept = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            journal.sale(kept, SaleJournal.Mode.OFFLINE, true, body(kept));
        }
        Path file = dir.resolve(SaleJournal.FILE);
        long good = Files.size(file);
        // power lost in the middle of writing the next record: half a line, no newline
        String half = Files.readString(file).substring(0, 40);
        Files.writeString(file, half, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        UUID next = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            assertEquals(1, journal.pendingCount());
            assertEquals(good, Files.size(file), "the torn tail is cut off");
            journal.sale(next, SaleJournal.Mode.OFFLINE, true, body(next));
        }
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            assertEquals(2, journal.pendingCount(), "the record after the cut is read back");
        }
    }

    @Test
    void aCorruptedRecordEndsTheReadableJournal() throws IOException {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            journal.sale(first, SaleJournal.Mode.OFFLINE, true, body(first));
            journal.sale(second, SaleJournal.Mode.OFFLINE, true, body(second));
        }
        Path file = dir.resolve(SaleJournal.FILE);
        List<String> lines = Files.readAllLines(file);
        // a flipped byte in the second record: its checksum no longer matches
        Files.write(file, List.of(lines.get(0), lines.get(1).replace("L-STD", "L-STE")));
        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            assertEquals(1, journal.pendingCount());
            assertEquals(first, journal.pending(SaleJournal.Mode.OFFLINE, 5).get(0).saleId());
        }
    }

    @Test
    void aJournalWrittenByThePreviousVersionIsReadAndItsSalesSyncAsTheyWereJournalled() throws Exception {
        UUID waiting = UUID.fromString("6f1c2a3b-8d4e-4f5a-9b6c-7d8e9f0a1b2c");
        UUID answered = UUID.fromString("0b7e6a51-3c2d-4e8f-9a1b-2c3d4e5f6a7b");
        // as the counter wrote them when the journal held JSON trees: the body exactly as it was sent
        String oldBody = "{\"identification\":{\"method\":\"QR\",\"token\":\"LRJ:P1:abc\"},\"mealSetCode\":\"L-STD\","
                + "\"priceFen\":1500,\"saleId\":\"" + waiting + "\",\"occurredAt\":\"2026-11-23T11:30:05.123+08:00\"}";
        List<String> records = List.of(
                "{\"t\":\"SALE\",\"id\":\"" + waiting + "\",\"mode\":\"OFFLINE\",\"granted\":true,"
                        + "\"at\":\"2026-11-23T03:30:05.200Z\",\"body\":" + oldBody + "}",
                "{\"t\":\"SALE\",\"id\":\"" + answered + "\",\"mode\":\"ONLINE\",\"granted\":true,"
                        + "\"at\":\"2026-11-23T03:31:00Z\",\"body\":" + oldBody.replace(waiting.toString(), answered.toString()) + "}",
                "{\"t\":\"DONE\",\"id\":\"" + answered + "\",\"status\":\"SUBSIDISED\",\"answer\":{\"saleId\":\""
                        + answered + "\",\"status\":\"SUBSIDISED\",\"priceFen\":1500,\"price\":\"15.00\"}}");
        StringBuilder file = new StringBuilder();
        for (String r : records) {
            CRC32 crc = new CRC32();
            crc.update(r.getBytes(StandardCharsets.UTF_8));
            file.append(String.format("%08x", crc.getValue())).append(' ').append(r).append('\n');
        }
        Files.writeString(dir.resolve(SaleJournal.FILE), file, StandardCharsets.UTF_8);

        try (SaleJournal journal = SaleJournal.open(dir, CLOCK)) {
            assertEquals(1, journal.pendingCount());
            assertEquals(1, journal.grantedOfflineOn(LocalDate.of(2026, 11, 23)));
            SaleJournal.Pending p = journal.pending(SaleJournal.Mode.OFFLINE, 5).get(0);
            assertEquals(waiting, p.saleId());
            assertEquals(IdentificationRequest.qr("LRJ:P1:abc"), p.body().identification());
            assertEquals(Money.ofFen(1500), p.body().price());
            // synced with the same identity, time and price as journalled: the central's request hash matches a live try
            var sent = ContractJson.mapper().valueToTree(OfflineSaleRequest.of(p.body(), p.granted()));
            assertEquals("2026-11-23T11:30:05.123+08:00", sent.path("occurredAt").asText());
            assertEquals(1500, sent.path("priceFen").asLong());
            assertEquals("{\"method\":\"QR\",\"token\":\"LRJ:P1:abc\"}", sent.path("identification").toString());
        }
    }
}
