package cn.laorenjia.settlement.replay;

import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.settlement.security.TestApi;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.SUPERVISOR;
import static cn.laorenjia.settlement.security.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proposed policies over HTTP on the real database: checked as the catalogue checks its own files (errors with their
 * line), never in force, administrators only, every upload, edit and withdrawal a revision of its own and audited.
 */
@QuarkusTest
class PolicyDraftApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PolicyCatalog catalog;

    private static String newId() {
        return TestApi.unique("tianjin-draft").toLowerCase();
    }

    @Test
    void aValidDraftIsKeptAsItsFirstRevisionAuditedAndOfferedForReplayButNeverEntersTheCatalogue() {
        String id = newId();
        JsonPath draft = as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "4.00"))).post("/api/replay/drafts")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(id, draft.getString("versionId"));
        assertEquals(1, draft.getInt("revision"));
        assertEquals("UPLOADED", draft.getString("kind"));
        assertEquals("tianjin", draft.getString("jurisdiction"));
        assertEquals(ADMIN, draft.getString("actor"));

        as(ADMIN).get("/api/replay/versions").then().statusCode(200)
                .body("findAll { it.source == 'DRAFT' }.versionId", hasItem(id))
                .body("findAll { it.source == 'CATALOGUE' }.versionId", hasItem("tianjin-2022"))
                .body("findAll { it.source == 'CATALOGUE' }.versionId", hasItem("tianjin-2024"));
        assertTrue(catalog.book("tianjin").version(id).isEmpty(), "a draft is never in the catalogue in force");
        assertTrue(catalog.book("baodi").version(id).isEmpty());
        assertEquals(1, count("select count(*) from audit_event where action = 'POLICY_DRAFT_UPLOADED'"
                + " and subject_kind = 'policy-draft' and subject_id = '" + id + "' and actor = 'test-admin'"));
        assertEquals("4.00", string("select substring(yaml_text from 'subsidy_per_meal: ([0-9.]+)') from policy_draft"
                + " where version_id = '" + id + "'"));
    }

    @Test
    void editsAreNewRevisionsAWithdrawalIsARowOfItsOwnAndEachIsAudited() {
        String id = newId();
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "4.00"))).post("/api/replay/drafts").then().statusCode(201);
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "4.00"))).post("/api/replay/drafts").then()
                .statusCode(409).body("code", equalTo("POLICY_DRAFT_EXISTS"));
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "5.00"))).put("/api/replay/drafts/" + id).then()
                .statusCode(200).body("revision", equalTo(2)).body("kind", equalTo("EDITED"));
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id + "x", "5.00"))).put("/api/replay/drafts/" + id).then()
                .statusCode(400).body("code", equalTo("POLICY_DRAFT_ID_CHANGED"));

        List<Map<String, Object>> revisions = as(ADMIN).get("/api/replay/drafts/" + id).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(2, revisions.size());
        assertTrue(String.valueOf(revisions.get(0).get("yaml")).contains("subsidy_per_meal: 5.00"), "latest first");
        assertTrue(String.valueOf(revisions.get(1).get("yaml")).contains("subsidy_per_meal: 4.00"), "the first kept");

        as(ADMIN).post("/api/replay/drafts/" + id + "/withdraw").then().statusCode(200)
                .body("revision", equalTo(3)).body("kind", equalTo("WITHDRAWN"));
        as(ADMIN).post("/api/replay/drafts/" + id + "/withdraw").then().statusCode(409)
                .body("code", equalTo("POLICY_DRAFT_WITHDRAWN"));
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "6.00"))).put("/api/replay/drafts/" + id).then()
                .statusCode(409).body("code", equalTo("POLICY_DRAFT_WITHDRAWN"));
        as(ADMIN).get("/api/replay/versions").then().statusCode(200).body("versionId", not(hasItem(id)));
        // uploaded again after its withdrawal: the next revision
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "6.00"))).post("/api/replay/drafts").then()
                .statusCode(201).body("revision", equalTo(4)).body("kind", equalTo("UPLOADED"));
        as(ADMIN).post("/api/replay/drafts/no-such-draft/withdraw").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_POLICY_DRAFT"));

        String audit = "select string_agg(action || ':' || (details->>'revision'), ',' order by id) from audit_event"
                + " where subject_kind = 'policy-draft' and subject_id = '" + id + "'";
        assertEquals("POLICY_DRAFT_UPLOADED:1,POLICY_DRAFT_EDITED:2,POLICY_DRAFT_WITHDRAWN:3,POLICY_DRAFT_UPLOADED:4",
                string(audit));
        assertEquals(4, count("select count(*) from policy_draft where version_id = '" + id + "'"));
    }

    @Test
    void draftsAreAppendOnlyForTheService() {
        String id = newId();
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "4.00"))).post("/api/replay/drafts").then().statusCode(201);
        SQLException refused = assertThrows(SQLException.class,
                () -> execute("update policy_draft set yaml_text = 'x' where version_id = '" + id + "'"));
        assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        assertThrows(SQLException.class, () -> execute("delete from policy_draft where version_id = '" + id + "'"));
        assertThrows(SQLException.class, () -> execute("delete from policy_replay_run"));
    }

    @Test
    void anInvalidDraftIsRefusedWithTheLineOfTheProblemAndNothingKept() {
        String id = newId();
        // a field of the wrong form
        String badAmount = Drafts.withDiscount(id, "4.00").replace("operating_subsidy_per_meal: 2.00",
                "operating_subsidy_per_meal: two");
        as(ADMIN).body(Map.of("yaml", badAmount)).post("/api/replay/drafts").then().statusCode(400)
                .body("code", equalTo("POLICY_DRAFT_INVALID"))
                .body("details.line", equalTo(Drafts.lineOf(badAmount, "operating_subsidy_per_meal:")))
                .body("message", containsString("第 " + Drafts.lineOf(badAmount, "operating_subsidy_per_meal:") + " 行"))
                .body("message", containsString("「operating_subsidy_per_meal」应为以元计的金额"))
                .body("details.problem", containsString("must be an amount in yuan"));
        // a key the format does not know, inside the list of routes
        String unknownKey = Drafts.withDiscount(id, "4.00").replace("    max_age_exclusive: 70",
                "    max_age_exclusive: 70\n    min_pension: 100");
        as(ADMIN).body(Map.of("yaml", unknownKey)).post("/api/replay/drafts").then().statusCode(400)
                .body("code", equalTo("POLICY_DRAFT_INVALID"))
                .body("details.line", equalTo(Drafts.lineOf(unknownKey, "min_pension")))
                .body("message", containsString("不认识的字段 [min_pension]"));
        // a rule across fields: no line, still in Chinese
        String noCaps = Drafts.withDiscount(id, "4.00").replace("max_subsidised_meals_per_day: 1", "max_subsidised_meals_per_day: 0");
        as(ADMIN).body(Map.of("yaml", noCaps)).post("/api/replay/drafts").then().statusCode(400)
                .body("code", equalTo("POLICY_DRAFT_INVALID"))
                .body("message", containsString("每日、每周补贴餐数上限至少为 1"));
        // not YAML at all (an unclosed flow sequence)
        String broken = Drafts.withDiscount(id, "4.00").replace("meal_slots: [BREAKFAST, LUNCH, DINNER]",
                "meal_slots: [BREAKFAST, LUNCH, DINNER");
        as(ADMIN).body(Map.of("yaml", broken)).post("/api/replay/drafts").then().statusCode(400)
                .body("code", equalTo("POLICY_DRAFT_INVALID"))
                .body("details.line", org.hamcrest.Matchers.greaterThanOrEqualTo(Drafts.lineOf(broken, "meal_slots")));
        as(ADMIN).body(Map.of("yaml", "")).post("/api/replay/drafts").then().statusCode(400)
                .body("code", equalTo("POLICY_DRAFT_INVALID"));
        assertEquals(0, count("select count(*) from policy_draft where version_id = '" + id + "'"));
    }

    @Test
    void aCatalogueIdAnUnknownJurisdictionAndAnOversizeFileAreRefused() {
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount("tianjin-2022", "4.00"))).post("/api/replay/drafts").then()
                .statusCode(409).body("code", equalTo("POLICY_DRAFT_ID_IN_CATALOGUE"))
                .body("message", containsString("tianjin-2022"));
        String id = newId();
        as(ADMIN).body(Map.of("yaml", Drafts.withDiscount(id, "4.00").replace("jurisdiction: tianjin",
                        "jurisdiction: atlantis"))).post("/api/replay/drafts").then()
                .statusCode(400).body("code", equalTo("POLICY_DRAFT_UNKNOWN_JURISDICTION"));
        String oversize = Drafts.withDiscount(id, "4.00") + "# " + "说明".repeat(6_000) + "\n";
        as(ADMIN).body(Map.of("yaml", oversize)).post("/api/replay/drafts").then()
                .statusCode(400).body("code", equalTo("POLICY_DRAFT_TOO_LARGE"))
                .body("details.maxBytes", equalTo(32 * 1024));
        assertEquals(0, count("select count(*) from policy_draft where version_id = '" + id + "'"));
    }

    @Test
    void onlyAdministratorsUseDrafts() {
        String id = newId();
        for (String who : List.of(FINANCE, SUPERVISOR, "test-clerk-hb")) {
            as(who).body(Map.of("yaml", Drafts.withDiscount(id, "4.00"))).post("/api/replay/drafts").then()
                    .statusCode(403).body("code", equalTo("FORBIDDEN"));
            as(who).get("/api/replay/versions").then().statusCode(403);
            as(who).get("/api/replay/runs").then().statusCode(403);
        }
        given().get("/api/replay/drafts").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        assertEquals(0, count("select count(*) from policy_draft where version_id = '" + id + "'"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) {
        return Long.parseLong(string(sql));
    }

    private String string(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
