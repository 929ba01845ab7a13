package cn.laorenjia.terminal.offline;

import cn.laorenjia.terminal.app.TestTerminalConfig;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.settlement.SettlementClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sync request holds at most 200 sales and at most 60 KiB of them (the central refuses bodies over 64 KiB), in
 * the order the sales were made: long QR sales make smaller batches than card sales.
 */
class OfflineBatchTest {

    private final ObjectMapper json = new ObjectMapper();

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
        SettlementClient client = new SettlementClient(TestTerminalConfig.of(URI.create("http://127.0.0.1:9"), "T", "s"), json);
        return new OfflineCounter(TestOfflineConfig.in(dir), client, json);
    }

    private List<UUID> queue(SaleJournal journal, int count, String method) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ObjectNode body = json.createObjectNode();
            body.put("saleId", id.toString()).put("occurredAt", "2026-11-23T11:30+08:00");
            if (method.equals("CARD")) {
                body.putObject("identification").put("method", "CARD").put("cardKind", "UID").put("identifier", "04A1B2C3D4E5F6");
            } else {
                // a signed code is about 90 characters; a long legacy printed code up to 512
                body.putObject("identification").put("method", "QR").put("token", "LRJ:" + "X".repeat(400 + i % 100));
            }
            body.put("mealSetCode", "L-STD").put("priceFen", 1500);
            journal.sale(id, SaleJournal.Mode.OFFLINE, true, body);
            ids.add(id);
        }
        return ids;
    }

    private int bodyBytes(List<SaleJournal.Pending> batch) {
        List<ObjectNode> sales = batch.stream().map(p -> {
            ObjectNode s = p.body().deepCopy();
            s.put("granted", p.granted());
            return s;
        }).toList();
        try {
            return json.writeValueAsString(Map.of("sales", sales)).getBytes(StandardCharsets.UTF_8).length;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
