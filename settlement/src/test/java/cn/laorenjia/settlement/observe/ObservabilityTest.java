package cn.laorenjia.settlement.observe;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.offline.service.TerminalContactMetrics;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Formatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations (issue 20, README "运行监控与日志"): /q/metrics and who may read it, the service's own counters after real
 * sales, refusals, settlement runs and scans, request ids in answers and log lines, the log's time zone, the access log.
 */
@QuarkusTest
class ObservabilityTest {

    /** %test.laorenjia.metrics.token */
    static final String TOKEN = "test-metrics-token-0123456789abcdef";

    @Inject
    TestClock clock;

    @Inject
    TerminalContactMetrics terminalContacts;

    private String terminal;
    private String terminalCode;

    @BeforeEach
    void canteen() {
        var canteen = TestApi.registerCanteen("海滨街道");
        terminal = canteen.getString("terminalSecrets[0].authorization");
        terminalCode = canteen.getString("terminalSecrets[0].terminalCode");
    }

    @Test
    void aSaleAndARefusalAreCountedByOutcomeAndCodeWithNoCardInTheMetrics() {
        String uid = TestApi.registerSenior("赵明远", "宝坻区");
        String before = scrape();
        double subsidised = value(before, "laorenjia_sales_total", Map.of("channel", "live", "outcome", "subsidised", "code", "NONE"));
        double quotaUsed = value(before, "laorenjia_sales_total", Map.of("channel", "live", "outcome", "refused", "code", "QUOTA_USED_TODAY"));
        double unknownCard = value(before, "laorenjia_sales_total", Map.of("channel", "live", "outcome", "refused", "code", "UNKNOWN_CARD"));
        double enrolled = value(before, "laorenjia_audit_entries_total", Map.of("action", "SENIOR_ENROLLED"));

        sell(uid).statusCode(200).body("status", equalTo("SUBSIDISED"));
        sell(uid).statusCode(422).body("code", equalTo("QUOTA_USED_TODAY"));
        sell("047E57FFFFFFFF").statusCode(404).body("code", equalTo("UNKNOWN_CARD"));
        TestApi.registerSenior("钱秀英", "宝坻区");
        terminalContacts.refresh();

        String after = scrape();
        assertEquals(subsidised + 1, value(after, "laorenjia_sales_total", Map.of("channel", "live", "outcome", "subsidised", "code", "NONE")));
        assertEquals(quotaUsed + 1, value(after, "laorenjia_sales_total", Map.of("channel", "live", "outcome", "refused", "code", "QUOTA_USED_TODAY")));
        assertEquals(unknownCard + 1, value(after, "laorenjia_sales_total", Map.of("channel", "live", "outcome", "refused", "code", "UNKNOWN_CARD")));
        // audit entries are counted when their transaction commits: the second senior's enrolment, by action
        assertTrue(value(after, "laorenjia_audit_entries_total", Map.of("action", "SENIOR_ENROLLED")) >= enrolled + 1);
        // the sale's latency, in a histogram by the endpoint's template
        assertTrue(value(after, "http_server_requests_seconds_count", Map.of("uri", "/api/meals", "method", "POST", "status", "200")) >= 1);
        assertTrue(after.contains("http_server_requests_seconds_bucket{") && after.contains("uri=\"/api/meals\""), "a histogram");
        // the pool
        assertTrue(after.contains("agroal_active_count{"), "Agroal's pool metrics");
        assertTrue(after.contains("agroal_awaiting_count{"), "Agroal's pool metrics");
        // this terminal was just answered: its last contact is now (the test clock does not move)
        assertEquals(0.0, value(after, "laorenjia_terminal_contact_age_seconds", Map.of("terminal", terminalCode)));
        // no card, no senior: only codes in the tags
        assertFalse(after.contains(uid), "a card UID in the metrics");
        assertFalse(after.contains("赵明远") || after.contains("047E57FFFFFFFF"), "personal data in the metrics");
    }

    @Test
    void aTemplatedUriNeverARawPath() {
        String saleId = UUID.randomUUID().toString();
        TestApi.asTerminal(terminal).body(Map.of("voidId", UUID.randomUUID().toString(),
                        "occurredAt", OffsetDateTime.now(clock).toString())).post("/api/meals/" + saleId + "/void")
                .then().statusCode(404).body("code", equalTo("UNKNOWN_SALE"));
        String metrics = scrape();
        assertTrue(metrics.contains("uri=\"/api/meals/{saleId}/void\""), "the template");
        assertFalse(metrics.contains(saleId), "the raw path");
        assertTrue(value(metrics, "laorenjia_sale_voids_total", Map.of("outcome", "refused", "code", "UNKNOWN_SALE")) >= 1);
    }

    @Test
    void settlementRunsAreTimedAndScansCountedWithTheirAudit() {
        String before = scrape();
        double runs = value(before, "laorenjia_settlement_run_seconds_count", Map.of("trigger", "person", "outcome", "reconciled"));
        double scans = value(before, "laorenjia_audit_entries_total", Map.of("action", "ANOMALY_SCAN"));
        // a day and a month nobody sells in: nothing settled, nothing flagged, a run and a scan all the same
        TestApi.as(TestApi.FINANCE).body(Map.of("from", "2001-01-01", "to", "2001-01-01"))
                .post("/api/settlement/runs").then().statusCode(200).body("reconciled", equalTo(true));
        TestApi.as(TestApi.ADMIN).body(Map.of("month", "2001-01")).post("/api/supervision/scans").then().statusCode(200);
        String after = scrape();
        assertEquals(runs + 1, value(after, "laorenjia_settlement_run_seconds_count", Map.of("trigger", "person", "outcome", "reconciled")));
        assertEquals(scans + 1, value(after, "laorenjia_audit_entries_total", Map.of("action", "ANOMALY_SCAN")));
        // every rule has its series from the start, at what it opened so far
        assertTrue(after.contains("laorenjia_anomaly_cases_opened_total{rule=\"MANUAL_SHARE_CANTEEN\""), "rule series");
    }

