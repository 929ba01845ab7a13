package cn.laorenjia.terminal.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter's journal across crashes: what was forced to disk is found again, a torn tail is cut off. */
class SaleJournalTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private ObjectNode body(UUID id) {
        ObjectNode body = json.createObjectNode();
        body.put("saleId", id.toString()).put("mealSetCode", "L-STD").put("priceFen", 1500)
                .put("occurredAt", "2026-11-23T11:30:00+08:00");
        body.putObject("identification").put("method", "CARD").put("cardKind", "UID").put("identifier", "04A1B2C3D4E5F6");
        return body;
    }

    @Test
    void pendingSalesSurviveAReopenInTheOrderTheyWereMade() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, json)) {
            journal.sale(a, SaleJournal.Mode.OFFLINE, true, body(a));
            journal.sale(b, SaleJournal.Mode.ONLINE, true, body(b));
            journal.sale(c, SaleJournal.Mode.OFFLINE, false, body(c));
            journal.sale(a, SaleJournal.Mode.OFFLINE, true, body(a)); // a retry: already on disk, not twice
            journal.done(List.of(new SaleJournal.Done(b, "SUBSIDISED", json.createObjectNode())));
        }
        try (SaleJournal reopened = SaleJournal.open(dir, json)) {
            assertEquals(2, reopened.pendingCount());
            List<SaleJournal.Pending> offline = reopened.pending(SaleJournal.Mode.OFFLINE, 10);
            assertEquals(List.of(a, c), offline.stream().map(SaleJournal.Pending::saleId).toList());
            assertTrue(offline.get(0).granted());
            assertFalse(offline.get(1).granted());
            assertEquals("L-STD", offline.get(0).body().path("mealSetCode").asText());
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
        try (SaleJournal journal = SaleJournal.open(dir, json)) {
            journal.sale(a, SaleJournal.Mode.OFFLINE, true, body(a));
            journal.sale(b, SaleJournal.Mode.OFFLINE, false, body(b));      // charged in full: not a grant
            journal.sale(c, SaleJournal.Mode.ONLINE, true, body(c));        // live, answered: not offline
            journal.sale(d, SaleJournal.Mode.ONLINE, true, body(d));
            journal.wentOffline(d, true);                                   // its answer never came: granted offline
            ObjectNode nextDay = body(late).put("occurredAt", "2026-11-24T00:10:00+08:00");
            journal.sale(late, SaleJournal.Mode.OFFLINE, true, nextDay);
            assertEquals(2, journal.grantedOfflineOn(day));
            journal.done(List.of(new SaleJournal.Done(a, "SUBSIDISED", json.createObjectNode()),
                    new SaleJournal.Done(b, "NOT_RECORDED", json.createObjectNode()),
                    new SaleJournal.Done(c, "SUBSIDISED", json.createObjectNode()),
                    new SaleJournal.Done(d, "SUBSIDISED", json.createObjectNode())));
        }
        // synced and restarted: the day's offline limit still counts them
        try (SaleJournal reopened = SaleJournal.open(dir, json)) {
            assertEquals(2, reopened.grantedOfflineOn(day));
            assertEquals(1, reopened.grantedOfflineOn(day.plusDays(1)));
            assertEquals(1, reopened.pendingCount());
        }
    }

    @Test
    void aLiveSaleThatWentOfflineIsSyncedAsOffline() {
        UUID id = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, json)) {
            journal.sale(id, SaleJournal.Mode.ONLINE, true, body(id));
            journal.wentOffline(id, false);
        }
        try (SaleJournal reopened = SaleJournal.open(dir, json)) {
            SaleJournal.Pending p = reopened.pending(SaleJournal.Mode.OFFLINE, 1).get(0);
            assertEquals(id, p.saleId());
            assertFalse(p.granted());
            assertTrue(reopened.pending(SaleJournal.Mode.ONLINE, 1).isEmpty());
        }
    }

    @Test
    void aTornLastLineIsCutOffAndTheJournalGoesOn() throws IOException {
        UUID kept = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, json)) {
            journal.sale(kept, SaleJournal.Mode.OFFLINE, true, body(kept));
        }
        Path file = dir.resolve(SaleJournal.FILE);
        long good = Files.size(file);
        // power lost in the middle of writing the next record: half a line, no newline
        String half = Files.readString(file).substring(0, 40);
        Files.writeString(file, half, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        UUID next = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, json)) {
            assertEquals(1, journal.pendingCount());
            assertEquals(good, Files.size(file), "the torn tail is cut off");
            journal.sale(next, SaleJournal.Mode.OFFLINE, true, body(next));
        }
        try (SaleJournal journal = SaleJournal.open(dir, json)) {
            assertEquals(2, journal.pendingCount(), "the record after the cut is read back");
        }
    }

    @Test
    void aCorruptedRecordEndsTheReadableJournal() throws IOException {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (SaleJournal journal = SaleJournal.open(dir, json)) {
            journal.sale(first, SaleJournal.Mode.OFFLINE, true, body(first));
            journal.sale(second, SaleJournal.Mode.OFFLINE, true, body(second));
        }
        Path file = dir.resolve(SaleJournal.FILE);
        List<String> lines = Files.readAllLines(file);
        // a flipped byte in the second record: its checksum no longer matches
        Files.write(file, List.of(lines.get(0), lines.get(1).replace("L-STD", "L-STE")));
        try (SaleJournal journal = SaleJournal.open(dir, json)) {
            assertEquals(1, journal.pendingCount());
            assertEquals(first, journal.pending(SaleJournal.Mode.OFFLINE, 5).get(0).saleId());
        }
    }
}
