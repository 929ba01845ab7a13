package cn.laorenjia.settlement.offline;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.ledger.service.OfflineConfig;
import cn.laorenjia.settlement.offline.service.TerminalContacts;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline door as an attacker tries it (issue 14): one terminal posting backdated "offline" sales for eligible
 * seniors is paid at most its daily allowance, counted by the central, however it splits or races its syncs; a sale
 * claimed offline while the central was answering that terminal is not paid; a printed code by its bare identifier is
 * refused on every path, its signed text still works. Each sale refused is on record with its reason and in the report.
 */
@QuarkusTest
class OfflineDoorTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    OfflineConfig config;

    @Inject
    TerminalContacts contacts;

    private String terminal;
    private String otherTerminal;

    @BeforeEach
    void registerTwoCanteens() {
        clock.reset();
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        otherTerminal = TestApi.registerCanteen("宝平街道").getString("terminalSecrets[0].authorization");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void fiftyBackdatedOfflineSalesForEligibleSeniorsArePaidOnlyUpToTheTerminalsAllowance() {
        int allowance = config.allowancePerTerminalDay(); // production's, as configured
        assertEquals(40, allowance);
        // a lunch three days ago, one sale a minute: the central never heard from this terminal then
        OffsetDateTime lunch = OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(3)), ChinaCalendar.ZONE);
        List<Map<String, Object>> sales = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sales.add(sale(registerSenior(), lunch.plusMinutes(i % 55).plusSeconds(i).toString(), true));
        }
        JsonPath results = syncAll(terminal, sales);
        for (int i = 0; i < allowance; i++) {
            assertEquals("SUBSIDISED", results.getString("[" + i + "].status"), results.getString("[" + i + "]"));
        }
        for (int i = allowance; i < 50; i++) {
            assertEquals("REJECTED", results.getString("[" + i + "].status"));
            assertEquals("OFFLINE_SALES_ALLOWANCE_EXCEEDED", results.getString("[" + i + "].code"));
            assertEquals(300, results.getInt("[" + i + "].canteenBearsFen"));
            assertTrue(results.getString("[" + i + "].messageZh").contains("40笔"), results.getString("[" + i + "].messageZh"));
        }
        List<UUID> ids = sales.stream().map(s -> UUID.fromString((String) s.get("saleId"))).toList();
        assertEquals(allowance, count("select count(*) from meal_entry where entry_id = any(?)", ids));
        assertEquals(allowance * 500L, count("select sum(discount_fen + operating_subsidy_fen) from meal_entry "
                + "where entry_id = any(?)", ids), "the district pays for the allowance, nothing beyond");
        assertEquals(50L - allowance, count("select count(*) from offline_rejection where sale_id = any(?) "
                + "and reason_code = 'OFFLINE_SALES_ALLOWANCE_EXCEEDED'", ids));

        // the same attack again, resent or as fresh sales the same day: the same answers, nothing more paid
        JsonPath again = syncAll(terminal, sales);
        for (int i = 0; i < 50; i++) {
            assertEquals(results.getMap("[" + i + "]"), again.getMap("[" + i + "]"));
        }
        JsonPath more = sync(terminal, sale(registerSenior(), lunch.plusMinutes(58).toString(), true));
        assertEquals("OFFLINE_SALES_ALLOWANCE_EXCEEDED", more.getString("[0].code"));
        // another terminal's allowance is its own
        assertEquals("SUBSIDISED", sync(otherTerminal, sale(registerSenior(), lunch.toString(), true))
                .getString("[0].status"));

        LocalDate day = lunch.atZoneSameInstant(ChinaCalendar.ZONE).toLocalDate();
        Map<String, Object> row = reportRow(day, ownCanteen(terminal, day));
        assertEquals(allowance, ((Number) row.get("confirmed")).intValue());
        assertEquals(51 - allowance, ((Number) row.get("rejected")).intValue());
        assertEquals(51 - allowance, ((Number) row.get("overAllowance")).intValue(), "flagged in the report");
        assertEquals(0, ((Number) row.get("whileOnline")).intValue());
    }

    @Test
    void parallelSyncsOfOneTerminalNeverPassTheAllowanceAndAnswerTheSameWhenResent() throws Exception {
        int allowance = config.allowancePerTerminalDay();
        OffsetDateTime lunch = OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(2)), ChinaCalendar.ZONE);
        int batches = 6;
        int perBatch = 10; // 60 sales for an allowance of 40
        List<List<Map<String, Object>>> requests = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                batch.add(sale(registerSenior(), lunch.plusSeconds(b * perBatch + i).toString(), true));
            }
            requests.add(batch);
        }
        List<JsonPath> first = race(requests);
        int paid = 0;
        for (JsonPath r : first) {
            for (int i = 0; i < perBatch; i++) {
                String status = r.getString("[" + i + "].status");
                if (status.equals("SUBSIDISED")) {
                    paid++;
                } else {
                    assertEquals("REJECTED", status);
                    assertEquals("OFFLINE_SALES_ALLOWANCE_EXCEEDED", r.getString("[" + i + "].code"));
                }
            }
        }
        assertEquals(allowance, paid, "exactly the allowance, whichever batch came first");
        List<UUID> ids = requests.stream().flatMap(List::stream).map(s -> UUID.fromString((String) s.get("saleId"))).toList();
        assertEquals(allowance, count("select count(*) from meal_entry where entry_id = any(?)", ids));
        assertEquals(batches * perBatch - allowance, count("select count(*) from offline_rejection where sale_id = any(?)", ids));

        List<JsonPath> again = race(requests);
        for (int b = 0; b < batches; b++) {
            assertEquals(first.get(b).getList(""), again.get(b).getList(""), "batch " + b + " answered the same");
        }
    }

    @Test
    void aSaleClaimedOfflineWhileTheCentralWasAnsweringThatTerminalIsNotPaid() {
        String uid = registerSenior();
        Instant t0 = clock.instant();
        // the central answers the terminal at t0 and 40 s later (a quota look-up each time)
        quota(terminal, uid).then().statusCode(200);
        contacts.flush(); // the first answer from the table, the second from memory
        assertEquals(1, count("select count(*) from terminal_contact c join terminal t on t.id = c.terminal_id "
                + "where t.code = ? and c.first_at = ?", codeOf(terminal), java.sql.Timestamp.from(t0)));
        clock.advance(Duration.ofSeconds(40));
        quota(terminal, uid).then().statusCode(200);

        // synced later than a live sale may be (10 minutes): the backdated claim the rule is there for
        clock.advance(Duration.ofMinutes(10));
        Map<String, Object> whileAnswered = sale(uid, at(t0.plusSeconds(20)), true);
        // five minutes after the last answer, nothing since: it may well have been offline
        Map<String, Object> afterwards = sale(registerSenior(), at(t0.plusSeconds(340)), true);
        // the same moment at another terminal, which the central was not answering
        Map<String, Object> elsewhere = sale(registerSenior(), at(t0.plusSeconds(20)), true);

        JsonPath results = syncAll(terminal, List.of(whileAnswered, afterwards));
        assertEquals("REJECTED", results.getString("[0].status"), results.prettify());
        assertEquals("TERMINAL_WAS_ONLINE", results.getString("[0].code"));
        assertEquals(300, results.getInt("[0].canteenBearsFen"));
        assertTrue(results.getString("[0].messageZh").startsWith("该笔交易发生时服务器正与本终端正常通信"));
        assertEquals("SUBSIDISED", results.getString("[1].status"));
        assertEquals("SUBSIDISED", sync(otherTerminal, elsewhere).getString("[0].status"));
        assertEquals(0, count("select count(*) from meal_entry where entry_id = ?",
                UUID.fromString((String) whileAnswered.get("saleId"))));
        assertEquals(1, count("select count(*) from offline_rejection where sale_id = ? and reason_code = 'TERMINAL_WAS_ONLINE'",
                UUID.fromString((String) whileAnswered.get("saleId"))));
        // a resend answers the same
        assertEquals(results.getMap("[0]"), sync(terminal, whileAnswered).getMap("[0]"));

        LocalDate day = ChinaCalendar.mealDate(t0);
        Map<String, Object> row = reportRow(day, ownCanteen(terminal, day));
        assertEquals(1, ((Number) row.get("whileOnline")).intValue(), "flagged in the report");
        assertEquals(1, ((Number) row.get("confirmed")).intValue());
    }

    @Test
    void aClaimSyncedWithinTheLiveWindowIsDecidedLikeALiveSaleWhateverTheContact() {
        // a blip of a few seconds, or a live sale whose request was lost and is resent after the counter restarted:
        // the central would take the same sale live now, so its answers around it are not held against it
        String uid = registerSenior();
        Instant t0 = clock.instant();
        quota(terminal, uid).then().statusCode(200);
        clock.advance(Duration.ofSeconds(40));
        quota(terminal, uid).then().statusCode(200);
        clock.advance(Duration.ofMinutes(2));
        JsonPath results = syncAll(terminal, List.of(sale(uid, at(t0.plusSeconds(20)), true)));
        assertEquals("SUBSIDISED", results.getString("[0].status"), results.prettify());
    }

    @Test
    void aPrintedCodeByItsBareIdentifierIsRefusedOnEveryPathAndItsSignedTextStillWorks() {
        String uid = registerSenior();
        long seniorId = count("select senior_id from card where identifier = ?", uid);
        String signed = as(ADMIN).post("/api/qr/seniors/" + seniorId + "/printed-code").then().statusCode(200)
                .extract().path("token");
        String identifier = string("select identifier from card where senior_id = ? and kind = 'PRINTED_QR'", seniorId);
        Map<String, String> bare = Map.of("method", "CARD", "cardKind", "PRINTED_QR", "identifier", identifier);
        Map<String, String> unknown = Map.of("method", "CARD", "cardKind", "PRINTED_QR", "identifier", "BDQR0000000000ZZ");
        long entries = count("select count(*) from meal_entry");

        for (Map<String, String> who : List.of(bare, unknown)) {
            // live sale
            Map<String, Object> live = sale(uid, at(clock.instant()), false);
            live.remove("granted");
            live.put("identification", who);
            TestApi.asTerminal(terminal).body(live).post("/api/meals").then().statusCode(403)
                    .body("code", equalTo("PRINTED_QR_NOT_SIGNED"))
                    .body("message", equalTo("纸质二维码须扫描卡面上的签名二维码，不能按编号识别；请重新扫码，或改用身份证号查询"));
            // preview
            TestApi.asTerminal(terminal).body(Map.of("identification", who, "mealSetCode", "L-STD"))
                    .post("/api/counter/preview").then().statusCode(403).body("code", equalTo("PRINTED_QR_NOT_SIGNED"));
            // quota
            TestApi.asTerminal(terminal).queryParam("cardKind", "PRINTED_QR").queryParam("identifier", who.get("identifier"))
                    .get("/api/meals/quota").then().statusCode(403).body("code", equalTo("PRINTED_QR_NOT_SIGNED"));
        }
        assertEquals(entries, count("select count(*) from meal_entry"), "nothing recorded");

        // offline sync (from a terminal the central was not answering): rejected, the canteen bears the discount
        Map<String, Object> offline = sale(uid, at(clock.instant()), true);
        offline.put("identification", bare);
        JsonPath synced = sync(otherTerminal, offline);
        assertEquals("REJECTED", synced.getString("[0].status"));
        assertEquals("PRINTED_QR_NOT_SIGNED", synced.getString("[0].code"));
        assertEquals(300, synced.getInt("[0].canteenBearsFen"));
        assertEquals(0, count("select count(*) from meal_entry where entry_id = ?", UUID.fromString((String) offline.get("saleId"))));

        // the signed text: quota, preview and the sale work, and the cashier is asked for the second check
        TestApi.asTerminal(terminal).queryParam("qrToken", signed).get("/api/meals/quota").then().statusCode(200)
                .body("secondCheckRequired", equalTo(true));
        Map<String, String> byCode = Map.of("method", "QR", "token", signed);
        TestApi.asTerminal(terminal).body(Map.of("identification", byCode, "mealSetCode", "L-STD"))
                .post("/api/counter/preview").then().statusCode(200);
        Map<String, Object> live = sale(uid, at(clock.instant()), false);
        live.remove("granted");
        live.put("identification", byCode);
        TestApi.asTerminal(terminal).body(live).post("/api/meals").then().statusCode(200)
                .body("status", equalTo("SUBSIDISED")).body("secondCheckRequired", equalTo(true));

        // and offline, as the terminal journals it: its signed text (five minutes on: the central answered that
        // terminal the bare identifier's sync just now, and it was not offline then)
        String other = registerSenior();
        long otherId = count("select senior_id from card where identifier = ?", other);
        String otherSigned = as(ADMIN).post("/api/qr/seniors/" + otherId + "/printed-code").then().statusCode(200)
                .extract().path("token");
        Instant later = clock.instant().plus(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(10));
        Map<String, Object> offlineSigned = sale(other, at(later), true);
        offlineSigned.put("identification", Map.of("method", "QR", "token", otherSigned));
        JsonPath ok = sync(otherTerminal, offlineSigned);
        assertEquals("SUBSIDISED", ok.getString("[0].status"), ok.prettify());
        assertTrue(ok.getBoolean("[0].authorisation.secondCheckRequired"));
    }

    // --- helpers ---

    private List<JsonPath> race(List<List<Map<String, Object>>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (List<Map<String, Object>> batch : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return syncAll(terminal, batch);
                }));
            }
            start.countDown();
            List<JsonPath> results = new ArrayList<>();
            for (Future<JsonPath> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static io.restassured.response.Response quota(String terminal, String uid) {
        return TestApi.asTerminal(terminal).queryParam("cardKind", "UID").queryParam("identifier", uid)
                .get("/api/meals/quota");
    }

    /** The terminal's register code, from its "Terminal CODE:secret" authorization. */
    private static String codeOf(String authorization) {
        String credential = authorization.substring(authorization.indexOf(' ') + 1);
        return credential.substring(0, credential.indexOf(':'));
    }

    private static String at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ChinaCalendar.ZONE).toString();
    }

    private static Map<String, Object> sale(String uid, String when, boolean granted) {
        Map<String, Object> sale = new HashMap<>();
        sale.put("saleId", UUID.randomUUID().toString());
        sale.put("occurredAt", when);
        sale.put("identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid));
        sale.put("mealSetCode", "L-STD");
        sale.put("priceFen", 1500);
        sale.put("granted", granted);
        return sale;
    }

    private static JsonPath sync(String terminal, Map<String, Object> sale) {
        return syncAll(terminal, List.of(sale));
    }

    private static JsonPath syncAll(String terminal, List<Map<String, Object>> sales) {
        return TestApi.asTerminal(terminal).body(Map.of("sales", sales)).post("/api/meals/offline").then()
                .statusCode(200).extract().jsonPath();
    }

    private static String ownCanteen(String terminal, LocalDate day) {
        return TestApi.asTerminal(terminal).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/counter/offline/report").then().statusCode(200).extract().path("canteens[0].canteenCode");
    }

    private static Map<String, Object> reportRow(LocalDate day, String canteenCode) {
        JsonPath report = as(FINANCE).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/settlement/offline").then().statusCode(200).extract().jsonPath();
        return report.getMap("canteens.find { it.canteenCode == '" + canteenCode + "' }");
    }

    /** An enrolled senior of 87 with a local household and a fresh UID card; answers the UID. */
    private static String registerSenior() {
        return TestApi.registerSenior("断网测试", "宝坻区");
    }

    private long count(String sql, Object... params) {
        Object value = query(sql, params);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private String string(String sql, Object... params) {
        return (String) query(sql, params);
    }

    private Object query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof List<?> list) {
                    s.setArray(i + 1, c.createArrayOf("uuid", list.toArray()));
                } else {
                    s.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