    @Test
    void onlyTheScraperTokenOrAnAdministratorReadsTheMetricsAndHealthStaysOpen() {
        given().get("/q/metrics").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", "Bearer wrong-token-wrong-token-wrong-token-0000").get("/q/metrics")
                .then().statusCode(401);
        TestApi.as(TestApi.FINANCE).get("/q/metrics").then().statusCode(403);
        TestApi.asTerminal(terminal).get("/q/metrics").then().statusCode(403);
        // Prometheus' text format when asked for it (Prometheus itself prefers OpenMetrics, also served)
        given().header("Authorization", "Bearer " + TOKEN).accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain")).body(containsString("# TYPE laorenjia_sales_total counter"));
        TestApi.as(TestApi.ADMIN).accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain"));
        // the token opens the metrics and nothing else
        given().header("Authorization", "Bearer " + TOKEN).get("/api/register/canteens").then().statusCode(401);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void everyAnswerCarriesARequestIdThatItsLogLinesAndTheAccessLogCarryInBeijingTime() {
        String mine = "obs-test-" + UUID.randomUUID();
        TestApi.as(TestApi.FINANCE).get("/api/settlement/runs").then().header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
        given().header(RequestIds.HEADER, "not a valid id\r\nforged: line").get("/q/health/live")
                .then().header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));

        try (LogCapture logs = new LogCapture()) {
            TestApi.as(TestApi.FINANCE).header(RequestIds.HEADER, mine)
                    .body(Map.of("from", "2001-01-02", "to", "2001-01-02")).post("/api/settlement/runs")
                    .then().statusCode(200).header(RequestIds.HEADER, equalTo(mine));
            // the service's own log line of that request (the run's report, on a worker thread)
            ExtLogRecord report = logs.records().stream()
                    .filter(r -> r.getLoggerName().endsWith("SettlementService")).findFirst().orElseThrow();
            assertEquals(mine, report.getMdc(RequestIds.MDC_KEY));
            Formatter console = LogCapture.consoleFormatter();
            String line = console.format(report);
            assertTrue(line.contains("[" + mine + "]"), line);
            // the date, the time and the offset of Beijing, whatever the machine's zone
            Matcher time = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3})\\+08:00 ").matcher(line);
            assertTrue(time.find(), line);
            assertEquals(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(report.getInstant().atZone(ChinaCalendar.ZONE)),
                    time.group(1));

            // the access log: path without its query (a card identifier), the id, never a credential
            String quotaId = "obs-quota-" + UUID.randomUUID();
            String uid = TestApi.newUid();
            TestApi.asTerminal(terminal).header(RequestIds.HEADER, quotaId).queryParam("cardKind", "UID")
                    .queryParam("identifier", uid).get("/api/meals/quota").then().header(RequestIds.HEADER, quotaId);
            ExtLogRecord access = awaitAccessLine(logs.records(), quotaId);
            String accessLine = console.format(access);
            assertTrue(accessLine.contains("\"GET /api/meals/quota HTTP/1.1\""), accessLine);
            assertTrue(accessLine.contains(terminalCode), "the terminal's name: " + accessLine);
            assertFalse(accessLine.contains(uid) || accessLine.contains("identifier"), accessLine);
            assertFalse(accessLine.contains(terminal.substring(terminal.indexOf(':') + 1)), "the terminal's secret");
            assertTrue(Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00 ").matcher(accessLine).find(), accessLine);
        }
    }

    private static ExtLogRecord awaitAccessLine(List<ExtLogRecord> records, String requestId) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until) {
            for (ExtLogRecord r : records) {
                if (r.getLoggerName().equals("io.quarkus.http.access-log") && r.getFormattedMessage().contains("rid=" + requestId)) {
                    return r;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no access log line with " + requestId + " among " + records.size() + " records");
    }

    private io.restassured.response.ValidatableResponse sell(String uid) {
        return TestApi.asTerminal(terminal).contentType(ContentType.JSON).body(Map.of(
                "saleId", UUID.randomUUID().toString(), "occurredAt", OffsetDateTime.now(clock).toString(),
                "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                "mealSetCode", "L-STD", "priceFen", 1500)).post("/api/meals").then();
    }

    static String scrape() {
        return given().header("Authorization", "Bearer " + TOKEN).accept("text/plain").get("/q/metrics").then().statusCode(200)
                .extract().asString();
    }

    /** The value of the sample with these labels (among others), 0 when there is none yet. */
    static double value(String metrics, String name, Map<String, String> labels) {
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelPart = line.substring(name.length(), line.lastIndexOf('}') + 1);
            boolean all = labels.entrySet().stream().allMatch(e -> labelPart.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0]);
            }
        }
        return 0;
    }
}
