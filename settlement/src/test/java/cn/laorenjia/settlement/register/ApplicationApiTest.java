package cn.laorenjia.settlement.register;

import cn.laorenjia.core.calendar.Age;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applications for the meal subsidy (issue 18, point 1) and the 街道 clerks' scope (point 2), over HTTP on the real
 * database: submitted by a clerk, reviewed with the core's eligibility, approved (register, card, QR) and then a meal
 * at the counter; refused only with a reason; withdrawn after approval; and a clerk of 海滨街道 who can see and change
 * nothing of 宝平街道.
 */
@QuarkusTest
class ApplicationApiTest {

    static final String CLERK_HB = "test-clerk-hb";
    static final String CLERK_BP = "test-clerk-bp";
    static final String APPLICATIONS = "/api/register/applications";

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    private static Map<String, Object> application(String idNumber, String subdistrict, String route) {
        return Map.of("submissionId", UUID.randomUUID().toString(), "idNumber", idNumber, "name", "赵桂兰",
                "phone", "13812345678", "district", "宝坻区", "subdistrict", subdistrict, "route", route,
                "evidence", List.of("户口簿", "身份证"), "onBehalf", true);
    }

    private static long submit(String who, Map<String, Object> body) {
        return as(who).body(body).post(APPLICATIONS).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> localHousehold() {
        return Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01");
    }

    /** A senior registered by an administrator in that 街镇 (local, enrolled since 2024, with a UID card); their id. */
    private static long registerSenior(String subdistrict, int birthYear) {
        return as(ADMIN).body(Map.of("idNumber", TestApi.idNumber(birthYear, false), "name", "钱玉芬",
                        "phone", "13812345678", "district", "宝坻区", "subdistrict", subdistrict,
                        "facts", List.of(localHousehold(), Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")),
                        "cards", List.of(Map.of("kind", "UID", "identifier", TestApi.newUid(), "issuedOn", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private String now() {
        return OffsetDateTime.now(clock).toString();
    }

    private static Map<String, Object> lunch(String uid, String occurredAt) {
        return Map.of("saleId", UUID.randomUUID().toString(), "occurredAt", occurredAt,
                "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                "mealSetCode", "L-STD", "priceFen", 1500);
    }

    @Test
    void anApplicationFromSubmissionToApprovalIssuesACardAndTheSeniorHasLunch() {
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        String idNumber = TestApi.idNumber(1940, true);
        Map<String, Object> body = application(idNumber, "海滨街道", "AGE_80_LOCAL");

        // a clerk of 海滨街道 submits on the senior's behalf; a retry of the same submission changes nothing
        JsonPath submitted = as(CLERK_HB).body(body).post(APPLICATIONS).then().statusCode(201)
                .body("state", equalTo("SUBMITTED")).body("stateLabel", equalTo("已提交"))
                .body("idNumber", equalTo(IdNumber.parse(idNumber).masked())).body("name", equalTo("赵*兰"))
                .body("evidence", contains("户口簿", "身份证")).body("onBehalf", equalTo(true))
                .body("submittedBy", equalTo(CLERK_HB)).body("seniorId", nullValue())
                .body("events", hasSize(1)).extract().jsonPath();
        long id = submitted.getLong("id");
        as(CLERK_HB).body(body).post(APPLICATIONS).then().statusCode(200).body("id", equalTo((int) id));
        // a second application of the same person while this one is open
        as(CLERK_HB).body(application(idNumber, "海滨街道", "AGE_80_LOCAL")).post(APPLICATIONS).then().statusCode(409)
                .body("code", equalTo("APPLICATION_ALREADY_OPEN")).body("details.applicationId", equalTo((int) id));

        // not before the review has started
        as(ADMIN).body(Map.of("facts", List.of(localHousehold()), "cards", List.of())).post(APPLICATIONS + "/" + id + "/approve")
                .then().statusCode(409).body("code", equalTo("APPLICATION_STATE_CONFLICT"));
        as(ADMIN).post(APPLICATIONS + "/" + id + "/review-start").then().statusCode(200)
                .body("state", equalTo("UNDER_REVIEW"));

        // the reviewer sees the core's decision: no household recorded, so the route claimed is not met
        as(ADMIN).get(APPLICATIONS + "/" + id + "/eligibility").then().statusCode(200)
                .body("eligible", equalTo(false)).body("assumesApproval", equalTo(true))
                .body("date", equalTo(clock.today().toString()))
                .body("age", equalTo(Age.fullYears(IdNumber.parse(idNumber).birthDate(), clock.today())))
                .body("claimedRoute.route", equalTo("AGE_80_LOCAL")).body("claimedRoute.met", equalTo(false))
                .body("claimedRoute.failures.code", contains("NOT_LOCAL"))
                .body("claimedRoute.failures[0].labelZh", equalTo("非本市户籍（本市户籍80周岁及以上老年人）"))
                .body("reasons.code", hasItem("NO_ROUTE"));
        as(ADMIN).body(Map.of("facts", List.of(localHousehold()))).post(APPLICATIONS + "/" + id + "/eligibility")
                .then().statusCode(200).body("eligible", equalTo(true)).body("routes.route", hasItem("AGE_80_LOCAL"))
                .body("claimedRoute.met", equalTo(true)).body("reasons", hasSize(0));
        // approving without the fact the route needs is refused, with the core's reasons, and records nothing
        as(ADMIN).body(Map.of("cards", List.of(Map.of("kind", "UID", "identifier", TestApi.newUid()))))
                .post(APPLICATIONS + "/" + id + "/approve").then().statusCode(409)
                .body("code", equalTo("NOT_ELIGIBLE_ON_REVIEW")).body("message", containsString("不符合"))
                .body("details.claimedRouteFailures.code", contains("NOT_LOCAL"));

        String uid = TestApi.newUid();
        JsonPath approved = as(ADMIN).body(Map.of("facts", List.of(localHousehold()),
                        "cards", List.of(Map.of("kind", "UID", "identifier", uid)), "printedQr", true))
                .post(APPLICATIONS + "/" + id + "/approve").then().statusCode(200)
                .body("application.state", equalTo("APPROVED"))
                .body("application.decidedOn", equalTo(clock.today().toString()))
                .body("application.decidedBy", equalTo(ADMIN))
                .body("senior.enrolment", equalTo("APPROVED")).body("senior.subdistrict", equalTo("海滨街道"))
                .body("cardsIssued", hasSize(1)).body("cardsIssued[0].issuedOn", equalTo(clock.today().toString()))
                .body("printedCode.token", notNullValue()).body("printedCode.kind", equalTo("PRINTED"))
                .body("eligibility.eligible", equalTo(true))
                .extract().jsonPath();
        long seniorId = approved.getLong("senior.id");
        // approving again answers the same and issues nothing more
        as(ADMIN).body(Map.of("cards", List.of())).post(APPLICATIONS + "/" + id + "/approve").then().statusCode(200)
                .body("application.state", equalTo("APPROVED")).body("senior.cards", hasSize(2));

        // the card works at the counter the same day
        TestApi.asTerminal(terminal).body(lunch(uid, now())).post("/api/meals").then().statusCode(200)
                .body("status", equalTo("SUBSIDISED")).body("discountFen", equalTo(300));
        // and the printed QR code identifies her too: her one subsidised meal of the day is taken
        TestApi.asTerminal(terminal).body(Map.of("saleId", UUID.randomUUID().toString(), "occurredAt", now(),
                        "identification", Map.of("method", "QR", "token", approved.getString("printedCode.token")),
                        "mealSetCode", "L-STD", "priceFen", 1500)).post("/api/meals").then().statusCode(422)
                .body("code", equalTo("QUOTA_USED_TODAY"));

        // every step, dated and attributed
        JsonPath history = as(CLERK_HB).get("/api/register/seniors/" + seniorId + "/history").then().statusCode(200)
                .body("steps.kind", contains("APPLICATION_SUBMITTED", "APPLICATION_UNDER_REVIEW",
                        "APPLICATION_APPROVED", "SENIOR_ENROLLED", "CARD_ISSUED", "CARD_ISSUED"))
                .body("steps.actor", contains(CLERK_HB, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN))
                .body("steps.at", everyItem(notNullValue()))
                .body("steps[0].textZh", containsString("本市户籍80周岁及以上老年人"))
                .body("steps[2].textZh", containsString("自" + clock.today() + "起"))
                .body("steps[2].applicationId", equalTo((int) id))
                .extract().jsonPath();
        assertEquals(List.of("IC卡", "纸质二维码卡"), List.of(
                history.getString("steps[4].textZh").substring(3, 6), history.getString("steps[5].textZh").substring(3, 9)));
        as(ADMIN).get(APPLICATIONS + "/" + id).then().statusCode(200)
                .body("events.to", contains("SUBMITTED", "UNDER_REVIEW", "APPROVED"))
                .body("events.actor", contains(CLERK_HB, ADMIN, ADMIN));
        // in full only with a reason, which the audit keeps
        as(CLERK_HB).queryParam("unmasked", true).get(APPLICATIONS + "/" + id).then().statusCode(400)
                .body("code", equalTo("REASON_REQUIRED"));
        as(CLERK_HB).queryParam("unmasked", true).queryParam("reason", "核对申请人身份").get(APPLICATIONS + "/" + id)
                .then().statusCode(200).body("idNumber", equalTo(idNumber)).body("name", equalTo("赵桂兰"));
        as(ADMIN).get("/api/audit?action=APPLICATION_READ_UNMASKED&subject=application:" + id).then().statusCode(200)
                .body("items[0].actor", equalTo(CLERK_HB)).body("items[0].reason", equalTo("核对申请人身份"));
    }

    @Test
    void aRefusalNeedsAReasonInChineseAndIsFinal() throws SQLException {
        long id = submit(ADMIN, application(TestApi.idNumber(1944, false), "海滨街道", "AGE_80_LOCAL"));
        as(ADMIN).post(APPLICATIONS + "/" + id + "/review-start").then().statusCode(200);
        as(ADMIN).post(APPLICATIONS + "/" + id + "/refuse").then().statusCode(400).body("code", equalTo("REASON_REQUIRED"))
                .body("message", containsString("理由"));
        as(ADMIN).body(Map.of("reason", " ")).post(APPLICATIONS + "/" + id + "/refuse").then().statusCode(400)
                .body("code", equalTo("REASON_REQUIRED"));
        as(ADMIN).body(Map.of("reason", "not local")).post(APPLICATIONS + "/" + id + "/refuse").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("details.field", equalTo("reason"));
        as(ADMIN).get(APPLICATIONS + "/" + id).then().body("state", equalTo("UNDER_REVIEW")).body("events", hasSize(2));

        as(ADMIN).body(Map.of("reason", "申请时未满80周岁")).post(APPLICATIONS + "/" + id + "/refuse").then().statusCode(200)
                .body("state", equalTo("REFUSED")).body("stateLabel", equalTo("不予批准"))
                .body("refusalReason", equalTo("申请时未满80周岁"))
                .body("events[2].reason", equalTo("申请时未满80周岁")).body("events[2].from", equalTo("UNDER_REVIEW"));
        // a retry answers the same; nothing else can follow a refusal
        as(ADMIN).body(Map.of("reason", "申请时未满80周岁")).post(APPLICATIONS + "/" + id + "/refuse").then().statusCode(200)
                .body("events", hasSize(3));
        as(ADMIN).body(Map.of("facts", List.of(localHousehold()), "printedQr", true)).post(APPLICATIONS + "/" + id + "/approve")
                .then().statusCode(409).body("code", equalTo("APPLICATION_STATE_CONFLICT"));
        as(ADMIN).post(APPLICATIONS + "/" + id + "/withdraw").then().statusCode(409)
                .body("code", equalTo("APPLICATION_STATE_CONFLICT"));
        as(ADMIN).get(APPLICATIONS + "?state=REFUSED&subdistrict=海滨街道&limit=200").then().statusCode(200)
                .body("items.id", hasItem((int) id)).body("items.state", everyItem(equalTo("REFUSED")));

        // the history cannot be rewritten behind the service's back: the service role may not, and the triggers refuse
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("update application_event set reason = 'x' where application_id = " + id,
                    "delete from application_event where application_id = " + id,
                    "delete from application where id = " + id)) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
            }
            for (String sql : List.of("update application set state = 'UNDER_REVIEW' where id = " + id,
                    "update application set refusal_reason = '另一个理由' where id = " + id)) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(refused.getMessage().contains("REFUSED"), refused.getMessage());
            }
        }
    }

    @Test
    void aWithdrawalAfterApprovalEndsTheEnrolmentFromItsDate() {
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        long id = submit(CLERK_HB, application(TestApi.idNumber(1939, true), "海滨街道", "AGE_80_LOCAL"));
        as(CLERK_HB).post(APPLICATIONS + "/" + id + "/review-start").then().statusCode(200);
        String uid = TestApi.newUid();
        long seniorId = as(CLERK_HB).body(Map.of("facts", List.of(localHousehold()),
                        "cards", List.of(Map.of("kind", "UID", "identifier", uid))))
                .post(APPLICATIONS + "/" + id + "/approve").then().statusCode(200)
                .body("application.decidedBy", equalTo(CLERK_HB)).extract().jsonPath().getLong("senior.id");
        LocalDate today = clock.today();
        LocalDate tomorrow = today.plusDays(1);

        as(CLERK_HB).body(Map.of("from", today.minusDays(1).toString())).post(APPLICATIONS + "/" + id + "/withdraw")
                .then().statusCode(400).body("details.field", equalTo("from"));
        as(CLERK_HB).body(Map.of("reason", "老人随子女外地居住，本人申请退出", "from", tomorrow.toString()))
                .post(APPLICATIONS + "/" + id + "/withdraw").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN")).body("withdrawnFrom", equalTo(tomorrow.toString()));

        // still subsidised today, no longer from tomorrow: the core says why
        as(CLERK_HB).get("/api/register/seniors/" + seniorId + "/eligibility").then().statusCode(200)
                .body("eligible", equalTo(true));
        as(CLERK_HB).queryParam("date", tomorrow.toString()).get("/api/register/seniors/" + seniorId + "/eligibility")
                .then().statusCode(200).body("eligible", equalTo(false))
                .body("reasons.code", contains("ENROLMENT_WITHDRAWN"))
                .body("reasons[0].labelZh", equalTo("已退出助餐服务"))
                .body("routes.route", contains("AGE_80_LOCAL"));
        as(CLERK_HB).get("/api/register/seniors/" + seniorId + "/history").then().statusCode(200)
                .body("steps.kind", hasItem("APPLICATION_WITHDRAWN")).body("steps.kind", hasItem("ENROLMENT_CHANGED"))
                .body("steps.find { it.kind == 'APPLICATION_WITHDRAWN' }.effectiveOn", equalTo(tomorrow.toString()))
                .body("steps.find { it.kind == 'APPLICATION_WITHDRAWN' }.reason", containsString("本人申请退出"));

        TestApi.asTerminal(terminal).body(lunch(uid, now())).post("/api/meals").then().statusCode(200)
                .body("status", equalTo("SUBSIDISED"));
        clock.lunchOn(tomorrow);
        TestApi.asTerminal(terminal).body(lunch(uid, now())).post("/api/meals").then().statusCode(422)
                .body("code", isOneOf("NOT_ENROLLED", "NOT_ELIGIBLE"));

        // withdrawn before any decision: nothing in the register
        long open = submit(CLERK_HB, application(TestApi.idNumber(1941, false), "海滨街道", "AGE_80_LOCAL"));
        as(CLERK_HB).body(Map.of("reason", "本人不再需要")).post(APPLICATIONS + "/" + open + "/withdraw").then()
                .statusCode(200).body("state", equalTo("WITHDRAWN")).body("seniorId", nullValue())
                .body("withdrawnFrom", nullValue());
    }

    @Test
    void aClerkOfHaibinCanNeitherSeeNorChangeASeniorOfBaoping() {
        long baoping = registerSenior("宝平街道", 1938);
        long haibin = registerSenior("海滨街道", 1938);
        String baopingId = as(ADMIN).queryParam("unmasked", true).queryParam("reason", "测试核对")
                .get("/api/register/seniors/" + baoping).then().statusCode(200).extract().path("idNumber");
        long baopingCard = as(ADMIN).get("/api/register/seniors/" + baoping).then().extract().jsonPath().getLong("cards[0].id");
        String seniors = "/api/register/seniors/";

        // search: never a senior of another 街镇, whatever is asked
        as(CLERK_HB).queryParam("q", baopingId).get("/api/register/seniors").then().statusCode(200)
                .body("total", equalTo(0));
        as(CLERK_HB).queryParam("subdistrict", "宝平街道").get("/api/register/seniors").then().statusCode(200)
                .body("total", equalTo(0));
        as(CLERK_HB).queryParam("limit", 200).get("/api/register/seniors").then().statusCode(200)
                .body("total", greaterThan(0)).body("items.subdistrict", everyItem(equalTo("海滨街道")));
        as(CLERK_BP).queryParam("q", baopingId).get("/api/register/seniors").then().statusCode(200)
                .body("total", equalTo(1));

        // one senior: as if there were none, for every read and change
        for (String path : List.of("", "/history", "/eligibility")) {
            as(CLERK_HB).get(seniors + baoping + path).then().statusCode(404).body("code", equalTo("UNKNOWN_SENIOR"))
                    .body("message", equalTo("未找到该老人"));
        }
        as(CLERK_HB).body(Map.of("kind", "INSTITUTION_RESIDENCE", "from", clock.today().toString()))
                .post(seniors + baoping + "/facts").then().statusCode(404).body("code", equalTo("UNKNOWN_SENIOR"));
        as(CLERK_HB).body(Map.of("endOn", clock.today().toString())).post(seniors + baoping + "/facts/1/end").then()
                .statusCode(404).body("code", equalTo("UNKNOWN_SENIOR"));
        as(CLERK_HB).body(Map.of("state", "SUSPENDED", "from", clock.today().toString()))
                .post(seniors + baoping + "/enrolment").then().statusCode(404).body("code", equalTo("UNKNOWN_SENIOR"));
        as(CLERK_HB).body(Map.of("kind", "UID", "identifier", TestApi.newUid())).post(seniors + baoping + "/cards")
                .then().statusCode(404).body("code", equalTo("UNKNOWN_SENIOR"));
        as(CLERK_HB).post(seniors + baoping + "/cards/" + baopingCard + "/revoke").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_SENIOR"));
        as(CLERK_HB).post("/api/qr/seniors/" + baoping + "/printed-code").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_SENIOR"));
        // nor enter one there
        as(CLERK_HB).body(Map.of("idNumber", TestApi.idNumber(1937, true), "name", "孙德福", "district", "宝坻区",
                "subdistrict", "宝平街道", "facts", List.of(localHousehold()))).post("/api/register/seniors").then()
                .statusCode(403).body("code", equalTo("OUTSIDE_SUBDISTRICT"));
        as(ADMIN).get(seniors + baoping).then().statusCode(200).body("facts", hasSize(2)).body("cards", hasSize(1))
                .body("cards[0].status", equalTo("ACTIVE")).body("enrolment", equalTo("APPROVED"));

        // their own: all of it
        as(CLERK_HB).queryParam("unmasked", true).queryParam("reason", "核对登记信息").get(seniors + haibin).then()
                .statusCode(200).body("idNumber", not(containsString("*")));
        // suspended by a dated fact (entering an institution), resumed when it ends
        long institution = as(CLERK_HB).body(Map.of("kind", "INSTITUTION_RESIDENCE", "from", clock.today().toString()))
                .post(seniors + haibin + "/facts").then().statusCode(201).body("facts", hasSize(3)).extract().jsonPath()
                .getLong("facts.find { it.kind == 'INSTITUTION_RESIDENCE' }.id");
        as(CLERK_HB).get(seniors + haibin + "/eligibility").then().statusCode(200).body("eligible", equalTo(false))
                .body("reasons.code", contains("IN_INSTITUTION")).body("reasons[0].labelZh", equalTo("已入住养老机构"));
        LocalDate back = clock.today().plusDays(3);
        as(CLERK_HB).body(Map.of("endOn", back.toString())).post(seniors + haibin + "/facts/" + institution + "/end")
                .then().statusCode(200);
        as(CLERK_HB).queryParam("date", back.minusDays(1).toString()).get(seniors + haibin + "/eligibility").then()
                .body("eligible", equalTo(false));
        as(CLERK_HB).queryParam("date", back.toString()).get(seniors + haibin + "/eligibility").then()
                .body("eligible", equalTo(true)).body("reasons", hasSize(0));
        as(CLERK_HB).body(Map.of("kind", "UID", "identifier", TestApi.newUid())).post(seniors + haibin + "/cards")
                .then().statusCode(201).body("recordedBy", equalTo(CLERK_HB));
        as(CLERK_HB).post("/api/qr/seniors/" + haibin + "/printed-code").then().statusCode(200);
        as(CLERK_HB).get(seniors + haibin + "/history").then().statusCode(200)
                // the UID card, then the printed QR card the clerk's print made: both are register changes, both shown
                .body("steps.kind", contains("SENIOR_ENROLLED", "FACT_ADDED", "FACT_ENDED", "CARD_ISSUED", "CARD_ISSUED"))
                .body("steps.actor", contains(ADMIN, CLERK_HB, CLERK_HB, CLERK_HB, CLERK_HB))
                .body("steps[1].textZh", equalTo("增加记录：入住养老机构，自" + clock.today() + "起"))
                .body("steps[2].textZh", equalTo("结束记录：入住养老机构，最后一天为" + back.minusDays(1)))
                .body("steps[2].effectiveOn", equalTo(back.toString()));

        // applications: another 街镇's are invisible, and none can be made there
        long baopingApplication = submit(CLERK_BP, application(TestApi.idNumber(1942, true), "宝平街道", "AGE_80_LOCAL"));
        as(CLERK_HB).get(APPLICATIONS + "/" + baopingApplication).then().statusCode(404)
                .body("code", equalTo("UNKNOWN_APPLICATION"));
        for (String step : List.of("review-start", "withdraw", "refuse")) {
            as(CLERK_HB).body(Map.of("reason", "不符合条件")).post(APPLICATIONS + "/" + baopingApplication + "/" + step)
                    .then().statusCode(404).body("code", equalTo("UNKNOWN_APPLICATION"));
        }
        as(CLERK_HB).get(APPLICATIONS + "/" + baopingApplication + "/eligibility").then().statusCode(404);
        as(CLERK_HB).queryParam("limit", 200).get(APPLICATIONS).then().statusCode(200)
                .body("items.subdistrict", everyItem(equalTo("海滨街道"))).body("items.id", not(hasItem((int) baopingApplication)));
        as(CLERK_HB).queryParam("subdistrict", "宝平街道").get(APPLICATIONS).then().statusCode(200).body("total", equalTo(0));
        as(CLERK_HB).body(application(TestApi.idNumber(1942, false), "宝平街道", "AGE_80_LOCAL")).post(APPLICATIONS)
                .then().statusCode(403).body("code", equalTo("OUTSIDE_SUBDISTRICT"));
        as(CLERK_BP).get(APPLICATIONS + "/" + baopingApplication).then().statusCode(200).body("state", equalTo("SUBMITTED"));
        as(ADMIN).get(APPLICATIONS + "/" + baopingApplication).then().statusCode(200);

        // and nothing of the administrators' own
        as(CLERK_HB).get("/api/security/people").then().statusCode(403);
        as(CLERK_HB).get("/api/audit").then().statusCode(403);
        as(CLERK_HB).get("/api/security/me").then().statusCode(200).body("subdistrict", equalTo("海滨街道"))
                .body("district", equalTo("宝坻区"));
    }

    @Test
    void administratorsCreateAClerkOfOneSubdistrictWhoSignsInWithTheIssuedPassword() {
        String username = "clerk-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        as(ADMIN).body(Map.of("username", username, "displayName", "李经办", "roles", List.of("subdistrict_clerk")))
                .post("/api/security/people").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("details.field", equalTo("subdistrict"));
        // an area is for clerks, supervisors and finance (AreaScopeTest): never for an administrator
        as(ADMIN).body(Map.of("username", username, "displayName", "李经办", "roles", List.of("administrator"),
                        "district", "宝坻区", "subdistrict", "海滨街道"))
                .post("/api/security/people").then().statusCode(400).body("details.field", equalTo("district"));
        String password = as(ADMIN).body(Map.of("username", username, "displayName", "李经办",
                        "roles", List.of("subdistrict_clerk"), "district", "宝坻区", "subdistrict", "宝平街道"))
                .post("/api/security/people").then().statusCode(201)
                .body("person.subdistrict", equalTo("宝平街道")).body("person.roles", contains("subdistrict_clerk"))
                .extract().path("password");
        given().auth().preemptive().basic(username, password).get("/api/security/me").then().statusCode(200)
                .body("roles", contains("subdistrict_clerk")).body("subdistrict", equalTo("宝平街道"));
        given().auth().preemptive().basic(username, password).queryParam("limit", 200).get("/api/register/seniors")
                .then().statusCode(200).body("items.subdistrict", everyItem(equalTo("宝平街道")));
        as(ADMIN).get("/api/audit?action=PERSON_CREATED&subject=person:" + username).then().statusCode(200)
                .body("items[0].details.subdistrict", equalTo("宝平街道"));
    }

    @Test
    void theEligibilityEndpointAnswersWithTheCoreReasons() {
        long senior = registerSenior("海滨街道", 1952); // 74: too young for AGE_80_LOCAL, no other route
        JsonPath answer = as(ADMIN).get("/api/register/seniors/" + senior + "/eligibility").then().statusCode(200)
                .body("eligible", equalTo(false)).body("policyVersion", notNullValue())
                .body("jurisdiction", notNullValue())
                .body("age", anyOf(equalTo(73), equalTo(74))) // born in 1952 on a day TestApi draws
                .body("reasons.find { it.code == 'UNDER_AGE_FOR_ROUTE' && it.route == 'AGE_80_LOCAL' }.labelZh",
                        equalTo("未达到该类对象的年龄（本市户籍80周岁及以上老年人）"))
                .extract().jsonPath();
        // the same reasons, in the same order, as the core decides from the same facts
        IdNumber id = IdNumber.parse(as(ADMIN).queryParam("unmasked", true).queryParam("reason", "测试核对")
                .get("/api/register/seniors/" + senior).then().extract().path("idNumber"));
        Eligibility core = EligibilityRules.assess(SeniorFacts.of(id, List.of(
                        Fact.localHousehold(Period.from(LocalDate.of(1990, 1, 1))),
                        Fact.enrolment(EnrolmentState.APPROVED, Period.from(LocalDate.of(2024, 3, 1))))),
                clock.today(), PolicyCatalog.loadDefault().inForce(answer.getString("jurisdiction"), clock.today()).orElseThrow());
        assertEquals(core.policyVersionId(), answer.getString("policyVersion"));
        assertEquals(core.reasons().stream().map(r -> r.code().name()).toList(), answer.getList("reasons.code"));
        assertEquals(core.reasons().stream().map(Reason::labelZh).toList(), answer.getList("reasons.labelZh"));
        // a past date is decided by that date's facts
        as(ADMIN).queryParam("date", "2024-02-29").get("/api/register/seniors/" + senior + "/eligibility").then()
                .statusCode(200).body("date", equalTo("2024-02-29")).body("reasons.code", hasItem("NOT_ENROLLED"));
        as(TestApi.FINANCE).get("/api/register/seniors/" + senior + "/eligibility").then().statusCode(403);
    }
}
