package cn.laorenjia.settlement.hostile;

import cn.laorenjia.settlement.security.TestApi;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and absurd input against the running service on its real database: every request below is refused
 * with a stable code and a Chinese message, and afterwards the ledger, the quota counters and the register are
 * exactly as before. The control request at the start of each test shows the same body, made valid, is
 * accepted: the refusals are for the hostile part, not for something else.
 */
@QuarkusTest
class HostileInputApiTest {

    private static final String HAN = ".*\\p{IsHan}.*";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    private String terminal;
    private String uid;
    private String idNumber;

    @BeforeEach
    void aCanteenAndAnEligibleSenior() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        uid = TestApi.newUid();
        idNumber = TestApi.idNumber(1936, true);
        as(ADMIN).body(Map.of("idNumber", idNumber, "name", "郑寿康", "district", "宝坻区", "subdistrict", "海滨街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1930-01-01"),
                                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")),
                        "cards", List.of(Map.of("kind", "UID", "identifier", uid, "issuedOn", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201);
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        long[] before = state();
        String padding = "x".repeat(70_000);
        asTerminal(terminal).body(sale(UUID.randomUUID(), card(uid), "L-STD", 1500, now())
                        .replace("\"L-STD\"", "\"L-STD\",\"note\":\"" + padding + "\""))
                .post("/api/meals").then().statusCode(413)
                .body("code", equalTo("REQUEST_TOO_LARGE")).body("message", matchesPattern(HAN))
                .body("details.maxBytes", equalTo(65536));
        // sent chunked (no Content-Length), a body cannot be judged before it is read: refused up front, large or small
        for (String body : List.of("{\"note\":\"" + padding + "\"}", sale(UUID.randomUUID(), card(uid), "L-STD", 1500, now()))) {
            String[] answer = chunked("/api/meals", terminal, body);
            assertTrue(answer[0].startsWith("HTTP/1.1 411"), answer[0]);
            var error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer[1]);
            assertEquals("LENGTH_REQUIRED", error.path("code").asText(), answer[1]);
            assertTrue(error.path("message").asText().matches(HAN), answer[1]);
        }
        assertArrayEquals(before, state());
    }

    @Test
    void deeplyNestedJsonIsMalformedNotAServerError() throws Exception {
        long[] before = state();
        // 100,000 nested arrays are 200 KB: over the size limit before any parser sees them
        assertError(post("/api/meals", terminal, "[".repeat(100_000) + "]".repeat(100_000)), 413, "REQUEST_TOO_LARGE");
        // 30,000 (60 KB, under the limit) reach Jackson, whose nesting limit (1,000) refuses them.
        // (Sent without RestAssured, whose failure log would pretty-print them into gigabytes.)
        for (String nested : List.of("[".repeat(30_000) + "]".repeat(30_000),
                "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                "{\"saleId\":\"" + UUID.randomUUID() + "\",\"identification\":" + "[".repeat(30_000))) {
            assertError(post("/api/meals", terminal, nested), 400, "MALFORMED_REQUEST");
            assertError(post("/api/counter/preview", terminal, nested), 400, "MALFORMED_REQUEST");
            assertError(post("/api/register/seniors", adminAuthorization(), nested), 400, "MALFORMED_REQUEST");
        }
        assertArrayEquals(before, state());
        // the service still works
        asTerminal(terminal).body(Map.of("identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                "mealSetCode", "L-STD")).post("/api/counter/preview").then().statusCode(200);
    }

    @Test
    void sqlInjectionInNamesAndCardIdentifiersIsRefusedAndElsewhereIsJustAnUnknownValue() {
        long[] before = state();
        as(ADMIN).body(Map.of("idNumber", TestApi.newIdNumber(false), "name", "Robert'); DROP TABLE senior;--",
                        "district", "宝坻区", "subdistrict", "海滨街道", "facts", List.of()))
                .post("/api/register/seniors").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN))
                .body("message", containsString("name"));
        for (String injection : List.of("' OR '1'='1", "x'; DROP TABLE meal_entry;--", "04A1B2C3D4E5F6' --",
                "1; UPDATE quota_day SET used = 0")) {
            // a card identifier has its kind's form (issue 15): refused before the register is asked
            refuseSale(sale(UUID.randomUUID(), card(injection), "L-STD", 1500, now()), 400, "INVALID_CARD_IDENTIFIER");
            asTerminal(terminal).body(Map.of("identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", injection),
                    "mealSetCode", "L-STD")).post("/api/counter/preview").then().statusCode(400)
                    .body("code", equalTo("INVALID_CARD_IDENTIFIER")).body("message", matchesPattern(HAN));
            asTerminal(terminal).queryParam("cardKind", "UID").queryParam("identifier", injection).get("/api/meals/quota")
                    .then().statusCode(400).body("code", equalTo("INVALID_CARD_IDENTIFIER"));
            refuseSale(sale(UUID.randomUUID(), Map.of("method", "MANUAL", "idNumber", injection, "reason", "CARD_FORGOTTEN"),
                    "L-STD", 1500, now()), 400, "INVALID_ID_NUMBER");
            refuseSale(sale(UUID.randomUUID(), card(uid), injection, 1500, now()), 404, "UNKNOWN_MEAL_SET");
            as(ADMIN).get("/api/register/canteens/{code}", injection)
                    .then().statusCode(404).body("message", matchesPattern(HAN));
        }
        assertArrayEquals(before, state());
        assertTrue(count("select count(*) from senior") > 0, "the senior table is still there");
    }

