package cn.laorenjia.settlement.ledger;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.fixtures.sample.StorySeniors.GAO_FENGYING_UID;
import static cn.laorenjia.fixtures.sample.StorySeniors.LIU_DEMING_UID;
import static cn.laorenjia.fixtures.sample.StorySeniors.LI_YULAN_UID;
import static cn.laorenjia.fixtures.sample.StorySeniors.SUN_JIANGUO_ID;
import static cn.laorenjia.fixtures.sample.StorySeniors.WANG_CHANGSHUN_UID;
import static cn.laorenjia.fixtures.sample.StorySeniors.YANG_SHULIN_SOCIAL_SECURITY;
import static cn.laorenjia.fixtures.sample.StorySeniors.ZHANG_SHUZHEN_UID;
import static cn.laorenjia.fixtures.sample.StorySeniors.ZHOU_XIURONG_UID;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A terminal's day at the counter over HTTP: authorise, retry, void, and every refusal with its code. */
@QuarkusTest
class MealApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    private String terminal;
    private String otherCanteensTerminal;

    @BeforeEach
    void registerTwoCanteens() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        otherCanteensTerminal = TestApi.registerCanteen("宝平街道").getString("terminalSecrets[0].authorization");
    }

    @Test
    void aSaleIsAuthorisedOnceRetriedIdenticallyVoidedAndTheQuotaComesBack() {
        String saleId = UUID.randomUUID().toString();
        Map<String, Object> sale = sale(saleId, card("UID", ZHANG_SHUZHEN_UID), "L-STD", 1500, now());

        JsonPath first = post(terminal, sale).statusCode(200)
                .body("status", equalTo("SUBSIDISED"))
                .body("priceFen", equalTo(1500)).body("discountFen", equalTo(300))
                .body("amountToPayFen", equalTo(1200)).body("operatingSubsidyFen", equalTo(200))
                .body("amountToPay", equalTo("12.00"))
                .body("remainingToday", equalTo(0))
                .body("senior.nameMasked", equalTo("张*珍"))
                .body("senior.idNumberMasked", equalTo("120224********1223"))
                // whether she qualifies, never by which route (a route names 低保, 特困, a disability)
                .body("senior.eligible", equalTo(true)).body("senior.eligibilityZh", equalTo("符合助餐条件"))
                .body("senior", not(hasKey("routes")))
                .body("ruleVersion", containsString("2024"))
                .body("announcementZh", containsString("减免3元"))
                .extract().jsonPath();
        long entriesAfterFirst = count("select count(*) from meal_entry");

        // the network dropped the answer: the terminal sends the same sale again
        JsonPath retry = post(terminal, sale).statusCode(200).extract().jsonPath();
        assertEquals(first.getMap(""), retry.getMap(""));
        assertEquals(entriesAfterFirst, count("select count(*) from meal_entry"));

        // the same id with another body is a different sale: refused
        Map<String, Object> tampered = new HashMap<>(sale);
        tampered.put("mealSetCode", "L-SML");
        tampered.put("priceFen", 1050);
        post(terminal, tampered).statusCode(409).body("code", equalTo("DUPLICATE_ID_DIFFERENT_BODY"));

        // a second subsidised meal the same day, at another canteen: the quota is across all canteens
        post(otherCanteensTerminal, sale(UUID.randomUUID().toString(), card("UID", ZHANG_SHUZHEN_UID), "L-STD", 1500, now()))
                .statusCode(422).body("code", equalTo("QUOTA_USED_TODAY"))
                .body("message", containsString("按原价收费"))
                .body("details.reasons.code", hasItem("DAILY_QUOTA_EXHAUSTED"));

        TestApi.asTerminal(terminal).queryParam("cardKind", "UID").queryParam("identifier", ZHANG_SHUZHEN_UID)
                .get("/api/meals/quota").then().statusCode(200)
                .body("usedToday", equalTo(1)).body("remainingToday", equalTo(0));

        // another canteen cannot void this canteen's sale
        Map<String, Object> voidBody = Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", now(),
                "reason", "选错套餐");
        TestApi.asTerminal(otherCanteensTerminal).body(voidBody).post("/api/meals/" + saleId + "/void")
                .then().statusCode(403).body("code", equalTo("TERMINAL_NOT_OF_THIS_CANTEEN"));

        JsonPath voided = TestApi.asTerminal(terminal).body(voidBody).post("/api/meals/" + saleId + "/void")
                .then().statusCode(200).body("status", equalTo("VOIDED")).body("refundFen", equalTo(1200))
                .body("remainingToday", equalTo(1)).extract().jsonPath();
        JsonPath voidedAgain = TestApi.asTerminal(terminal).body(voidBody).post("/api/meals/" + saleId + "/void")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(voided.getMap(""), voidedAgain.getMap(""));
        TestApi.asTerminal(terminal).body(Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", now()))
                .post("/api/meals/" + saleId + "/void").then().statusCode(409).body("code", equalTo("SALE_ALREADY_VOIDED"));

        assertEquals(-1200, count("select paid_fen from meal_entry where reverses_entry_id = '" + saleId + "'"));
        // the quota came back: she can have her lunch after all
        post(terminal, sale(UUID.randomUUID().toString(), card("UID", ZHANG_SHUZHEN_UID), "L-STD", 1500, now()))
                .statusCode(200).body("remainingToday", equalTo(0));
    }

    @Test
    void aForgottenCardIsLookedUpByIdNumberWithAReason() {
        String saleId = UUID.randomUUID().toString();
        post(terminal, sale(saleId, Map.of("method", "MANUAL", "idNumber", SUN_JIANGUO_ID, "reason", "CARD_FORGOTTEN"),
                "L-STD", 1500, now()))
                .statusCode(200).body("senior.eligible", equalTo(true))
                .body("senior.eligibilityZh", equalTo("符合助餐条件")).body("senior", not(hasKey("routes")));
        assertEquals(1, count("select count(*) from meal_entry where entry_id = '" + saleId
                + "' and identified_by = 'MANUAL' and manual_reason = 'CARD_FORGOTTEN'"));
    }

    @Test
    void theSixthMealOfAWeekIsRefused() {
        LocalDate monday = ChinaCalendar.weekOf(ChinaCalendar.mealDate(clock.instant())).monday().minusWeeks(30);
        for (int day = 0; day < 5; day++) {
            post(terminal, sale(UUID.randomUUID().toString(), card("UID", WANG_CHANGSHUN_UID), "L-STD", 1500,
                    lunch(monday.plusDays(day)))).statusCode(200).body("remainingThisWeek", equalTo(4 - day));
        }
        post(terminal, sale(UUID.randomUUID().toString(), card("UID", WANG_CHANGSHUN_UID), "L-STD", 1500,
                lunch(monday.plusDays(5)))).statusCode(422).body("code", equalTo("QUOTA_USED_THIS_WEEK"));
        // the next Monday is a new natural week
        post(terminal, sale(UUID.randomUUID().toString(), card("UID", WANG_CHANGSHUN_UID), "L-STD", 1500,
                lunch(monday.plusDays(7)))).statusCode(200).body("remainingThisWeek", equalTo(4));
    }

    @Test
    void everyRefusalHasItsCodeAndChangesNothing() {
        long entries = count("select count(*) from meal_entry");
        long quota = count("select coalesce(sum(used), 0) from quota_day");

        refused(card("UID", "04FFFFFFFFFFFF"), "L-STD", 1500, now(), 404, "UNKNOWN_CARD");
        refused(card("UID", LI_YULAN_UID), "L-STD", 1500, now(), 422, "NOT_ELIGIBLE")
                .body("details.reasons.code", hasItem("DECEASED"));
        refused(card("UID", ZHOU_XIURONG_UID), "L-STD", 1500, now(), 422, "NOT_ELIGIBLE")
                .body("details.reasons.code", hasItem("NO_ROUTE"))
                // why no route applies would name the senior's circumstances: not at the counter
                .body("details.reasons.code", not(hasItem("NOT_LOCAL"))).body("details.reasons", everyItem(not(hasKey("route"))));
        refused(card("UID", GAO_FENGYING_UID), "L-STD", 1500, now(), 422, "NOT_ELIGIBLE")
                .body("details.reasons.code", contains("NO_ROUTE"));
        refused(card("SOCIAL_SECURITY", YANG_SHULIN_SOCIAL_SECURITY), "L-STD", 1500, now(), 422, "NOT_ENROLLED");
        refused(card("UID", LIU_DEMING_UID), "L-SML", 1050, now(), 422, "BELOW_STANDARD_PRICE");
        refused(card("UID", LIU_DEMING_UID), "L-STD", 1300, now(), 409, "PRICE_CHANGED");
        refused(card("UID", LIU_DEMING_UID), "NO-SUCH-SET", 1500, now(), 404, "UNKNOWN_MEAL_SET");
        refused(card("UID", LIU_DEMING_UID), "L-STD", 1500,
                OffsetDateTime.now(clock).plusDays(1000).toString(), 400, "TIMESTAMP_OUT_OF_RANGE");
        refused(Map.of("method", "MANUAL", "idNumber", "120224193804121224", "reason", "CARD_FORGOTTEN"),
                "L-STD", 1500, now(), 400, "INVALID_ID_NUMBER");
        refused(Map.of("method", "MANUAL", "idNumber", SUN_JIANGUO_ID), "L-STD", 1500, now(), 400, "INVALID_REQUEST");
        refused(Map.of("method", "TELEPATHY"), "L-STD", 1500, now(), 400, "INVALID_REQUEST");

        TestApi.asTerminal(terminal).body("{\"saleId\": \"not-a-uuid\", ").post("/api/meals")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        TestApi.asTerminal(terminal).body("{\"saleId\": \"" + UUID.randomUUID() + "\", \"priceFen\": -5}").post("/api/meals")
                .then().statusCode(400);
        TestApi.asTerminal(terminal).body("{\"padding\": \"" + "x".repeat(100_000) + "\"}").post("/api/meals")
                .then().statusCode(413).body("code", equalTo("REQUEST_TOO_LARGE"));
        given().contentType(ContentType.JSON).body(sale(UUID.randomUUID().toString(), card("UID", LIU_DEMING_UID),
                "L-STD", 1500, now())).post("/api/meals").then().statusCode(401);
        TestApi.as(TestApi.ADMIN).body(sale(UUID.randomUUID().toString(), card("UID", LIU_DEMING_UID),
                "L-STD", 1500, now())).post("/api/meals").then().statusCode(403);

        assertEquals(entries, count("select count(*) from meal_entry"));
        assertEquals(quota, count("select coalesce(sum(used), 0) from quota_day"));
    }

    private ValidatableResponse refused(Map<String, Object> identification, String set, long priceFen, String at,
                                        int status, String code) {
        return post(terminal, sale(UUID.randomUUID().toString(), identification, set, priceFen, at))
                .statusCode(status).body("code", equalTo(code))
                .body("message", org.hamcrest.Matchers.matchesPattern(".*\\p{IsHan}.*"));
    }

    private static ValidatableResponse post(String terminal, Map<String, Object> body) {
        return TestApi.asTerminal(terminal).body(body).post("/api/meals").then();
    }

    private static Map<String, Object> sale(String saleId, Map<String, Object> identification, String set, long priceFen,
                                            String occurredAt) {
        return Map.of("saleId", saleId, "occurredAt", occurredAt, "identification", identification,
                "mealSetCode", set, "priceFen", priceFen);
    }

    private static Map<String, Object> card(String kind, String identifier) {
        return Map.of("method", "CARD", "cardKind", kind, "identifier", identifier);
    }

    private String now() {
        return OffsetDateTime.now(clock).toString();
    }

    /** Lunch on that day, sold then: the clock moves there (a live sale is within ten minutes of the server's clock). */
    private String lunch(LocalDate date) {
        clock.lunchOn(date);
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.ofHours(8)).toString();
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
