package cn.laorenjia.settlement.register;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.SeniorFact;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, point 4: the register's defects found by black-box runs, each refused or made possible over HTTP on the
 * real database, with the clock at {@link TestClock#MONDAY_LUNCH}.
 */
@QuarkusTest
class RegisterDefectsApiTest {

    /** Chinese text, and no English sentence leaking through. */
    private static final String CHINESE = "(?s).*[\\u4e00-\\u9fff].*";

    @Inject
    TestClock clock;

    private LocalDate today() {
        return ChinaCalendar.mealDate(clock.instant());
    }

    private static Map<String, Object> senior(String idNumber, String subdistrict, List<Map<String, Object>> facts,
                                              List<Map<String, Object>> cards) {
        Map<String, Object> body = new HashMap<>();
        body.put("idNumber", idNumber);
        body.put("name", "赵德明");
        body.put("phone", "13812345678");
        body.put("district", "宝坻区");
        body.put("subdistrict", subdistrict);
        body.put("facts", facts);
        body.put("cards", cards);
        return body;
    }

    private static List<Map<String, Object>> localAndEnrolled(String state) {
        return List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                Map.of("kind", "ENROLMENT", "value", state, "from", "2024-03-01"));
    }

    private static Map<String, Object> uid(String identifier, LocalDate issuedOn) {
        return Map.of("kind", "UID", "identifier", identifier, "issuedOn", issuedOn.toString());
    }

    private static long register(Map<String, Object> body) {
        return as(ADMIN).body(body).post("/api/register/seniors").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long[] counts() {
        return QuarkusTransaction.requiringNew().call(
                () -> new long[] {Senior.count(), SeniorFact.count(), Canteen.count()});
    }

    private static long auditCount(String subject, String action) {
        return as(ADMIN).queryParam("subject", subject).queryParam("action", action).get("/api/audit").then()
                .statusCode(200).extract().jsonPath().getLong("total");
    }

    private static ValidatableResponse quota(String terminal, String uid) {
        return TestApi.asTerminal(terminal).queryParam("cardKind", "UID").queryParam("identifier", uid)
                .get("/api/meals/quota").then();
    }

    private String now() {
        return OffsetDateTime.now(clock).toString();
    }

    // --- 1. birth dates in the future ---

    @Test
    void anIdNumberBornInTheFutureIsRefusedAndChangesNothing() {
        long[] before = counts();
        as(ADMIN).body(senior("120224203004011233", "海滨街道", localAndEnrolled("APPROVED"), List.of()))
                .post("/api/register/seniors").then().statusCode(400)
                .body("code", equalTo("INVALID_ID_NUMBER"))
                .body("details.reason", equalTo("BIRTH_DATE_IN_FUTURE"))
                .body("message", equalTo("身份证号码中的出生日期晚于今天，请核对号码"));
        assertEquals(before[0], counts()[0]);
    }

    // --- 2. same-day corrections ---

    @Test
    void anApprovalRecordedByMistakeIsWithdrawnTheSameDayAndBothStayInTheHistory() {
        long id = register(senior(TestApi.idNumber(1940, true), "海滨街道", localAndEnrolled("APPLIED"), List.of()));
        String today = today().toString();
        as(ADMIN).body(Map.of("state", "APPROVED", "from", today)).post("/api/register/seniors/" + id + "/enrolment")
                .then().statusCode(200).body("enrolment", equalTo("APPROVED"));
        long rowsBefore = QuarkusTransaction.requiringNew().call(() -> SeniorFact.count("senior.id", id));

        JsonPath corrected = as(ADMIN).body(Map.of("state", "WITHDRAWN", "from", today))
                .post("/api/register/seniors/" + id + "/enrolment").then().statusCode(200)
                .body("enrolment", equalTo("WITHDRAWN"))
                // the mistaken approval is kept, marked corrected, with who corrected it
                .body("facts.find { it.value == 'APPROVED' }.correctedAt", notNullValue())
                .body("facts.find { it.value == 'APPROVED' }.correctedBy", equalTo(ADMIN))
                .body("facts.find { it.value == 'WITHDRAWN' }.correctedAt", nullValue())
                .extract().jsonPath();
        assertEquals(rowsBefore + 1, QuarkusTransaction.requiringNew().call(() -> SeniorFact.count("senior.id", id)),
                "a correction adds the new state and deletes nothing");
        assertEquals(List.of("APPLIED", "APPROVED", "WITHDRAWN"), corrected.getList("facts.findAll { it.kind == 'ENROLMENT' }.value"));
        assertEquals(1, auditCount("senior:" + id, "FACT_CORRECTED"));
        // read again in a new transaction: the corrected approval does not hold
        as(ADMIN).get("/api/register/seniors/" + id).then().statusCode(200).body("enrolment", equalTo("WITHDRAWN"));
    }

    @Test
    void aFactEndedOnItsFirstDayIsACorrectionRecordedNotDeleted() {
        String uid = TestApi.newUid();
        long id = register(senior(TestApi.idNumber(1940, false), "海滨街道", localAndEnrolled("APPROVED"),
                List.of(uid(uid, LocalDate.of(2024, 3, 1)))));
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        long factId = as(ADMIN).body(Map.of("kind", "INSTITUTION_RESIDENCE", "from", today().toString()))
                .post("/api/register/seniors/" + id + "/facts").then().statusCode(201).extract().jsonPath()
                .getLong("facts.find { it.kind == 'INSTITUTION_RESIDENCE' }.id");
        quota(terminal, uid).statusCode(200).body("eligible", equalTo(false)).body("reasons.code", hasItem("IN_INSTITUTION"));

        as(ADMIN).body(Map.of("endOn", today().toString()))
                .post("/api/register/seniors/" + id + "/facts/" + factId + "/end").then().statusCode(200)
                .body("facts.find { it.id == " + factId + " }.correctedAt", notNullValue());
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> SeniorFact.count("id", factId)), "kept");
        assertEquals(1, auditCount("senior:" + id, "FACT_CORRECTED"));
        // it never held: eligible again today
        quota(terminal, uid).statusCode(200).body("eligible", equalTo(true));
        // an end before the start is still refused, in Chinese
        long other = as(ADMIN).body(Map.of("kind", "HOME_CARE_SUBSIDY", "from", today().toString()))
                .post("/api/register/seniors/" + id + "/facts").then().statusCode(201).extract().jsonPath()
                .getLong("facts.find { it.kind == 'HOME_CARE_SUBSIDY' }.id");
        as(ADMIN).body(Map.of("endOn", today().minusDays(1).toString()))
                .post("/api/register/seniors/" + id + "/facts/" + other + "/end").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("截止日期 to 须晚于起始日期"));
    }

    // --- 3. the standard price against the policy in force ---

    @Test
    void aStandardPriceOutsideThePolicysRangeIsRefusedNamingTheRange() {
        long[] before = counts();
        String code = TestApi.unique("TST");
        as(ADMIN).body(Map.of("code", code, "name", "价格测试食堂", "jurisdiction", "tianjin", "district", "宝坻区",
                        "subdistrict", "海滨街道", "standardSetPriceFen", 200,
                        "menu", List.of(Map.of("code", "L-STD", "name", "标准午餐", "slot", "LUNCH", "priceFen", 200)),
                        "terminals", List.of()))
                .post("/api/register/canteens").then().statusCode(400)
                .body("code", equalTo("STANDARD_PRICE_OUT_OF_RANGE"))
                .body("message", containsString("6.50 元至 19.50 元"))
                .body("details.field", equalTo("standardSetPriceFen"))
                .body("details.lowestFen", equalTo(650)).body("details.highestFen", equalTo(1950));
        assertEquals(before[2], counts()[2]);
    }

    // --- 4. a card is valid from its issue date ---

    @Test
    void aCardIssuedTomorrowDoesNotWorkToday() {
        String uid = TestApi.newUid();
        register(senior(TestApi.idNumber(1940, true), "海滨街道", localAndEnrolled("APPROVED"),
                List.of(uid(uid, today().plusDays(1)))));
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        quota(terminal, uid).statusCode(403).body("code", equalTo("CARD_NOT_YET_VALID"))
                .body("message", matchesPattern(CHINESE));
        TestApi.asTerminal(terminal).body(Map.of("saleId", UUID.randomUUID().toString(), "occurredAt", now(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                        "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals").then().statusCode(403).body("code", equalTo("CARD_NOT_YET_VALID"));
        clock.at(clock.instant().plus(java.time.Duration.ofDays(1)),
                () -> quota(terminal, uid).statusCode(200).body("eligible", equalTo(true)));
    }

    // --- 5. the quota answers with eligibility ---

    @Test
    void theQuotaSaysWhyASeniorGetsNoSubsidyToday() {
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        String applied = TestApi.newUid();
        register(senior(TestApi.idNumber(1940, true), "海滨街道", localAndEnrolled("APPLIED"),
                List.of(uid(applied, LocalDate.of(2024, 3, 1)))));
        quota(terminal, applied).statusCode(200)
                .body("eligible", equalTo(false)).body("code", equalTo("NOT_ENROLLED"))
                .body("reasons.code", hasItem("ENROLMENT_NOT_APPROVED"))
                .body("remainingToday", equalTo(0))
                .body("announcementZh", containsString("今日不能享受助餐补贴"))
                .body("announcementZh", not(containsString("今日可享受补贴")));

        String died = TestApi.newUid();
        List<Map<String, Object>> facts = new ArrayList<>(localAndEnrolled("APPROVED"));
        facts.add(Map.of("kind", "DEATH", "from", today().minusMonths(1).toString()));
        register(senior(TestApi.idNumber(1940, false), "海滨街道", facts, List.of(uid(died, LocalDate.of(2024, 3, 1)))));
        quota(terminal, died).statusCode(200).body("eligible", equalTo(false)).body("code", equalTo("NOT_ELIGIBLE"))
                .body("reasons.code", hasItem("DECEASED")).body("announcementZh", containsString("老人已故"));

        String eligible = TestApi.registerSenior("钱正方", "宝坻区");
        quota(terminal, eligible).statusCode(200).body("eligible", equalTo(true)).body("code", equalTo("ELIGIBLE"))
                .body("announcementZh", containsString("今日可享受补贴"));
    }

    // --- 6. OpenAPI documents fact kinds, values and the exclusive end ---

    @Test
    void openApiDocumentsEveryFactKindAndValueAndTheExclusiveEnd() {
        String doc = as(ADMIN).get("/q/openapi").then().statusCode(200).extract().asString();
        for (String expected : List.of("LIVING_ALONE 独居", "DIBAO_EDGE 低保边缘", "残疾等级 \"1\"、\"2\"、\"3\"、\"4\"",
                "TOTAL 完全失能", "WITHDRAWN 已退出", "截止日期（不含当天）", "DEATH 死亡", "BEREAVED_ONLY_CHILD_FAMILY")) {
            assertTrue(doc.contains(expected), "OpenAPI lacks: " + expected);
        }
    }

    // --- 7. messages in Chinese ---

    @Test
    void refusalsOfTheRegisterAreWordedInChinese() {
        Map<String, Object> body = senior(TestApi.idNumber(1940, true), "海滨街道", localAndEnrolled("APPROVED"), List.of());
        body.put("name", "1张三");
        as(ADMIN).body(body).post("/api/register/seniors").then().statusCode(400)
                .body("message", containsString("姓名 name 须以文字开头和结尾"))
                .body("message", not(containsString("must")));
        body.put("name", "张三");
        body.put("facts", List.of(Map.of("kind", "LOW_INCOME_STATUS", "value", "POOR", "from", "2024-03-01")));
        as(ADMIN).body(body).post("/api/register/seniors").then().statusCode(400)
                .body("message", containsString("DIBAO_EDGE")).body("message", not(containsString("is not a")));
        // a meal's price is called priceFen in the request: the message says so
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        TestApi.asTerminal(terminal).body(Map.of("saleId", UUID.randomUUID().toString(), "occurredAt", now(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", TestApi.newUid()),
                        "mealSetCode", "L-STD", "priceFen", -1))
                .post("/api/meals").then().statusCode(400)
                .body("details.field", equalTo("priceFen")).body("message", matchesPattern(CHINESE))
                .body("message", not(containsString("expectedPriceFen")));
    }

    // --- 8. phone and 街镇 ---

    @Test
    void aPhoneThatIsNoNumberIsRefused() {
        Map<String, Object> body = senior(TestApi.idNumber(1940, true), "海滨街道", localAndEnrolled("APPROVED"), List.of());
        body.put("phone", "abc");
        as(ADMIN).body(body).post("/api/register/seniors").then().statusCode(400)
                .body("code", equalTo("INVALID_PHONE_NUMBER")).body("details.field", equalTo("phone"));
    }

    @Test
    void aSubdistrictNotOnTheDistrictsListIsRefusedForSeniorsAndCanteens() {
        long[] before = counts();
        as(ADMIN).body(senior(TestApi.idNumber(1940, true), "海滨街", localAndEnrolled("APPROVED"), List.of()))
                .post("/api/register/seniors").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_SUBDISTRICT")).body("details.field", equalTo("subdistrict"))
                .body("message", containsString("海滨街道"));
        as(ADMIN).body(Map.of("code", TestApi.unique("TST"), "name", "街镇测试食堂", "jurisdiction", "tianjin",
                        "district", "宝坻区", "subdistrict", "海滨街", "standardSetPriceFen", 1500,
                        "menu", List.of(), "terminals", List.of()))
                .post("/api/register/canteens").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_SUBDISTRICT")).body("details.field", equalTo("subdistrict"));
        // a 街镇 of another district is not one of this district's
        as(ADMIN).body(senior(TestApi.idNumber(1940, true), "大赵峪街道", localAndEnrolled("APPROVED"), List.of()))
                .post("/api/register/seniors").then().statusCode(400).body("code", equalTo("UNKNOWN_SUBDISTRICT"));
        long[] after = counts();
        assertEquals(List.of(before[0], before[2]), List.of(after[0], after[2]));
        register(senior(TestApi.idNumber(1940, true), "海滨街道", localAndEnrolled("APPROVED"), List.of()));
    }

    @Test
    void administratorsKeepTheListOfSubdistrictsAndEveryChangeIsAudited() {
        String district = "测试" + TestApi.unique("Q").replace("-", "") + "区";
        as(ADMIN).get("/api/register/subdistricts?district=宝坻区").then().statusCode(200)
                .body("name", hasItems("海滨街道", "宝平街道", "牛道口镇")).body("find { it.name == '海滨街道' }.shortCode", equalTo("HB"));
        long id = as(ADMIN).body(Map.of("district", district, "name", "新城街道", "shortCode", "XC"))
                .post("/api/register/subdistricts").then().statusCode(201).body("active", equalTo(true))
                .extract().jsonPath().getLong("id");
        as(ADMIN).body(Map.of("district", district, "name", "新城街道", "shortCode", "XC"))
                .post("/api/register/subdistricts").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_SUBDISTRICT")).body("details.field", equalTo("name"));
        Map<String, Object> body = senior(TestApi.idNumber(1940, false), "新城街道", localAndEnrolled("APPROVED"), List.of());
        body.put("district", district);
        register(body);

        as(ADMIN).post("/api/register/subdistricts/" + id + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));
        body.put("idNumber", TestApi.idNumber(1940, false));
        as(ADMIN).body(body).post("/api/register/seniors").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_SUBDISTRICT"));
        as(ADMIN).post("/api/register/subdistricts/" + id + "/activate").then().statusCode(200);
        register(body);
        as(TestApi.FINANCE).body(Map.of("district", district, "name", "旧城镇", "shortCode", "JC"))
                .post("/api/register/subdistricts").then().statusCode(403);

        assertEquals(1, auditCount("subdistrict:" + id, "SUBDISTRICT_ADDED"));
        assertEquals(1, auditCount("subdistrict:" + id, "SUBDISTRICT_DEACTIVATED"));
        assertEquals(1, auditCount("subdistrict:" + id, "SUBDISTRICT_ACTIVATED"));
    }

    // --- 9. DUPLICATE names the field ---

    @Test
    void aDuplicateNamesTheDuplicatedField() {
        String idNumber = TestApi.idNumber(1940, true);
        String uid = TestApi.newUid();
        register(senior(idNumber, "海滨街道", localAndEnrolled("APPROVED"), List.of(uid(uid, LocalDate.of(2024, 3, 1)))));
        as(ADMIN).body(senior(idNumber, "海滨街道", localAndEnrolled("APPROVED"), List.of()))
                .post("/api/register/seniors").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_ID_NUMBER")).body("details.field", equalTo("idNumber"))
                .body("message", containsString("idNumber"));
        as(ADMIN).body(senior(TestApi.idNumber(1940, true), "海滨街道", localAndEnrolled("APPROVED"),
                        List.of(uid(TestApi.newUid(), LocalDate.of(2024, 3, 1)), uid(uid, LocalDate.of(2024, 3, 1)))))
                .post("/api/register/seniors").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_CARD")).body("details.field", equalTo("cards[1].identifier"));
        JsonPath canteen = TestApi.registerCanteen("海滨街道");
        as(ADMIN).body(Map.of("code", canteen.getString("canteen.code"), "name", "重复食堂", "jurisdiction", "tianjin",
                        "district", "宝坻区", "subdistrict", "海滨街道", "standardSetPriceFen", 1500,
                        "menu", List.of(), "terminals", List.of()))
                .post("/api/register/canteens").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_CANTEEN")).body("details.field", equalTo("code"));
    }
}