    @Test
    void negativeZeroAbsurdAndFractionalPricesAreRefused() {
        long[] before = state();
        refuseSale(sale(UUID.randomUUID(), card(uid), "L-STD", -1500, now()), 400, "INVALID_REQUEST");
        refuseSale(sale(UUID.randomUUID(), card(uid), "L-STD", 0, now()), 409, "PRICE_CHANGED")
                .body("message", containsString("15.00元"));
        refuseSale(sale(UUID.randomUUID(), card(uid), "L-STD", Long.MAX_VALUE, now()), 400, "INVALID_REQUEST");
        refuseSale(sale(UUID.randomUUID(), card(uid), "L-STD", 1_000_001, now()), 400, "INVALID_REQUEST");
        // a fraction of a fen is not rounded into a price that happens to match
        for (String price : List.of("1500.5", "1500.0", "1.5e3", "15e2", "1e400", "-0.0", "\"1500元\"", "[1500]", "{}")) {
            String body = sale(UUID.randomUUID(), card(uid), "L-STD", 1500, now()).replace("\"priceFen\":1500", "\"priceFen\":" + price);
            refuseSale(body, 400, "MALFORMED_REQUEST").body("details.field", equalTo("priceFen"));
        }
        refuseSale(sale(UUID.randomUUID(), card(uid), "L-STD", 1500, now()).replace("\"priceFen\":1500", "\"priceFen\":NaN"),
                400, "MALFORMED_REQUEST");
        // the register refuses the same for menus
        for (String price : List.of("-1", "12.5", "9223372036854775808", "1e3")) {
            as(ADMIN).body("""
                    {"code":"%s","name":"价格测试食堂","jurisdiction":"tianjin","district":"宝坻区","subdistrict":"海滨街道",
                     "address":"测试路2号","standardSetPriceFen":1500,
                     "menu":[{"code":"L","name":"午餐","slot":"LUNCH","priceFen":%s}]}""".formatted(TestApi.unique("PRC"), price))
                    .post("/api/register/canteens").then().statusCode(400)
                    .body("code", matchesPattern("INVALID_REQUEST|MALFORMED_REQUEST")).body("message", matchesPattern(HAN));
        }
        assertArrayEquals(before, state());
        // control: the menu's price is accepted
        asTerminal(terminal).body(sale(UUID.randomUUID(), card(uid), "L-STD", 1500, now())).post("/api/meals").then()
                .statusCode(200).body("priceFen", equalTo(1500));
        assertEquals(before[0] + 1, state()[0]);
    }

