package cn.laorenjia.settlement.register.page;

import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The register's pages over HTTP: what they show (masked unless the audited path is taken), the form posts' date
 * convention (the page's last day is inclusive, the register's end exclusive), Chinese errors, and the same
 * cross-site defences as every other change.
 */
@QuarkusTest
class RegisterPagesApiTest {

    /** An enrolled senior of 海滨街道 (80 and over, local household): eligible today. Answers id and ID number. */
    static JsonPath newSenior(String name) {
        return newSenior(name, "13812345678");
    }

    static JsonPath newSenior(String name, String phone) {
        return as(ADMIN).body(Map.of("idNumber", TestApi.idNumber(1940, true), "name", name, "phone", phone,
                        "district", "宝坻区", "subdistrict", "海滨街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201).extract().jsonPath();
    }

    private static String fullIdNumber(long id) {
        return as(ADMIN).get("/api/register/seniors/" + id + "?unmasked=true&reason=test").then().statusCode(200)
                .extract().path("idNumber");
    }

    @Test
    void theSeniorsPageShowsMaskedDataAndEligibilityWithItsReasons() {
        String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000L);
        JsonPath senior = newSenior("页面甲", phone);
        long id = senior.getLong("id");
        String idNumber = fullIdNumber(id);
        String page = as(ADMIN).accept("text/html").get("/register/seniors/" + id).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .extract().asString();
        assertTrue(page.contains("今天可以享受助餐补贴"), page);
        assertTrue(page.contains(IdNumber.parse(idNumber).masked()), "the masked ID number");
        assertFalse(page.contains(idNumber), "never the full ID number without the audited path");
        assertFalse(page.contains(phone), "never the full phone");
        assertFalse(page.contains("页面甲"), "the name masked");
        assertTrue(page.contains("退出登录") && page.contains("老人查询") && page.contains("食堂与终端"));

        // the audited path: a reason, recorded with the read
        String full = as(ADMIN).accept("text/html").queryParam("unmasked", "1").queryParam("reason", "核对身份证复印件")
                .get("/register/seniors/" + id).then().statusCode(200).extract().asString();
        assertTrue(full.contains(idNumber) && full.contains(phone) && full.contains("页面甲"));
        as(ADMIN).get("/api/audit?action=SENIOR_READ_UNMASKED&subject=senior:" + id).then()
                .statusCode(200).body("items.reason", hasItem("核对身份证复印件"));
        // without a reason: still masked, and a Chinese message next to the form
        String noReason = as(ADMIN).accept("text/html").queryParam("unmasked", "1").queryParam("reason", " ")
                .get("/register/seniors/" + id).then().statusCode(200).extract().asString();
        assertTrue(noReason.contains("查看完整的个人信息须填写理由"));
        assertFalse(noReason.contains(idNumber));

        // the search lists the senior masked, by the last four characters of the ID number and by phone
        String list = as(ADMIN).accept("text/html").queryParam("q", idNumber.substring(14))
                .queryParam("subdistrict", "海滨街道").get("/register/seniors").then().statusCode(200).extract().asString();
        assertTrue(list.contains("/register/seniors/" + id + "\""), list);
        assertFalse(list.contains(idNumber));
        String byPhone = as(ADMIN).accept("text/html").queryParam("q", phone).get("/register/seniors")
                .then().statusCode(200).extract().asString();
        assertTrue(byPhone.contains("/register/seniors/" + id + "\""));
        assertFalse(byPhone.contains(phone), "the phone searched for is not echoed");
        as(ADMIN).get("/api/audit?action=SENIOR_SEARCH_BY_PHONE").then().statusCode(200)
                .body("items.details.phone", hasItem("*******" + phone.substring(7)));
    }

    @Test
    void aLastDayOnThePageIsInclusiveAndStoredAsTheDayAfter() {
        long id = newSenior("页面乙").getLong("id");
        LocalDate today = TestClock.current().today();
        LocalDate from = today.minusDays(10);
        as(ADMIN).body(Map.of("kind", "INSTITUTION_RESIDENCE", "value", "", "from", from.toString(),
                        "lastDay", today.toString()))
                .post("/register/seniors/" + id + "/facts").then().statusCode(200)
                .body("redirect", equalTo("/register/seniors/" + id + "?done=fact-added"));
        Map<String, Object> stored = as(ADMIN).get("/api/register/seniors/" + id).then().statusCode(200).extract()
                .jsonPath().getMap("facts.find { it.kind == 'INSTITUTION_RESIDENCE' }");
        assertEquals(today.plusDays(1).toString(), stored.get("to"), "stored exclusive: the day after the last day");
        String page = as(ADMIN).accept("text/html").get("/register/seniors/" + id).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("今天不能享受助餐补贴"), "in the institution on its last day");
        assertTrue(page.contains("已入住养老机构"));
        assertTrue(page.contains("<td class=\"last-day\">" + today + "</td>"), "the last day shown as entered");

        // an open fact ended from the page: its last day in, the day after stored
        as(ADMIN).body(Map.of("kind", "CENTRALISED_SUPPORT", "from", from.toString()))
                .post("/register/seniors/" + id + "/facts").then().statusCode(200);
        long factId = ((Number) as(ADMIN).get("/api/register/seniors/" + id).then().extract().jsonPath()
                .getMap("facts.find { it.kind == 'CENTRALISED_SUPPORT' }").get("id")).longValue();
        as(ADMIN).body(Map.of("lastDay", today.minusDays(1).toString()))
                .post("/register/seniors/" + id + "/facts/" + factId + "/end").then().statusCode(200);
        Map<String, Object> ended = as(ADMIN).get("/api/register/seniors/" + id).then().extract().jsonPath()
                .getMap("facts.find { it.kind == 'CENTRALISED_SUPPORT' }");
        assertEquals(today.toString(), ended.get("to"));
    }

