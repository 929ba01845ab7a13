package cn.laorenjia.settlement.supervision;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.DbAdmin;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cases: the supervisors' steps and their refusals, the history, roles, areas and masked evidence. */
@QuarkusTest
class AnomalyCasesTest {

    static final String BD = "test-supervisor-bd";

    @Inject
    AgroalDataSource dataSource;

    AnomalyWorld world;

    @BeforeEach
    void plant() throws Exception {
        world = AnomalyWorld.plant(dataSource);
        AnomalyRulesTest.scan();
    }

    private long caseOf(String rule, String role) {
        return AnomalyRulesTest.cases(TestApi.SUPERVISOR, rule).stream()
                .filter(c -> world.codes.get(role).equals(c.get("canteenCode")))
                .map(c -> ((Number) c.get("id")).longValue()).findFirst().orElseThrow();
    }

    private static io.restassured.response.ValidatableResponse step(String user, long id, String step, String note) {
        return as(user).body(note == null ? Map.of() : Map.of("note", note))
                .post("/api/supervision/cases/" + id + "/" + step).then();
    }

    @Test
    void aCaseGoesFromOpenThroughReviewToADecisionAndThenNeverChanges() throws SQLException {
        long id = caseOf("ROUND_TOTALS", "ROUND_TOTALS");
        as(TestApi.SUPERVISOR).get("/api/supervision/cases/" + id).then().statusCode(200)
                .body("kase.state", equalTo("OPEN"));
        // administrators read but do not decide; finance neither
        step(TestApi.ADMIN, id, "review", null).statusCode(403);
        as(TestApi.FINANCE).get("/api/supervision/cases").then().statusCode(403);
        as(TestApi.ADMIN).get("/api/supervision/cases/" + id).then().statusCode(200);

        step(TestApi.SUPERVISOR, id, "review", "调取收银小票").statusCode(200).body("state", equalTo("REVIEWING"));
        step(TestApi.SUPERVISOR, id, "review", null).statusCode(409).body("code", equalTo("CASE_STATE_CONFLICT"));
        step(TestApi.SUPERVISOR, id, "confirm", "  ").statusCode(400).body("code", equalTo("CASE_NOTE_REQUIRED"));
        step(TestApi.SUPERVISOR, id, "confirm", "每日合计按整十虚报，已约谈").statusCode(200)
                .body("state", equalTo("CONFIRMED")).body("decidedBy", equalTo(TestApi.SUPERVISOR))
                .body("decisionNote", equalTo("每日合计按整十虚报，已约谈")).body("decidedAt", not(nullValue()));
        step(TestApi.SUPERVISOR, id, "clear", "改判").statusCode(409).body("code", equalTo("CASE_STATE_CONFLICT"));
        step(TestApi.SUPERVISOR, 9_999_999L, "clear", "无").statusCode(404).body("code", equalTo("UNKNOWN_CASE"));

        // a re-scan leaves the decision alone
        AnomalyRulesTest.scan();
        JsonPath detail = as(TestApi.SUPERVISOR).get("/api/supervision/cases/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("CONFIRMED", detail.getString("kase.state"));
        List<String> kinds = detail.getList("events.kind");
        assertEquals(List.of("OPENED", "REVIEW_STARTED", "CONFIRMED"), kinds.subList(0, 3));
        assertEquals(TestApi.SUPERVISOR, detail.getString("events[2].actor"));

        try (Connection db = dataSource.getConnection(); Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from audit_event where subject_kind = 'case' and subject_id = '"
                    + id + "' and action in ('ANOMALY_CASE_REVIEW_STARTED', 'ANOMALY_CASE_CONFIRMED') and actor = '"
                    + TestApi.SUPERVISOR + "'")) {
                r.next();
                assertEquals(2, r.getInt(1), "both steps audited");
            }
            // the service's role cannot rewrite the history, nor undo a decision behind the events' back
            assertThrows(SQLException.class, () -> s.executeUpdate(
                    "update anomaly_case_event set note = 'x' where case_id = " + id));
            assertThrows(SQLException.class, () -> s.executeUpdate(
                    "update anomaly_case set state = 'OPEN' where id = " + id));
        }
        try (Connection admin = DbAdmin.connect(); Statement s = admin.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate(
                    "delete from anomaly_case_event where case_id = " + id));
            assertThrows(SQLException.class, () -> s.executeUpdate(
                    "update anomaly_case set decision_note = 'x' where id = " + id));
        }
    }

    @Test
    void anOpenCaseMayBeClearedDirectlyWithItsReason() {
        long id = caseOf("IDENTICAL_TOTALS", "IDENTICAL_TOTALS");
        step(TestApi.SUPERVISOR, id, "clear", null).statusCode(400).body("code", equalTo("CASE_NOTE_REQUIRED"));
        step(TestApi.SUPERVISOR, id, "clear", "固定的集体用餐，核实属实").statusCode(200).body("state", equalTo("CLEARED"));
        step(TestApi.SUPERVISOR, id, "review", null).statusCode(409);
    }

    @Test
    void aCanteensProfileListsItsCasesLinkedToTheirPages() {
        long id = caseOf("OFFLINE_SHARE", "OFFLINE_SHARE");
        String profile = as(TestApi.SUPERVISOR).accept("text/html")
                .get("/supervision/canteens/" + world.codes.get("OFFLINE_SHARE") + "?month=" + AnomalyWorld.MONTH)
                .then().statusCode(200).extract().asString();
        assertTrue(profile.contains("href=\"/supervision/cases/" + id + "\""), "the profile links its case");
        assertFalse(profile.contains("id=\"no-cases\""));
    }

    @Test
    void aDistrictSupervisorSeesAndDecidesOnlyTheirDistrictsCases() {
        List<Map<String, Object>> seen = as(BD).queryParam("month", AnomalyWorld.MONTH.toString())
                .queryParam("size", 200).get("/api/supervision/cases").then().statusCode(200).extract()
                .jsonPath().getList("items");
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().allMatch(c -> "宝坻区".equals(c.get("district"))), "only 宝坻区: " + seen);
        assertTrue(seen.stream().anyMatch(c -> world.codes.get("BD_INELIGIBLE").equals(c.get("canteenCode"))));
        long elsewhere = caseOf("OFFLINE_SHARE", "OFFLINE_SHARE");
        as(BD).get("/api/supervision/cases/" + elsewhere).then().statusCode(404).body("code", equalTo("UNKNOWN_CASE"));
        step(BD, elsewhere, "review", null).statusCode(404).body("code", equalTo("UNKNOWN_CASE"));
        as(BD).queryParam("canteen", world.codes.get("OFFLINE_SHARE")).get("/api/supervision/cases").then()
                .statusCode(200).body("total", equalTo(0));
    }

    @Test
    void theEvidenceIsTheMealsWithTheSeniorMasked() {
        long id = AnomalyRulesTest.cases(BD, "INELIGIBLE_SENIOR").stream()
                .filter(c -> world.codes.get("BD_INELIGIBLE").equals(c.get("canteenCode")))
                .map(c -> ((Number) c.get("id")).longValue()).findFirst().orElseThrow();
        JsonPath detail = as(BD).get("/api/supervision/cases/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(5.0, detail.getDouble("kase.score"), "four meals and one refused attempt");
        List<Map<String, Object>> meals = detail.getList("evidence");
        assertEquals(4, meals.size());
        for (Map<String, Object> m : meals) {
            assertEquals("CARD", m.get("identifiedBy"));
            assertEquals("CONFLICT", m.get("offlineOutcome"));
            assertEquals(world.codes.get("BD_INELIGIBLE") + "-T1", m.get("terminalCode"));
            String idNumber = (String) m.get("seniorIdNumber");
            assertTrue(idNumber.matches("\\*{14}[0-9X]{4}"), idNumber);
            assertFalse(((String) m.get("seniorName")).contains("监管测试老人"), "name masked");
        }
        as(TestApi.SUPERVISOR).body(Map.of("month", "2025-13")).post("/api/supervision/scans").then().statusCode(400)
                .body("code", equalTo("INVALID_MONTH"));
        as(TestApi.FINANCE).body(Map.of("month", "2025-03")).post("/api/supervision/scans").then().statusCode(403);
    }
}
