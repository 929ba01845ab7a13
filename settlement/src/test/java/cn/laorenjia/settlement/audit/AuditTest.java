package cn.laorenjia.settlement.audit;

import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.laorenjia.fixtures.sample.StorySeniors.SUN_JIANGUO_ID;
import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.SUPERVISOR;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who did what: the audit of register changes, reads in full, sign-in failures; throttling; masking that holds. */
@QuarkusTest
class AuditTest {

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    private static ValidatableResponse audit(String subject, String action) {
        return as(ADMIN).queryParam("subject", subject).queryParam("action", action).get("/api/audit").then()
                .statusCode(200);
    }

    private static long auditCount(String subject, String action) {
        return audit(subject, action).extract().jsonPath().getLong("total");
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private static long enrol(String idNumber, List<Map<String, Object>> facts) {
        return as(ADMIN).body(Map.of("idNumber", idNumber, "name", "审计测试", "district", "宝坻区",
                        "subdistrict", "海滨街道", "phone", "13800005678", "facts", facts,
                        "cards", List.of(Map.of("kind", "UID", "identifier", TestApi.newUid()))))
                .post("/api/register/seniors").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void everyRegisterChangeIsAuditedWithItsActor() {
        JsonPath canteen = TestApi.registerCanteen("海滨街道");
        String canteenCode = canteen.getString("canteen.code");
        String terminalCode = canteen.getString("canteen.terminals[0].code");
        audit("canteen:" + canteenCode, "CANTEEN_REGISTERED").body("total", equalTo(1))
                .body("items[0].actor", equalTo(ADMIN)).body("items[0].actorKind", equalTo("PERSON"))
                .body("items[0].address", equalTo("127.0.0.1"))
                .body("items[0].at", equalTo(clock.instant().toString()));
        assertEquals(1, auditCount("canteen:" + canteenCode, "MENU_REGISTERED"));
        assertEquals(1, auditCount("terminal:" + terminalCode, "TERMINAL_REGISTERED"));
        audit("terminal:" + terminalCode, "TERMINAL_SECRET_ISSUED").body("total", equalTo(1))
                .body("items[0].details.rotation", equalTo(false))
                .body("items[0].details", not(org.hamcrest.Matchers.hasKey("secret")));

        as(ADMIN).post("/api/register/terminals/" + terminalCode + "/secret").then().statusCode(200);
        audit("terminal:" + terminalCode, "TERMINAL_SECRET_ISSUED").body("total", equalTo(2))
                .body("items[0].details.rotation", equalTo(true)).body("items[0].actor", equalTo(ADMIN));
        as(ADMIN).post("/api/register/terminals/" + terminalCode + "/deactivate").then().statusCode(200);
        as(ADMIN).post("/api/register/terminals/" + terminalCode + "/activate").then().statusCode(200);
        assertEquals(1, auditCount("terminal:" + terminalCode, "TERMINAL_DEACTIVATED"));
        assertEquals(1, auditCount("terminal:" + terminalCode, "TERMINAL_ACTIVATED"));

        String idNumber = TestApi.newIdNumber(true);
        long seniorId = enrol(idNumber, List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")));
        String senior = "senior:" + seniorId;
        audit(senior, "SENIOR_ENROLLED").body("total", equalTo(1)).body("items[0].actor", equalTo(ADMIN))
                .body("items[0].details.idNumber", equalTo(IdNumber.parse(idNumber).masked()));
        long factId = as(ADMIN).body(Map.of("kind", "INSTITUTION_RESIDENCE", "from", "2025-01-01"))
                .post("/api/register/seniors/" + seniorId + "/facts").then().statusCode(201).extract().jsonPath()
                .getLong("facts.find { it.kind == 'INSTITUTION_RESIDENCE' }.id");
        as(ADMIN).body(Map.of("endOn", "2025-06-01"))
                .post("/api/register/seniors/" + seniorId + "/facts/" + factId + "/end").then().statusCode(200);
        as(ADMIN).body(Map.of("state", "SUSPENDED", "from", "2025-07-01"))
                .post("/api/register/seniors/" + seniorId + "/enrolment").then().statusCode(200);
        long cardId = as(ADMIN).body(Map.of("kind", "UID", "identifier", TestApi.newUid()))
                .post("/api/register/seniors/" + seniorId + "/cards").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        as(ADMIN).body(Map.of("status", "LOST")).post("/api/register/seniors/" + seniorId + "/cards/" + cardId + "/revoke")
                .then().statusCode(200);
        for (String action : List.of("FACT_ENDED", "ENROLMENT_CHANGED", "CARD_ISSUED", "CARD_REVOKED")) {
            audit(senior, action).body("total", equalTo(1)).body("items[0].actor", equalTo(ADMIN));
        }
        assertEquals(2, auditCount(senior, "FACT_ADDED"), "the residence, then the SUSPENDED state");
        // the actor on each fact and card
        assertEquals(0, count("select count(*) from senior_fact where senior_id = " + seniorId
                + " and recorded_by <> '" + ADMIN + "'"));
        assertEquals(2, count("select count(*) from senior_fact where senior_id = " + seniorId
                + " and ended_by = '" + ADMIN + "'"), "the residence ended, the APPROVED state ended");
        assertEquals(1, count("select count(*) from card where id = " + cardId + " and recorded_by = '" + ADMIN
                + "' and revoked_by = '" + ADMIN + "'"));
        // a refused change leaves no audit row
        as(ADMIN).body(Map.of("endOn", "2025-08-01"))
                .post("/api/register/seniors/" + seniorId + "/facts/" + factId + "/end").then().statusCode(409);
        assertEquals(1, auditCount(senior, "FACT_ENDED"));

        // people and roles
        String username = TestApi.unique("aud").toLowerCase();
        as(ADMIN).body(Map.of("username", username, "displayName", "审计员", "roles", List.of("supervisor")))
                .post("/api/security/people").then().statusCode(201);
        as(ADMIN).post("/api/security/people/" + username + "/password").then().statusCode(200);
        as(ADMIN).post("/api/security/people/" + username + "/deactivate").then().statusCode(200);
        as(ADMIN).post("/api/security/people/" + username + "/activate").then().statusCode(200);
        audit("person:" + username, "PERSON_CREATED").body("total", equalTo(1))
                .body("items[0].details.roles", hasItem("supervisor")).body("items[0].actor", equalTo(ADMIN));
        for (String action : List.of("PERSON_PASSWORD_RESET", "PERSON_DEACTIVATED", "PERSON_ACTIVATED")) {
            assertEquals(1, auditCount("person:" + username, action), action);
        }
    }

    @Test
    void readingARecordInFullNeedsAReasonAndIsAudited() {
        String idNumber = TestApi.newIdNumber(false);
        long seniorId = enrol(idNumber, List.of(Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")));
        String senior = "senior:" + seniorId;

        as(ADMIN).queryParam("unmasked", true).get("/api/register/seniors/" + seniorId).then().statusCode(400)
                .body("code", equalTo("REASON_REQUIRED")).body("message", containsString("理由"));
        as(ADMIN).queryParam("unmasked", true).queryParam("reason", " ").get("/api/register/seniors/" + seniorId)
                .then().statusCode(400).body("code", equalTo("REASON_REQUIRED"));
        as(ADMIN).get("/api/register/seniors/" + seniorId).then().statusCode(200)
                .body("idNumber", equalTo(IdNumber.parse(idNumber).masked())).body("birthDate", nullValue());
        assertEquals(0, auditCount(senior, "SENIOR_READ_UNMASKED"), "a masked read and refusals record nothing");

        as(ADMIN).queryParam("unmasked", true).queryParam("reason", "家属来电核实身份")
                .get("/api/register/seniors/" + seniorId).then().statusCode(200).body("idNumber", equalTo(idNumber));
        audit(senior, "SENIOR_READ_UNMASKED").body("total", equalTo(1)).body("items[0].actor", equalTo(ADMIN))
                .body("items[0].reason", equalTo("家属来电核实身份"));

        for (String who : List.of(FINANCE, SUPERVISOR)) {
            as(who).queryParam("unmasked", true).queryParam("reason", "想看").get("/api/register/seniors/" + seniorId)
                    .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        }
        assertEquals(1, auditCount(senior, "SENIOR_READ_UNMASKED"));
    }

    @Test
    void searchByAFullIdNumberIsForAdministratorsOnlyAndAudited() {
        String idNumber = TestApi.newIdNumber(true);
        long seniorId = enrol(idNumber, List.of(Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")));
        for (String who : List.of(FINANCE, SUPERVISOR)) {
            as(who).queryParam("q", idNumber).get("/api/register/seniors").then().statusCode(403)
                    .body("code", equalTo("FORBIDDEN"));
            // the masked number and the last four still find the senior, masked
            as(who).queryParam("q", IdNumber.parse(idNumber).masked()).get("/api/register/seniors").then()
                    .statusCode(200).body("items.id", hasItem((int) seniorId));
        }
        as(ADMIN).queryParam("q", idNumber).get("/api/register/seniors").then().statusCode(200)
                .body("items[0].id", equalTo((int) seniorId))
                .body("items[0].idNumber", equalTo(IdNumber.parse(idNumber).masked()));
        String text = audit("senior:" + seniorId, "SENIOR_SEARCH_BY_ID_NUMBER").body("total", equalTo(1))
                .body("items[0].details.idNumber", equalTo(IdNumber.parse(idNumber).masked()))
                .extract().asString();
        assertFalse(text.contains(idNumber), "the audit keeps no full ID number");
    }

    @Test
    void financeAndSupervisorsSeeNoDateThatRevealsABirthDate() {
        String idNumber = TestApi.newIdNumber(true);
        LocalDate birth = IdNumber.parse(idNumber).birthDate();
        long seniorId = enrol(idNumber, List.of(
                Map.of("kind", "LOCAL_HOUSEHOLD", "from", birth.toString()),
                Map.of("kind", "HOME_CARE_SUBSIDY", "from", birth.plusYears(80).toString()),
                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")));
        for (String who : List.of(FINANCE, SUPERVISOR)) {
            String body = as(who).get("/api/register/seniors/" + seniorId).then().statusCode(200)
                    .body("birthDate", nullValue())
                    .body("facts.find { it.kind == 'LOCAL_HOUSEHOLD' }.datesWithheld", equalTo(true))
                    .body("facts.find { it.kind == 'HOME_CARE_SUBSIDY' }.from", nullValue())
                    .body("facts.find { it.kind == 'ENROLMENT' }.from", equalTo("2024-03-01"))
                    .extract().asString();
            Matcher dates = Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(body);
            while (dates.find()) {
                LocalDate date = LocalDate.parse(dates.group());
                LocalDate birthday = birth.withYear(date.getYear());
                assertTrue(Math.abs(Duration.between(birthday.atStartOfDay(), date.atStartOfDay()).toDays()) > 1,
                        who + " sees " + date + ", a birthday: " + body);
            }
            as(who).queryParam("q", IdNumber.parse(idNumber).masked()).get("/api/register/seniors").then()
                    .statusCode(200).body("items.find { it.id == " + seniorId + " }.idNumber",
                            equalTo(IdNumber.parse(idNumber).masked()));
        }
        // the administrator who says why sees them
        as(ADMIN).queryParam("unmasked", true).queryParam("reason", "核对户籍日期").get("/api/register/seniors/" + seniorId)
                .then().statusCode(200).body("facts.find { it.kind == 'LOCAL_HOUSEHOLD' }.from", equalTo(birth.toString()))
                .body("facts.datesWithheld", everyItem(equalTo(false)));
    }

    @Test
    void wrongPasswordsAreAuditedThenBackedOffThenLockedEvenForTheRightPassword() {
        String username = TestApi.unique("thr").toLowerCase();
        String password = "correct-horse-battery";
        as(ADMIN).body(Map.of("username", username, "displayName", "限流测试", "roles", List.of("finance"),
                "password", password)).post("/api/security/people").then().statusCode(201);
        for (int i = 1; i <= 5; i++) {
            given().auth().preemptive().basic(username, "wrong-" + i).get("/api/security/me").then().statusCode(401)
                    .body("code", equalTo("UNAUTHENTICATED"));
        }
        // five failures: a back-off, in which even the right password is refused unchecked
        given().auth().preemptive().basic(username, password).get("/api/security/me").then().statusCode(429)
                .header("Retry-After", "2").body("code", equalTo("SIGN_IN_LOCKED"))
                .body("message", equalTo("登录失败次数过多，请 2 秒后再试"));
        clock.advance(Duration.ofSeconds(3));
        for (int i = 6; i <= 10; i++) {
            given().auth().preemptive().basic(username, "wrong-" + i).get("/api/security/me").then().statusCode(401);
            clock.advance(Duration.ofMinutes(1)); // past each doubled back-off (2, 4, 8, 16, 32 s)
        }
        clock.advance(Duration.ofMinutes(-1));
        // ten: locked for 15 minutes
        given().auth().preemptive().basic(username, password).get("/api/security/me").then().statusCode(429)
                .header("Retry-After", "900").body("message", equalTo("登录失败次数过多，请 15 分钟后再试"));
        clock.advance(Duration.ofMinutes(14));
        given().auth().preemptive().basic(username, password).get("/api/security/me").then().statusCode(429)
                .body("message", equalTo("登录失败次数过多，请 1 分钟后再试"));
        clock.advance(Duration.ofMinutes(1));
        given().auth().preemptive().basic(username, password).get("/api/security/me").then().statusCode(200)
                .body("name", equalTo(username));

        as(ADMIN).queryParam("actor", username).queryParam("action", "SIGN_IN_FAILED").get("/api/audit").then()
                .statusCode(200).body("total", equalTo(10)).body("items.actorKind", everyItem(equalTo("PERSON")))
                .body("items.address", everyItem(equalTo("127.0.0.1")))
                .body("items[0].details.refusedForSeconds", equalTo(900));
        as(ADMIN).queryParam("actor", username).queryParam("action", "SIGN_IN_REFUSED_LOCKED").get("/api/audit")
                .then().statusCode(200).body("total", equalTo(3));
    }

    @Test
    void manyFailuresFromOneAddressHoldBackEveryAccountThere() {
        for (int i = 0; i < 20; i++) {
            given().auth().preemptive().basic(TestApi.unique("nobody").toLowerCase(), "guess").get("/api/security/me")
                    .then().statusCode(401);
        }
        as(ADMIN).get("/api/security/me").then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));
        clock.advance(Duration.ofSeconds(3));
        as(ADMIN).get("/api/security/me").then().statusCode(200);
    }

    @Test
    void wrongTerminalSecretsAreAuditedAndLocked() {
        JsonPath canteen = TestApi.registerCanteen("海滨街道");
        String authorization = canteen.getString("terminalSecrets[0].authorization");
        String code = canteen.getString("canteen.terminals[0].code");
        for (int i = 1; i <= 10; i++) {
            asTerminal("Terminal " + code + ":wrong-secret-" + i).get("/api/counter/menu").then().statusCode(401);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(-1));
        asTerminal(authorization).get("/api/counter/menu").then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"))
                .header("Retry-After", "900");
        clock.advance(Duration.ofMinutes(15));
        asTerminal(authorization).get("/api/counter/menu").then().statusCode(200);
        as(ADMIN).queryParam("actor", code).queryParam("action", "TERMINAL_SIGN_IN_FAILED").get("/api/audit").then()
                .statusCode(200).body("total", equalTo(10)).body("items.actorKind", everyItem(equalTo("TERMINAL")));
    }

    @Test
    void theAuditIsForAdministratorsOnly() {
        for (String who : List.of(FINANCE, SUPERVISOR)) {
            as(who).get("/api/audit").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        }
        asTerminal(TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization"))
                .get("/api/audit").then().statusCode(403);
        given().get("/api/audit").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        as(ADMIN).queryParam("from", clock.today().toString()).queryParam("to", clock.today().toString())
                .get("/api/audit").then().statusCode(200).body("pageSize", equalTo(50));
        as(ADMIN).queryParam("from", "2026-13-01").get("/api/audit").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void aManualLookUpIsAuditedAndThePreviewNamesNoCategory() {
        JsonPath canteen = TestApi.registerCanteen("海滨街道");
        String terminal = canteen.getString("terminalSecrets[0].authorization");
        String code = canteen.getString("canteen.terminals[0].code");
        // 孙建国 qualifies as a 60-70 severely disabled person on a hardship allowance: the counter must not say so
        String body = asTerminal(terminal).body(Map.of("identification", Map.of("method", "MANUAL", "idNumber",
                        SUN_JIANGUO_ID, "reason", "CARD_FORGOTTEN"), "mealSetCode", "L-STD"))
                .post("/api/counter/preview").then().statusCode(200).body("subsidised", equalTo(true))
                .body("senior.eligibilityZh", equalTo("符合助餐条件")).extract().asString();
        for (EligibilityRoute route : EligibilityRoute.values()) {
            assertFalse(body.contains(route.name()) || body.contains(route.labelZh()), body);
        }
        assertFalse(body.contains("残疾") || body.contains("低保"), body);

        String text = as(ADMIN).queryParam("actor", code).queryParam("action", "COUNTER_MANUAL_LOOKUP")
                .get("/api/audit").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].actorKind", equalTo("TERMINAL")).body("items[0].subjectKind", equalTo("senior"))
                .body("items[0].reason", equalTo("CARD_FORGOTTEN"))
                .body("items[0].details.idNumber", equalTo(IdNumber.parse(SUN_JIANGUO_ID).masked()))
                .extract().asString();
        assertFalse(text.contains(SUN_JIANGUO_ID), "the audit keeps the ID number masked");
    }
}