    @Test
    void formErrorsAreChineseAndChangeNothing() {
        long id = newSenior("页面丙").getLong("id");
        LocalDate today = TestClock.current().today();
        as(ADMIN).body(Map.of("kind", "INSTITUTION_RESIDENCE", "from", today.toString(),
                        "lastDay", today.minusDays(1).toString()))
                .post("/register/seniors/" + id + "/facts").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", equalTo("最后一天不能早于起始日期"));
        as(ADMIN).body(Map.of("kind", "LOW_INCOME_STATUS", "from", today.toString()))
                .post("/register/seniors/" + id + "/facts").then().statusCode(400)
                .body("message", containsString("选择相应的取值"));
        as(ADMIN).body(Map.of("kind", "DEATH", "from", "2026-02-30"))
                .post("/register/seniors/" + id + "/facts").then().statusCode(400)
                .body("message", containsString("不是有效的日期"));
        as(ADMIN).body(Map.of("kind", "UID", "identifier", "not a uid"))
                .post("/register/seniors/" + id + "/cards").then().statusCode(400)
                .body("code", equalTo("INVALID_CARD_IDENTIFIER")).body("message", containsString("卡号（UID）须为"));
        as(ADMIN).get("/api/register/seniors/" + id).then().body("facts.size()", equalTo(2)).body("cards.size()", equalTo(0));
    }

    @Test
    void pageFormsNeedTheProofHeaderAJsonBodyAndThisOrigin() {
        long id = newSenior("页面丁").getLong("id");
        String today = TestClock.current().today().toString();
        Map<String, String> fact = Map.of("kind", "DEATH", "from", today);
        given().auth().preemptive().basic(ADMIN, "test-admin-password").contentType(ContentType.JSON).body(fact)
                .post("/register/seniors/" + id + "/facts").then().statusCode(403)
                .body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));
        as(ADMIN).contentType("application/x-www-form-urlencoded").body("kind=DEATH&from=" + today)
                .post("/register/seniors/" + id + "/facts").then().statusCode(415);
        as(ADMIN).header("Origin", "http://localhost:1").body(fact)
                .post("/register/seniors/" + id + "/facts").then().statusCode(403);
        as(ADMIN).get("/api/register/seniors/" + id).then().body("deceased", equalTo(false))
                .body("facts.kind", not(hasItem("DEATH")));
    }

    @Test
    void onlyAdministratorsOpenThePagesAndTheyLandThere() {
        as(FINANCE).accept("text/html").get("/register/seniors").then().statusCode(403);
        given().redirects().follow(false).accept("text/html").get("/register/seniors").then().statusCode(302)
                .header("Location", containsString("/signin"));
        as(ADMIN).redirects().follow(false).get("/").then().statusCode(303).header("Location", containsString("/register"));
        as(ADMIN).accept("text/html").get("/register/seniors/999999999").then().statusCode(404)
                .body(containsString("未找到该老人"));
    }

    @Test
    void aCanteenIsRegisteredWithItsMenuAndItsMenuChangedAndAudited() {
        String code = TestApi.unique("PG");
        Map<String, String> form = new java.util.HashMap<>(Map.of("code", code, "name", "页面测试老人家食堂",
                "jurisdiction", "tianjin", "district", "宝坻区", "subdistrict", "海滨街道", "address", "测试路2号",
                "standardSetPrice", "15.00", "menu0.code", "L-STD", "menu0.name", "标准午餐套餐", "menu0.slot", "LUNCH"));
        form.put("menu0.price", "15");
        form.put("terminal0.code", code + "-T1");
        form.put("terminal0.name", "1号收银台");
        JsonPath registered = as(ADMIN).body(form).post("/register/canteens").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("/register/canteens/" + code, registered.getString("redirect"));
        assertTrue(registered.getString("secrets[0].authorization").startsWith("Terminal " + code + "-T1:"));
        as(ADMIN).get("/api/register/canteens/" + code).then().statusCode(200)
                .body("standardSetPriceFen", equalTo(1500)).body("menu[0].priceFen", equalTo(1500));

        as(ADMIN).body(Map.of("code", "L-STD", "name", "标准午餐", "slot", "LUNCH", "price", "16.50"))
                .post("/register/canteens/" + code + "/menu").then().statusCode(200);
        as(ADMIN).body(Map.of("code", "D-STD", "name", "标准晚餐", "slot", "DINNER", "price", "15.00"))
                .post("/register/canteens/" + code + "/menu").then().statusCode(200);
        as(ADMIN).body(Map.of("active", "false")).post("/register/canteens/" + code + "/menu/D-STD/active")
                .then().statusCode(200);
        as(ADMIN).body(Map.of("code", "X", "name", "坏价格", "slot", "LUNCH", "price", "1.234"))
                .post("/register/canteens/" + code + "/menu").then().statusCode(400)
                .body("message", containsString("最多两位小数"));
        JsonPath canteen = as(ADMIN).get("/api/register/canteens/" + code).then().extract().jsonPath();
        assertEquals(1650, canteen.getInt("menu.find { it.code == 'L-STD' }.priceFen"));
        assertEquals(false, canteen.getBoolean("menu.find { it.code == 'D-STD' }.active"));
        as(ADMIN).get("/api/audit?action=MEAL_SET_CHANGED&subject=canteen:" + code).then()
                .statusCode(200).body("items.size()", equalTo(3));

        String page = as(ADMIN).accept("text/html").get("/register/canteens/" + code).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("16.50") && page.contains("标准晚餐") && page.contains("已停用"));
        assertFalse(page.contains(registered.getString("secrets[0].authorization")), "a secret is never shown again");
        assertNull(null);
    }
}