    @Test
    void instantsFarInThePastOrFutureAreOutOfRange() {
        long[] before = state();
        for (String at : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59+08:00", "1970-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z")) {
            refuseSale(sale(UUID.randomUUID(), card(uid), "L-STD", 1500, at), 400, "TIMESTAMP_OUT_OF_RANGE")
                    .body("message", containsString("时钟"));
        }
        for (String at : List.of("2026-02-30T12:00:00+08:00", "yesterday", "2026-11-23T25:00:00Z", "2026-11-23")) {
            refuseSale(sale(UUID.randomUUID(), card(uid), "L-STD", 1500, at), 400, "MALFORMED_REQUEST|INVALID_REQUEST");
        }
        // a void with a far instant, of a sale that exists
        String saleId = UUID.randomUUID().toString();
        asTerminal(terminal).body(sale(UUID.fromString(saleId), card(uid), "L-STD", 1500, now())).post("/api/meals")
                .then().statusCode(200);
        long[] afterSale = state();
        asTerminal(terminal).body(Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", "9999-12-31T23:59:59Z"))
                .post("/api/meals/" + saleId + "/void").then().statusCode(400)
                .body("code", equalTo("TIMESTAMP_OUT_OF_RANGE")).body("message", matchesPattern(HAN));
        assertArrayEquals(afterSale, state());
        assertEquals(before[0] + 1, afterSale[0], "only the control sale was recorded");
    }

    @Test
    void saleIdsThatAreNotUuidsAreRefused() {
        long[] before = state();
        for (String id : List.of("not-a-uuid", "", "12345", "' OR 1=1 --", "00000000-0000-0000-0000-00000000000G")) {
            refuseSale(sale(null, card(uid), "L-STD", 1500, now()).replace("\"saleId\":null", "\"saleId\":\"" + id + "\""),
                    400, "MALFORMED_REQUEST|INVALID_REQUEST");
        }
        refuseSale(sale(null, card(uid), "L-STD", 1500, now()), 400, "INVALID_REQUEST");
        // a sale id in the path that is not a UUID: the request is wrong (400), not the resource missing (404)
        for (String path : List.of("not-a-uuid", "' OR 1=1 --", "1", "6f1c2a3b-8d4e-4f5a-9b6c-7d8e9f0a1b2c-0",
                "00000000-0000-0000-0000-00000000000G", "%00")) {
            asTerminal(terminal).body(Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", now()))
                    .post("/api/meals/{saleId}/void", path).then().statusCode(400)
                    .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN))
                    .body("message", containsString("UUID")).body("details.reason", matchesPattern(HAN))
                    .body(org.hamcrest.Matchers.not(containsString("Exception")));
        }
        // a well-formed id of no sale is still the ledger's 404
        asTerminal(terminal).body(Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", now()))
                .post("/api/meals/{saleId}/void", UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("UNKNOWN_SALE")).body("message", matchesPattern(HAN));
        asTerminal(terminal).body(Map.of("voidId", "x", "occurredAt", now()))
                .post("/api/meals/" + UUID.randomUUID() + "/void").then().statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST")).body("details.field", equalTo("voidId"));
        assertArrayEquals(before, state());
    }

    @Test
    void idsInThePathThatAreNotOfTheirTypeAreInvalidRequestsAndUnknownPathsStayNotFound() {
        long[] before = state();
        long seniorId = as(ADMIN).get("/api/register/seniors?q=" + idNumber).then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        for (String id : List.of("abc", "1.5", "9223372036854775808", "' OR 1=1 --", "-")) {
            as(ADMIN).get("/api/register/seniors/{id}", id).then().statusCode(400)
                    .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
            as(ADMIN).body(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "2024-01-01"))
                    .post("/api/register/seniors/{id}/facts", id).then().statusCode(400)
                    .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
            as(ADMIN).body(Map.of("status", "LOST")).post("/api/register/seniors/{id}/cards/{card}/revoke", seniorId, id)
                    .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
        }
        as(TestApi.FINANCE).get("/api/settlement/canteens/1/days/{day}/meals", "2026-02-30").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
        as(TestApi.FINANCE).get("/api/settlement/canteens/x/days/2026-11-23/meals").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        // a number of no senior, and a path that names no resource, are still 404
        as(ADMIN).get("/api/register/seniors/{id}", Long.MAX_VALUE).then().statusCode(404)
                .body("code", equalTo("UNKNOWN_SENIOR")).body("message", matchesPattern(HAN));
        as(ADMIN).get("/api/register/no-such-thing").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("message", matchesPattern(HAN));
        assertArrayEquals(before, state());
    }

