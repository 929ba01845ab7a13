package cn.laorenjia.settlement.replay;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replay asked for over HTTP, through the real engine, on real sales of the real database: a 4-yuan draft against
 * what was paid, a catalogue version against itself, the refusals, the stored report and its XLSX.
 */
@QuarkusTest
class ReplayRunApiTest {

    static final YearMonth MONTH = SettlementFixture.monthsAgo(21);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFourYuanDraftCostsOneYuanMorePerMealOfTheCanteenAndTheRunIsKeptAuditedAndDownloadable() throws Exception {
        SettlementFixture canteen = SettlementFixture.newCanteen("宝平街道");
        String a = SettlementFixture.newSenior("测算甲");
        String b = SettlementFixture.newSenior("测算乙");
        for (int day = 3; day <= 5; day++) {
            canteen.lunch(a, MONTH.atDay(day));
        }
        canteen.lunch(b, MONTH.atDay(3));

        String id = TestApi.unique("tianjin-4yuan").toLowerCase();
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "4.00"))).post("/api/replay/drafts").then().statusCode(201);
        JsonPath run = as(ADMIN).body(Map.of("versionId", id, "from", MONTH.atDay(1).toString(),
                        "to", MONTH.atEndOfMonth().toString()))
                .post("/api/replay/runs").then().statusCode(201).extract().jsonPath();
        long runId = run.getLong("id");
        assertEquals("DRAFT", run.getString("source"));
        assertEquals(1, run.getInt("draftRevision"));
        String row = "report.areas.find { it.level == 'CANTEEN' && it.code == '" + canteen.canteenCode + "' }.figures";
        assertEquals(4, run.getInt(row + ".actual.meals"));
        assertEquals(4, run.getInt(row + ".proposed.meals"));
        assertEquals(4 * 300, run.getInt(row + ".actual.discounts"));
        assertEquals(4 * 400, run.getInt(row + ".proposed.discounts"));
        assertEquals(4 * 200, run.getInt(row + ".proposed.operatingSubsidies"));
        assertEquals(2, run.getInt(row + ".proposed.seniorsReached"));
        assertTrue(run.getLong("report.attemptsReplayed") >= 4, "every attempt of the period");

        assertEquals(1, count("select count(*) from audit_event where action = 'POLICY_REPLAY_RUN' and subject_id = '"
                + runId + "' and actor = 'test-admin' and details->>'versionId' = '" + id + "'"));
        assertEquals(1, count("select count(*) from policy_replay_run r join policy_draft d on d.id = r.draft_id"
                + " where r.id = " + runId + " and d.version_id = '" + id + "' and d.revision = 1"));

        byte[] xlsx = as(ADMIN).get("/api/replay/runs/" + runId + "/comparison.xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet areas = wb.getSheet("区街镇食堂");
            Row found = null;
            for (Row r : areas) {
                if (r.getCell(3) != null && canteen.canteenCode.equals(r.getCell(3).getStringCellValue())) {
                    found = r;
                }
            }
            assertNotNull(found, "the canteen's row");
            assertEquals(4, (long) found.getCell(5).getNumericCellValue());
            assertEquals(12.00, found.getCell(8).getNumericCellValue(), 0.0);
            assertEquals(16.00, found.getCell(9).getNumericCellValue(), 0.0);
            assertEquals(4.00, found.getCell(14).getNumericCellValue(), 0.0);
        }
    }

    @Test
    void theVersionInForceReplayedOverItsOwnTrafficCostsWhatWasPaid() {
        SettlementFixture canteen = SettlementFixture.newCanteen("宝平街道");
        String a = SettlementFixture.newSenior("自测甲");
        canteen.lunch(a, MONTH.atDay(10));
        canteen.lunch(a, MONTH.atDay(11));
        JsonPath run = as(ADMIN).body(Map.of("versionId", "tianjin-2024", "from", MONTH.atDay(1).toString(),
                        "to", MONTH.atEndOfMonth().toString()))
                .post("/api/replay/runs").then().statusCode(201).extract().jsonPath();
        assertEquals("CATALOGUE", run.getString("source"));
        assertEquals(run.getMap("report.total.actual"), run.getMap("report.total.proposed"));
        String row = "report.areas.find { it.level == 'CANTEEN' && it.code == '" + canteen.canteenCode + "' }.figures";
        assertEquals(2, run.getInt(row + ".actual.meals"));
        assertEquals(run.getMap(row + ".actual"), run.getMap(row + ".proposed"));
    }

    @Test
    void refusals() {
        String from = MONTH.atDay(1).toString();
        String to = MONTH.atEndOfMonth().toString();
        as(ADMIN).body(Map.of("versionId", "no-such-version", "from", from, "to", to)).post("/api/replay/runs").then()
                .statusCode(404).body("code", equalTo("UNKNOWN_POLICY_VERSION"));
        as(ADMIN).body(Map.of("versionId", "tianjin-2024", "from", to, "to", from)).post("/api/replay/runs").then()
                .statusCode(400).body("code", equalTo("REPLAY_PERIOD_INVALID"));
        as(ADMIN).body(Map.of("versionId", "tianjin-2024", "from", "2024-13-01", "to", to)).post("/api/replay/runs")
                .then().statusCode(400).body("code", equalTo("REPLAY_PERIOD_INVALID"));
        as(ADMIN).body(Map.of("versionId", "tianjin-2024", "from", "2023-01-01", "to", "2024-12-31"))
                .post("/api/replay/runs").then().statusCode(400).body("code", equalTo("REPLAY_PERIOD_INVALID"));
        LocalDate future = SettlementFixture.monthsAgo(-1).atDay(1);
        as(ADMIN).body(Map.of("versionId", "tianjin-2024", "from", SettlementFixture.monthsAgo(0).atDay(1).toString(),
                        "to", future.toString()))
                .post("/api/replay/runs").then().statusCode(400).body("code", equalTo("REPLAY_PERIOD_NOT_OVER"));
        String id = TestApi.unique("tianjin-gone").toLowerCase();
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "4.00"))).post("/api/replay/drafts").then().statusCode(201);
        as(ADMIN).post("/api/replay/drafts/" + id + "/withdraw").then().statusCode(200);
        as(ADMIN).body(Map.of("versionId", id, "from", from, "to", to)).post("/api/replay/runs").then()
                .statusCode(409).body("code", equalTo("POLICY_DRAFT_WITHDRAWN"));
        as(FINANCE).body(Map.of("versionId", "tianjin-2024", "from", from, "to", to)).post("/api/replay/runs").then()
                .statusCode(403);
        io.restassured.RestAssured.given().auth().preemptive().basic(ADMIN, ADMIN + "-password")
                .contentType(io.restassured.http.ContentType.JSON).header("X-Requested-By", "someone-else")
                .body(Map.of("versionId", "tianjin-2024", "from", from, "to", to)).post("/api/replay/runs").then()
                .statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
