package cn.laorenjia.terminal.offline;

import cn.laorenjia.terminal.app.TestTerminalConfig;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.offline.OfflineSaleRequest;
import cn.laorenjia.contract.offline.OfflineSyncRequest;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sync request holds at most 200 sales and at most 60 KiB of them (the central refuses bodies over 64 KiB), in
 * the order the sales were made: long QR sales make smaller batches than card sales.
 */
class OfflineBatchTest {

    private final ObjectMapper json = ContractJson.mapper();

    @TempDir
    Path dir;

    @Test
    void cardSalesGoTwoHundredAtATime() {
        OfflineCounter counter = counter();
        List<UUID> queued = queue(counter.journal(), 450, "CARD");
        List<SaleJournal.Pending> batch = counter.nextBatch();
        assertEquals(200, batch.size());
        assertEquals(queued.subList(0, 200), batch.stream().map(SaleJournal.Pending::saleId).toList());
        assertTrue(bodyBytes(batch) <= 61_440);
    }

    @Test
    void longQrSalesAreCutAtTheByteBoundInOrder() {
        OfflineCounter counter = counter();
        List<UUID> queued = queue(counter.journal(), 300, "QR");
        List<SaleJournal.Pending> batch = counter.nextBatch();
        assertTrue(batch.size() < 200 && batch.size() > 50, "cut by bytes: " + batch.size());
        assertTrue(bodyBytes(batch) <= 61_440, "body of " + bodyBytes(batch) + " bytes");
        assertEquals(queued.subList(0, batch.size()), batch.stream().map(SaleJournal.Pending::saleId).toList());
    }

    private OfflineCounter counter() {
        // never started and never sending: only the batching is looked at
        SettlementClient client = new SettlementClient(TestTerminalConfig.of(URI.create("http://127.0.0.1:9"), "T", "s"));
        return new OfflineCounter(TestOfflineConfig.in(dir), client,
                Clock.fixed(Instant.parse("2026-11-23T03:30:00Z"), ChinaCalendar.ZONE));
    }

    private List<UUID> queue(SaleJournal journal, int count, String method) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            // a signed code is about 90 characters; a long legacy printed code up to 512
            IdentificationRequest who = method.equals("CARD") ? IdentificationRequest.card("UID", "04A1B2C3D4E5F6")
                    : IdentificationRequest.qr("LRJ:" + "X".repeat(400 + i % 100));
            AuthoriseMealRequest body = new AuthoriseMealRequest(id, OffsetDateTime.parse("2026-11-23T11:30+08:00"), who,
                    "L-STD", Money.ofFen(1500));
            journal.sale(id, SaleJournal.Mode.OFFLINE, true, body);
            ids.add(id);
        }
        return ids;
    }

    private int bodyBytes(List<SaleJournal.Pending> batch) {
        List<OfflineSaleRequest> sales = batch.stream().map(p -> OfflineSaleRequest.of(p.body(), p.granted())).toList();
        try {
            return json.writeValueAsString(new OfflineSyncRequest(sales)).getBytes(StandardCharsets.UTF_8).length;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