    /**
     * A JSON value of the wrong type is refused as MALFORMED_REQUEST naming the field, never converted: Jackson
     * by default reads "1500" as 1500, "true" and 1 as true, 123 as "123", "" as absent and a number as a date.
     */
    @Test
    void scalarsOfTheWrongJsonTypeAreRefusedNotConverted() throws Exception {
        long[] before = state();
        String valid = sale(UUID.randomUUID(), card(uid), "L-STD", 1500, now());
        // on POST /api/meals, field by field
        Map<String, List<String>> wrong = new java.util.LinkedHashMap<>();
        wrong.put("priceFen", List.of("\"1500\"", "\"\"", "true", "\" 1500\""));
        wrong.put("mealSetCode", List.of("123", "1.5", "false"));
        wrong.put("saleId", List.of("\"\"", "12345", "true"));
        wrong.put("occurredAt", List.of(Long.toString(java.time.Instant.now(clock).getEpochSecond()), "1.7e9", "\"\"", "true"));
        for (var field : wrong.entrySet()) {
            for (String value : field.getValue()) {
                var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(valid);
                tree.put("saleId", UUID.randomUUID().toString());
                tree.set(field.getKey(), JSON.readTree(value));
                refuseSale(JSON.writeValueAsString(tree), 400, "MALFORMED_REQUEST").body("details.field", equalTo(field.getKey()));
            }
        }
        // inside the identification
        for (String identification : List.of("{\"method\":\"CARD\",\"cardKind\":\"UID\",\"identifier\":4711}",
                "{\"method\":true,\"cardKind\":\"UID\",\"identifier\":\"" + uid + "\"}",
                "{\"method\":\"MANUAL\",\"idNumber\":" + idNumber.substring(0, 17) + ",\"reason\":\"OTHER\"}")) {
            String body = valid.replaceFirst("\"identification\":\\{[^}]*}", "\"identification\":" + identification);
            refuseSale(body, 400, "MALFORMED_REQUEST").body("details.field", startsWith("identification."));
            asTerminal(terminal).body("{\"identification\":" + identification + ",\"mealSetCode\":\"L-STD\"}")
                    .post("/api/counter/preview").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"))
                    .body("message", matchesPattern(HAN)).body("details.field", startsWith("identification."));
        }
        // the offline sync: a sale's granted and priceFen
        for (String[] bad : new String[][]{{"granted", "\"true\""}, {"granted", "1"}, {"granted", "\"\""},
                {"priceFen", "\"1500\""}, {"mealSetCode", "7"}}) {
            var sale = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(sale(UUID.randomUUID(), card(uid), "L-STD", 1500, now()));
            sale.put("granted", true);
            sale.set(bad[0], JSON.readTree(bad[1]));
            asTerminal(terminal).body("{\"sales\":[" + JSON.writeValueAsString(sale) + "]}").post("/api/meals/offline").then()
                    .statusCode(400).body("code", equalTo("MALFORMED_REQUEST")).body("message", matchesPattern(HAN))
                    .body("details.field", equalTo("sales.[0]." + bad[0]));
        }
        // a void: its id, time and reason
        for (String voidBody : List.of("{\"voidId\":\"\",\"occurredAt\":\"" + now() + "\"}",
                "{\"voidId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":" + java.time.Instant.now(clock).getEpochSecond() + "}",
                "{\"voidId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + now() + "\",\"reason\":42}")) {
            asTerminal(terminal).body(voidBody).post("/api/meals/" + UUID.randomUUID() + "/void").then().statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST")).body("message", matchesPattern(HAN));
        }
        // the register: a price as text, a name as a number, a date as a number, a phone as a boolean
        String canteen = """
                {"code":%s,"name":"类型测试食堂","jurisdiction":"tianjin","district":"宝坻区","subdistrict":"海滨街道",
                 "address":"测试路4号","standardSetPriceFen":%s,"menu":[{"code":"L","name":"午餐","slot":"LUNCH","priceFen":%s}]}""";
        for (String[] prices : new String[][]{{"\"1500\"", "1500"}, {"1500", "\"1500\""}, {"1500", "\"\""}, {"true", "1500"}}) {
            as(ADMIN).body(canteen.formatted("\"" + TestApi.unique("TYP") + "\"", prices[0], prices[1])).post("/api/register/canteens")
                    .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST")).body("message", matchesPattern(HAN));
        }
        as(ADMIN).body(canteen.formatted(7, "1500", "1500")).post("/api/register/canteens").then().statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST")).body("details.field", equalTo("code"));
        long seniorId = as(ADMIN).get("/api/register/seniors?q=" + idNumber).then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        for (String senior : List.of(
                "{\"idNumber\":\"%s\",\"name\":12345,\"district\":\"宝坻区\",\"subdistrict\":\"海滨街道\"}",
                "{\"idNumber\":\"%s\",\"name\":\"王数\",\"phone\":true,\"district\":\"宝坻区\",\"subdistrict\":\"海滨街道\"}",
                "{\"idNumber\":\"%s\",\"name\":\"王数\",\"district\":\"宝坻区\",\"subdistrict\":\"海滨街道\","
                        + "\"facts\":[{\"kind\":\"LOCAL_HOUSEHOLD\",\"from\":19300101}]}")) {
            as(ADMIN).body(senior.formatted(TestApi.newIdNumber(true))).post("/api/register/seniors").then().statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST")).body("message", matchesPattern(HAN));
        }
        as(ADMIN).body("{\"kind\":\"LOCAL_HOUSEHOLD\",\"from\":20240101}").post("/api/register/seniors/" + seniorId + "/facts")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST")).body("details.field", equalTo("from"));
        as(ADMIN).body("{\"state\":\"APPROVED\",\"from\":\"\"}").post("/api/register/seniors/" + seniorId + "/enrolment")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST")).body("details.field", equalTo("from"));
        as(ADMIN).body("{\"kind\":\"UID\",\"identifier\":4711}").post("/api/register/seniors/" + seniorId + "/cards")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST")).body("details.field", equalTo("identifier"));
        assertArrayEquals(before, state());

