package cn.laorenjia.settlement.hostile;

import cn.laorenjia.settlement.security.TestApi;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Codes, card identifiers, phone numbers and names are checked where they enter (issue 15): the register API and a
 * counter refuse each value not of its form with a stable code, the field, and a Chinese message that does not repeat
 * the value, and write nothing (register rows, cards, audit entries, ledger). Each test first shows that the same
 * request with a good value is accepted, so the refusals are for the bad value only.
 */
@QuarkusTest
class EntryValidationApiTest {

    private static final String HAN = ".*\\p{IsHan}.*";
    private static final String XSS = "<img src=x onerror=alert(1)>";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    private String terminal;
    private String uid;
    private long seniorId;

    @BeforeEach
    void aCanteenAndASenior() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        uid = TestApi.newUid();
        seniorId = as(ADMIN).body(senior(TestApi.idNumber(1936, true), "13800001111",
                        List.of(Map.of("kind", "UID", "identifier", uid, "issuedOn", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aCanteenWithABadCodeOrNameIsRefusedAndNothingIsWritten() {
        // control: a valid canteen, whose name may well look like markup or a formula (it is shown as text)
        as(ADMIN).body(canteen(TestApi.unique("EV"), XSS, "L-STD", TestApi.unique("EV") + "-T1", "1号收银台")).post("/api/register/canteens")
                .then().statusCode(201).body("canteen.name", equalTo(XSS));
        long[] before = state();
        for (String code : List.of(XSS, "bd-hb-01", "BD HB 01", "ＢＤ-ＨＢ-０１", "BD-HB-０1", "BD_HB", "-BD", "BD;DROP", "\u202EBD")) {
            refused(as(ADMIN).body(canteen(code, "测试食堂", "L-STD", TestApi.unique("EV") + "-T1", "1号收银台"))
                    .post("/api/register/canteens").then(), "INVALID_CODE", "canteenCode", "食堂编码");
            refused(as(ADMIN).body(canteen(TestApi.unique("EV"), "测试食堂", code, TestApi.unique("EV") + "-T1", "1号收银台"))
                    .post("/api/register/canteens").then(), "INVALID_CODE", "mealSetCode", "套餐编码");
            refused(as(ADMIN).body(canteen(TestApi.unique("EV"), "测试食堂", "L-STD", code, "1号收银台"))
                    .post("/api/register/canteens").then(), "INVALID_CODE", "terminalCode", "终端编码");
        }
        // names: any visible text, but no control or bidi characters, and not too long
        for (String name : List.of("测试\u202E食堂", "测试\u0000食堂", "测试\n食堂", "测试\u200B食堂", "食".repeat(101), " ")) {
            refused(as(ADMIN).body(canteen(TestApi.unique("EV"), name, "L-STD", TestApi.unique("EV") + "-T1", "1号收银台"))
                    .post("/api/register/canteens").then(), "INVALID_NAME", "name", "食堂名称");
            if (!name.isBlank()) {
                refused(as(ADMIN).body(canteen(TestApi.unique("EV"), "测试食堂", "L-STD", TestApi.unique("EV") + "-T1", name))
                        .post("/api/register/canteens").then(), "INVALID_NAME", "terminalName", "终端名称");
            }
        }
        Map<String, Object> badPlace = canteen(TestApi.unique("EV"), "测试食堂", "L-STD", TestApi.unique("EV") + "-T1", "1号收银台");
        badPlace.put("subdistrict", "海滨\u2066街道");
        refused(as(ADMIN).body(badPlace).post("/api/register/canteens").then(), "INVALID_NAME", "subdistrict", "街镇");
        // the jurisdiction names the policy its sales are decided by: one the catalogue does not know is refused
        for (String jurisdiction : List.of("nowhere", XSS, "TIANJIN")) {
            Map<String, Object> body = canteen(TestApi.unique("EV"), "测试食堂", "L-STD", TestApi.unique("EV") + "-T1", "1号收银台");
            body.put("jurisdiction", jurisdiction);
            as(ADMIN).body(body).post("/api/register/canteens").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                    .body("details.field", equalTo("jurisdiction")).body("message", containsString("tianjin"));
        }
        assertArrayEquals(before, state());
    }

    @Test
    void aTerminalAddedWithABadCodeIsRefusedAndNoSecretIsIssued() {
        JsonPath registered = TestApi.registerCanteen("海滨街道");
        String canteenCode = registered.getString("canteen.code");
        as(ADMIN).body(Map.of("code", canteenCode + "-T2", "name", "2号收银台"))
                .post("/api/register/canteens/{code}/terminals", canteenCode).then().statusCode(201);
        long[] before = state();
        long secrets = count("select count(*) from terminal_credential");
        for (String code : List.of(XSS, canteenCode.toLowerCase() + "-t3", canteenCode + " T3", canteenCode + "-Ｔ3",
                canteenCode + ":T3", "")) {
            refused(as(ADMIN).body(Map.of("code", code, "name", "3号收银台"))
                    .post("/api/register/canteens/{code}/terminals", canteenCode).then(), "INVALID_CODE", "terminalCode", "终端编码");
        }
        assertArrayEquals(before, state());
        assertEquals(secrets, count("select count(*) from terminal_credential"));
    }

    @Test
    void aSeniorWithABadPhoneOrCardIsRefusedAndNothingIsWritten() {
        // control: the phone is optional, and a landline with its area code is a phone too
        as(ADMIN).body(senior(TestApi.newIdNumber(false), null, List.of())).post("/api/register/seniors").then().statusCode(201);
        as(ADMIN).body(senior(TestApi.newIdNumber(false), "022-29241234", List.of())).post("/api/register/seniors").then().statusCode(201);
        long[] before = state();
        for (String phone : List.of(XSS, "１３８０００００１１１", "138 0000 1111", "+8613800001111", "12800001111",
                "1380000111", "022-2924", "13800001111;", "13800001111\u202E")) {
            refused(as(ADMIN).body(senior(TestApi.newIdNumber(true), phone, List.of())).post("/api/register/seniors").then(),
                    "INVALID_PHONE_NUMBER", "phone", "手机号");
        }
        for (Map<String, Object> card : badCards()) {
            refused(as(ADMIN).body(senior(TestApi.newIdNumber(true), "13800001111", List.of(card))).post("/api/register/seniors")
                    .then(), "INVALID_CARD_IDENTIFIER", "cardIdentifier", "");
        }
        // a senior's name is letters (PersonName): a bidi override or markup is no one's name
        for (String name : List.of("张\u202E三", XSS)) {
            Map<String, Object> body = senior(TestApi.newIdNumber(true), null, List.of());
            body.put("name", name);
            as(ADMIN).body(body).post("/api/register/seniors").then().statusCode(400)
                    .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
        }
        assertArrayEquals(before, state());
    }

    @Test
    void aCardIssuedWithABadIdentifierIsRefusedAndNothingIsWritten() {
        // control: an identifier in lower case is the same card, kept in upper case as readers give it
        String fresh = TestApi.newUid();
        as(ADMIN).body(Map.of("kind", "UID", "identifier", fresh.toLowerCase())).post("/api/register/seniors/{id}/cards", seniorId)
                .then().statusCode(201);
        assertEquals(1, count("select count(*) from card where identifier = '" + fresh + "'"));
        as(ADMIN).body(Map.of("kind", "SOCIAL_SECURITY", "identifier", "TS" + fresh.substring(7)))
                .post("/api/register/seniors/{id}/cards", seniorId).then().statusCode(201);
        long[] before = state();
        for (Map<String, Object> card : badCards()) {
            refused(as(ADMIN).body(card).post("/api/register/seniors/{id}/cards", seniorId).then(),
                    "INVALID_CARD_IDENTIFIER", "cardIdentifier", "");
        }
        assertArrayEquals(before, state());
    }

    @Test
    void aCounterSendingABadCardIdentifierIsRefusedAndNothingIsRecorded() {
        // control: the registered card, even in lower case, identifies the senior
        asTerminal(terminal).body(Map.of("identification", card(uid.toLowerCase()), "mealSetCode", "L-STD"))
                .post("/api/counter/preview").then().statusCode(200);
        long[] before = state();
        for (String identifier : List.of(XSS, "０４" + uid.substring(2), uid + " 00", uid.substring(0, 13), uid + "0",
                uid.substring(0, 13) + "G", "04A1B2C3D4E5F6' --", "08123456")) {
            refused(asTerminal(terminal).body(sale(card(identifier))).post("/api/meals").then(),
                    "INVALID_CARD_IDENTIFIER", "cardIdentifier", "十六进制");
            refused(asTerminal(terminal).body(Map.of("identification", card(identifier), "mealSetCode", "L-STD"))
                    .post("/api/counter/preview").then(), "INVALID_CARD_IDENTIFIER", "cardIdentifier", "十六进制");
            refused(asTerminal(terminal).queryParam("cardKind", "UID").queryParam("identifier", identifier).get("/api/meals/quota")
                    .then(), "INVALID_CARD_IDENTIFIER", "cardIdentifier", "十六进制");
            // offline: the whole batch is refused, the good sale beside the bad one included
            Map<String, Object> good = sale(card(uid));
            good.put("granted", true);
            Map<String, Object> bad = sale(card(identifier));
            bad.put("granted", true);
            refused(asTerminal(terminal).body(Map.of("sales", List.of(good, bad))).post("/api/meals/offline").then(),
                    "INVALID_CARD_IDENTIFIER", "cardIdentifier", "十六进制");
        }
        refused(asTerminal(terminal).body(sale(Map.of("method", "CARD", "cardKind", "SOCIAL_SECURITY", "identifier", XSS)))
                .post("/api/meals").then(), "INVALID_CARD_IDENTIFIER", "cardIdentifier", "社保卡");
        assertArrayEquals(before, state());
        assertEquals(before[0], count("select count(*) from meal_entry"));
        // and the good card still buys its meal
        asTerminal(terminal).body(sale(card(uid))).post("/api/meals").then().statusCode(200).body("status", equalTo("SUBSIDISED"));
    }

    private static List<Map<String, Object>> badCards() {
        List<Map<String, Object>> cards = new ArrayList<>();
        for (String uid : List.of(XSS, "04A1B2C3D4E5F", "04A1 B2C3D4E5F6", "０４A1B2C3D4E5F6", "08A1B2C3", "04A1B2C3D4E5FZ")) {
            cards.add(Map.of("kind", "UID", "identifier", uid, "issuedOn", "2024-03-01"));
        }
        for (String number : List.of(XSS, "TJ202400", "TJ 2024001", "ＴＪ2024001")) {
            cards.add(Map.of("kind", "SOCIAL_SECURITY", "identifier", number, "issuedOn", "2024-03-01"));
        }
        for (String printed : List.of(XSS, "BDQR7K3M9P2Q4R6", "BDQR-7K3M9P2Q4R6T", "BDQRIK3M9P2Q4R6T")) {
            cards.add(Map.of("kind", "PRINTED_QR", "identifier", printed, "issuedOn", "2024-03-01"));
        }
        return cards;
    }

    private static void refused(io.restassured.response.ValidatableResponse answer, String code, String field, String messagePart) {
        answer.statusCode(400).body("code", equalTo(code)).body("message", matchesPattern(HAN))
                .body("message", containsString(messagePart)).body("message", not(containsString("<")))
                .body("details.field", equalTo(field));
    }

    private static Map<String, Object> canteen(String code, String name, String setCode, String terminalCode, String terminalName) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", name, "jurisdiction", "tianjin",
                "district", "宝坻区", "subdistrict", "海滨街道", "address", "测试路9号", "standardSetPriceFen", 1500,
                "menu", List.of(Map.of("code", setCode, "name", "标准午餐套餐", "slot", "LUNCH", "priceFen", 1500)),
                "terminals", List.of(Map.of("code", terminalCode, "name", terminalName))));
        return body;
    }

    private static Map<String, Object> senior(String idNumber, String phone, List<Map<String, Object>> cards) {
        Map<String, Object> body = new HashMap<>(Map.of("idNumber", idNumber, "name", "郑寿康", "district", "宝坻区",
                "subdistrict", "海滨街道", "cards", cards,
                "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1930-01-01"),
                        Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01"))));
        if (phone != null) {
            body.put("phone", phone);
        }
        return body;
    }

    private static Map<String, Object> card(String identifier) {
        return Map.of("method", "CARD", "cardKind", "UID", "identifier", identifier);
    }

    private Map<String, Object> sale(Map<String, Object> identification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("saleId", UUID.randomUUID().toString());
        body.put("occurredAt", OffsetDateTime.now(clock).toString());
        body.put("identification", identification);
        body.put("mealSetCode", "L-STD");
        body.put("priceFen", 1500);
        return body;
    }

    private long[] state() {
        return new long[]{count("select count(*) from meal_entry"), count("select count(*) from canteen"),
                count("select count(*) from terminal"), count("select count(*) from meal_set"),
                count("select count(*) from senior"), count("select count(*) from senior_fact"),
                count("select count(*) from card"), count("select count(*) from audit_event"),
                count("select coalesce(sum(used), 0) from quota_day")};
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