        // control: the same sale with the right types is accepted, and only it is recorded
        asTerminal(terminal).body(valid).post("/api/meals").then().statusCode(200).body("status", equalTo("SUBSIDISED"))
                .body("priceFen", equalTo(1500));
        assertEquals(before[0] + 1, state()[0]);
    }

    @Test
    void unknownEnumValuesAreRefusedWithTheField() {
        long[] before = state();
        refuseSale(sale(UUID.randomUUID(), Map.of("method", "TELEPATHY"), "L-STD", 1500, now()), 400, "INVALID_REQUEST")
                .body("message", containsString("method"));
        refuseSale(sale(UUID.randomUUID(), Map.of("method", "CARD", "cardKind", "NFC", "identifier", uid), "L-STD", 1500, now()),
                400, "INVALID_REQUEST").body("message", containsString("cardKind"));
        refuseSale(sale(UUID.randomUUID(), Map.of("method", "card", "cardKind", "UID", "identifier", uid), "L-STD", 1500, now()),
                400, "INVALID_REQUEST");
        refuseSale(sale(UUID.randomUUID(), Map.of("method", "MANUAL", "idNumber", idNumber, "reason", "BORED"), "L-STD", 1500, now()),
                400, "INVALID_REQUEST").body("message", containsString("reason"));
        asTerminal(terminal).queryParam("cardKind", "MAGSTRIPE").queryParam("identifier", uid).get("/api/meals/quota")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
        long seniorId = as(ADMIN).get("/api/register/seniors?q=" + idNumber).then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        as(ADMIN).body(Map.of("kind", "WEALTHY", "from", "2024-01-01")).post("/api/register/seniors/" + seniorId + "/facts")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
        as(ADMIN).body(Map.of("state", "MAYBE", "from", "2024-01-01")).post("/api/register/seniors/" + seniorId + "/enrolment")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
        as(ADMIN).body(Map.of("status", "STOLEN")).post("/api/register/seniors/" + seniorId + "/cards/1/revoke")
                .then().statusCode(matchesStatus(400, 404)).body("message", matchesPattern(HAN));
        assertArrayEquals(before, state());
    }

    @Test
    void missingFieldsAndNullItemsAreRefusedNotServerErrors() throws Exception {
        long[] before = state();
        refuseSale(sale(UUID.randomUUID(), card(uid), "L-STD", 1500, null), 400, "INVALID_REQUEST")
                .body("message", containsString("occurredAt"));
        refuseSale(sale(UUID.randomUUID(), Map.of("method", "MANUAL", "reason", "CARD_FORGOTTEN"), "L-STD", 1500, now()),
                400, "INVALID_REQUEST").body("message", containsString("idNumber"));
        asTerminal(terminal).body("{\"identification\":{\"method\":\"MANUAL\",\"reason\":\"OTHER\"},\"mealSetCode\":\"L-STD\"}")
                .post("/api/counter/preview").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", matchesPattern(HAN));
        for (String voidBody : List.of("{\"occurredAt\":\"" + now() + "\"}", "{\"voidId\":\"" + UUID.randomUUID() + "\"}", "{}")) {
            asTerminal(terminal).body(voidBody).post("/api/meals/" + UUID.randomUUID() + "/void").then().statusCode(400)
                    .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
        }
        as(ADMIN).body("""
                {"code":"%s","name":"空项测试食堂","jurisdiction":"tianjin","district":"宝坻区","subdistrict":"海滨街道",
                 "address":"测试路3号","standardSetPriceFen":1500,"menu":[null],"terminals":[null]}""".formatted(TestApi.unique("NUL")))
                .post("/api/register/canteens").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", matchesPattern(HAN));
        as(ADMIN).body("{\"idNumber\":\"" + TestApi.newIdNumber(true) + "\",\"name\":\"王空\",\"district\":\"宝坻区\","
                        + "\"subdistrict\":\"海滨街道\",\"facts\":[null],\"cards\":[null]}")
                .post("/api/register/seniors").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", matchesPattern(HAN));
        assertArrayEquals(before, state());
    }

    @Test
    void aWrongContentTypeIsRefused() throws Exception {
        long[] before = state();
        String body = sale(UUID.randomUUID(), card(uid), "L-STD", 1500, now());
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            assertError(post("/api/meals", terminal, type, body), 415, "UNSUPPORTED_MEDIA_TYPE");
            assertError(post("/api/register/seniors", adminAuthorization(), type, "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        // bytes that are not UTF-8 text: leading NUL bytes make Jackson guess UTF-32 (a 500 until fuzzing found it)
        for (byte[] bytes : List.of(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, '{', 0, 0, 0, '{', '"', 's', '"', ':', '1', '}'},
                new byte[]{0, 0, (byte) 0xFE, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'})) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/meals"))
                    .header("Authorization", terminal).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            assertError(answer, 400, "MALFORMED_REQUEST");
        }
        // a key given twice (a bare 500 until fuzzing found it)
        String twice = "{\"identification\":" + "{\"method\":\"CARD\",\"cardKind\":\"UID\",\"identifier\":\"" + uid + "\"}"
                + ",\"mealSetCode\":\"L-STD\",\"identification\":{\"method\":\"QR\",\"token\":\"LRJ:0000\"}}";
        assertError(post("/api/counter/preview", terminal, twice), 400, "MALFORMED_REQUEST");
        assertError(post("/api/meals", terminal, body.replace("\"mealSetCode\":\"L-STD\"", "\"mealSetCode\":\"L-STD\",\"priceFen\":1")),
                400, "MALFORMED_REQUEST");
        // JSON that is not an object where one is expected
        for (String json : List.of("null", "[]", "\"sale\"", "42", "")) {
            asTerminal(terminal).body(json).post("/api/meals").then().statusCode(400)
                    .body("code", matchesPattern("MALFORMED_REQUEST|INVALID_REQUEST")).body("message", matchesPattern(HAN));
        }
        assertArrayEquals(before, state());
        // control: the same body as JSON is accepted
        asTerminal(terminal).body(body).post("/api/meals").then().statusCode(200).body("status", equalTo("SUBSIDISED"));
        assertEquals(before[0] + 1, state()[0]);
    }

    private ValidatableResponse refuseSale(String body, int status, String codePattern) {
        return asTerminal(terminal).body(body).post("/api/meals").then().statusCode(status)
                .body("code", matchesPattern(codePattern)).body("message", matchesPattern(HAN));
    }

    private static org.hamcrest.Matcher<Integer> matchesStatus(int a, int b) {
        return org.hamcrest.Matchers.anyOf(equalTo(a), equalTo(b));
    }

    private static String sale(UUID saleId, Map<String, Object> identification, String set, long priceFen, String at) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var body = new java.util.LinkedHashMap<String, Object>();
            body.put("saleId", saleId == null ? null : saleId.toString());
            body.put("occurredAt", at);
            body.put("identification", identification);
            body.put("mealSetCode", set);
            body.put("priceFen", priceFen);
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> card(String identifier) {
        return Map.of("method", "CARD", "cardKind", "UID", "identifier", identifier);
    }

    private String now() {
        return OffsetDateTime.now(clock).toString();
    }

    private static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }

    private static void assertError(HttpResponse<String> answer, int status, String code) throws Exception {
        String body = answer.body();
        String shown = body.length() > 500 ? body.substring(0, 500) + "…" : body;
        assertEquals(status, answer.statusCode(), shown);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), shown);
        var error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        assertEquals(code, error.path("code").asText(), shown);
        assertTrue(error.path("message").asText().matches(HAN), shown);
    }

    /**
     * A POST with a chunked body over a plain socket (HTTP clients differ in what they do when the server answers
     * before the body is sent): the status line and the response body.
     */
    private static String[] chunked(String path, String authorization, String body) throws Exception {
        URI uri = uri(path);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                out.write(("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: " + authorization
                        + "\r\nX-Requested-By: laorenjia\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedWhileSending) {
                // the server may answer and close before the whole body is sent: read its answer
            }
            // the answer's head, then as many bytes as it declares (whether the server closes is not the point)
            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
            assertTrue(length.find(), head.toString());
            byte[] answer = new byte[Integer.parseInt(length.group(1))];
            in.readFully(answer);
            return new String[]{head.substring(0, head.indexOf("\r\n")), new String(answer, StandardCharsets.UTF_8)};
        }
    }

    private static HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        return post(path, authorization, "application/json", body);
    }

    private static HttpResponse<String> post(String path, String authorization, String contentType, String body) throws Exception {
        // with the proof header a person's change needs (web.BrowserDefences): these tests are about the body
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
                .header("X-Requested-By", "laorenjia").header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String adminAuthorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN + "-password").getBytes(StandardCharsets.UTF_8));
    }

    private static void assertArrayEquals(long[] expected, long[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual,
                "ledger rows, quota used (day, week), seniors, facts, cards, canteens: before vs after");
    }

    /** What hostile input must not change: the ledger, the quota counters and the register. */
    private long[] state() {
        return new long[]{count("select count(*) from meal_entry"), count("select coalesce(sum(used), 0) from quota_day"),
                count("select coalesce(sum(used), 0) from quota_week"), count("select count(*) from senior"),
                count("select count(*) from senior_fact"), count("select count(*) from card"),
                count("select count(*) from canteen")};
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
