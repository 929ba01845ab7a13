package cn.laorenjia.settlement.register;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.SeniorFact;
import cn.laorenjia.settlement.security.TestApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.SUPERVISOR;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The administrators' register API, on the real database, as an administrator and as others see it. */
@QuarkusTest
class RegisterApiTest {

    @Inject
    Clock clock;

    private LocalDate today() {
        return ChinaCalendar.mealDate(clock.instant());
    }

    private static Map<String, Object> senior(String idNumber, String name, List<Map<String, Object>> cards) {
        return Map.of("idNumber", idNumber, "name", name, "phone", "13812345678", "district", "宝坻区",
                "subdistrict", "海滨街道",
                "facts", List.of(
                        Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                        Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")),
                "cards", cards);
    }

    private static Map<String, Object> uidCard(String identifier) {
        return Map.of("kind", "UID", "identifier", identifier, "issuedOn", "2024-03-01");
    }

    private static long[] counts() {
        return QuarkusTransaction.requiringNew().call(
                () -> new long[] {Senior.count(), SeniorFact.count(), Card.count()});
    }

    @Test
    void anAdministratorRegistersASeniorWithFactsAndACardThenFindsIt() {
        String id = TestApi.newIdNumber(true);
        String uid = TestApi.newUid();
        JsonPath created = as(ADMIN).body(senior(id, "张建华", List.of(uidCard(uid))))
                .post("/api/register/seniors").then().statusCode(201)
                .body("idNumber", equalTo(id))
                .body("name", equalTo("张建华"))
                .body("male", equalTo(true))
                .body("birthDate", equalTo(IdNumber.parse(id).birthDate().toString()))
                .body("enrolment", equalTo("APPROVED"))
                .body("enrolmentLabel", equalTo("已批准"))
                .body("deceased", equalTo(false))
                .body("facts", hasSize(2))
                .body("cards[0].identifier", equalTo(uid))
                .body("cards[0].status", equalTo("ACTIVE"))
                .extract().jsonPath();
        long seniorId = created.getLong("id");

        // in full only when asked for with a reason (the audit records it); masked otherwise, for administrators too
        as(ADMIN).queryParam("unmasked", true).queryParam("reason", "核对登记信息").get("/api/register/seniors?q=" + id)
                .then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) seniorId))
                .body("items[0].idNumber", equalTo(id)).body("items[0].name", equalTo("张建华"))
                .body("items[0].enrolment", equalTo("APPROVED"));
        // by masked ID number, as printed on a list
        as(ADMIN).get("/api/register/seniors?q=" + IdNumber.parse(id).masked()).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem((int) seniorId));
        // by name within a 街镇
        as(ADMIN).queryParam("subdistrict", "海滨街道").queryParam("q", "建华").get("/api/register/seniors")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem((int) seniorId));
        as(ADMIN).queryParam("unmasked", true).queryParam("reason", "核对登记信息").get("/api/register/seniors/" + seniorId)
                .then().statusCode(200).body("idNumber", equalTo(id));
        as(ADMIN).get("/api/register/seniors/" + seniorId).then().statusCode(200)
                .body("idNumber", equalTo(IdNumber.parse(id).masked()));
    }

    @Test
    void othersThanAdministratorsSeeTheIdNumberAndNameMasked() {
        String id = TestApi.newIdNumber(false);
        long seniorId = as(ADMIN).body(senior(id, "李秀华", List.of(uidCard(TestApi.newUid()))))
                .post("/api/register/seniors").then().statusCode(201).extract().jsonPath().getLong("id");
        String masked = IdNumber.parse(id).masked();

        for (String who : List.of(SUPERVISOR, FINANCE)) {
            as(who).get("/api/register/seniors?q=" + masked).then().statusCode(200)
                    .body("items.find { it.id == " + seniorId + " }.idNumber", equalTo(masked))
                    .body("items.find { it.id == " + seniorId + " }.name", equalTo("李*华"));
            as(who).get("/api/register/seniors/" + seniorId).then().statusCode(200)
                    .body("idNumber", equalTo(masked))
                    .body("name", equalTo("李*华"))
                    .body("birthDate", nullValue())
                    .body("phone", equalTo("*******5678"))
                    .body("cards[0].identifier", startsWith("*"));
        }
        // the masked name finds it too
        as(SUPERVISOR).get("/api/register/seniors?q=李*华").then().statusCode(200)
                .body("items.find { it.id == " + seniorId + " }.name", equalTo("李*华"));
    }

    @Test
    void anInvalidIdNumberIs400WithAStableCodeAndAChineseMessageAndChangesNothing() {
        String valid = TestApi.newIdNumber(true);
        char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
        String invalid = valid.substring(0, 17) + wrongCheck;
        long[] before = counts();
        as(ADMIN).body(senior(invalid, "王五", List.of(uidCard(TestApi.newUid()))))
                .post("/api/register/seniors").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("code", equalTo("INVALID_ID_NUMBER"))
                .body("message", equalTo("身份证号码校验位不正确"))
                .body("details.reason", equalTo("CHECK_DIGIT"));
        as(ADMIN).body(senior("12345", "王五", List.of())).post("/api/register/seniors").then().statusCode(400)
                .body("code", equalTo("INVALID_ID_NUMBER")).body("message", equalTo("身份证号码应为18位"));
        assertEquals(List.of(before[0], before[1], before[2]), List.of(counts()[0], counts()[1], counts()[2]));
    }

    @Test
    void garbageJsonIs400MalformedRequestAndChangesNothing() {
        long[] before = counts();
        as(ADMIN).body("{\"idNumber\": \"1101011940").post("/api/register/seniors").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("code", equalTo("MALFORMED_REQUEST"))
                .body("message", equalTo("请求格式错误：不是有效的JSON，或字段类型不符"));
        as(ADMIN).body("not json at all").post("/api/register/seniors").then().statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        as(ADMIN).body("{\"idNumber\": [1, 2]}").post("/api/register/seniors").then().statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST")).body("details.field", equalTo("idNumber"));
        as(ADMIN).body(Map.of("idNumber", TestApi.newIdNumber(true), "name", "赵六", "district", "宝坻区",
                        "subdistrict", "海滨街道", "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "2024-02-30"))))
                .post("/api/register/seniors").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("details.field", equalTo("facts.[0].from"));
        // markup and query fragments are no one's name
        for (String name : List.of("Robert'); DROP TABLE senior;--", "<script>alert(1)</script>", "张三\u0000")) {
            as(ADMIN).body(Map.of("idNumber", TestApi.newIdNumber(true), "name", name, "district", "宝坻区",
                            "subdistrict", "海滨街道", "facts", List.of()))
                    .post("/api/register/seniors").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        }
        // too large for the body limit (64 KiB)
        as(ADMIN).body("{\"name\":\"" + "长".repeat(40_000) + "\"}").post("/api/register/seniors").then()
                .statusCode(413).body("code", equalTo("REQUEST_TOO_LARGE")).body("details.maxBytes", equalTo(65536));
        as(ADMIN).post("/api/register/seniors").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        long[] after = counts();
        assertEquals(List.of(before[0], before[1], before[2]), List.of(after[0], after[1], after[2]));
    }

    @Test
    void duplicatesAndContradictionsAre409AndChangeNothing() {
        String id = TestApi.newIdNumber(true);
        String uid = TestApi.newUid();
        as(ADMIN).body(senior(id, "孙七", List.of(uidCard(uid)))).post("/api/register/seniors").then().statusCode(201);
        long[] before = counts();

        as(ADMIN).body(senior(id, "孙七", List.of())).post("/api/register/seniors").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_ID_NUMBER")).body("message", equalTo("身份证号码 idNumber 已登记"))
                .body("details.field", equalTo("idNumber"));
        // a new senior whose card is already someone else's: the senior is not created either
        as(ADMIN).body(senior(TestApi.newIdNumber(false), "周八", List.of(uidCard(uid))))
                .post("/api/register/seniors").then().statusCode(409).body("code", equalTo("DUPLICATE_CARD"));
        // two enrolment states on the same days
        Map<String, Object> contradictory = Map.of("idNumber", TestApi.newIdNumber(true), "name", "吴九",
                "district", "宝坻区", "subdistrict", "海滨街道", "facts", List.of(
                        Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01"),
                        Map.of("kind", "ENROLMENT", "value", "SUSPENDED", "from", "2024-05-01")));
        as(ADMIN).body(contradictory).post("/api/register/seniors").then().statusCode(409)
                .body("code", equalTo("CONTRADICTORY_FACTS"));
        // a value the fact kind does not take
        as(ADMIN).body(Map.of("idNumber", TestApi.newIdNumber(true), "name", "郑十", "district", "宝坻区",
                        "subdistrict", "海滨街道", "facts", List.of(Map.of("kind", "ENROLMENT", "value", "MAYBE",
                                "from", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        as(ADMIN).body(Map.of("idNumber", TestApi.newIdNumber(true), "name", "郑十", "district", "宝坻区",
                        "subdistrict", "海滨街道", "facts", List.of(Map.of("kind", "NOT_A_KIND", "from", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", startsWith("记录类型"));
        long[] after = counts();
        assertEquals(List.of(before[0], before[1], before[2]), List.of(after[0], after[1], after[2]));
    }

    @Test
    void enrolmentIsSuspendedFromADateADeathIsRecordedAndACardRevoked() {
        String id = TestApi.newIdNumber(true);
        JsonPath created = as(ADMIN).body(senior(id, "钱一", List.of(uidCard(TestApi.newUid()))))
                .post("/api/register/seniors").then().statusCode(201).extract().jsonPath();
        long seniorId = created.getLong("id");
        long cardId = created.getLong("cards[0].id");
        LocalDate today = today();

        as(ADMIN).body(Map.of("state", "SUSPENDED", "from", today.toString()))
                .post("/api/register/seniors/" + seniorId + "/enrolment").then().statusCode(200)
                .body("enrolment", equalTo("SUSPENDED"))
                .body("facts.find { it.kind == 'ENROLMENT' && it.value == 'APPROVED' }.to", equalTo(today.toString()));
        // the same date again contradicts the state just recorded
        as(ADMIN).body(Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", today.toString()))
                .post("/api/register/seniors/" + seniorId + "/facts").then().statusCode(409)
                .body("code", equalTo("CONTRADICTORY_FACTS"));

        as(ADMIN).body(Map.of("kind", "DEATH", "from", today.toString()))
                .post("/api/register/seniors/" + seniorId + "/facts").then().statusCode(201)
                .body("deceased", equalTo(true));
        long deathId = as(ADMIN).get("/api/register/seniors/" + seniorId).then().statusCode(200)
                .extract().jsonPath().getLong("facts.find { it.kind == 'DEATH' }.id");
        as(ADMIN).body(Map.of("endOn", today.plusDays(5).toString()))
                .post("/api/register/seniors/" + seniorId + "/facts/" + deathId + "/end").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));

        as(ADMIN).body(Map.of("status", "LOST")).post("/api/register/seniors/" + seniorId + "/cards/" + cardId + "/revoke")
                .then().statusCode(200).body("status", equalTo("LOST")).body("revokedOn", equalTo(today.toString()));
        as(ADMIN).post("/api/register/seniors/" + seniorId + "/cards/" + cardId + "/revoke")
                .then().statusCode(409).body("code", equalTo("CARD_NOT_ACTIVE"));
        // a replacement card
        as(ADMIN).body(Map.of("kind", "PRINTED_QR", "identifier", TestApi.newPrintedQrId()))
                .post("/api/register/seniors/" + seniorId + "/cards").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("issuedOn", equalTo(today.toString()));
        as(ADMIN).get("/api/register/seniors/999999999").then().statusCode(404).body("code", equalTo("UNKNOWN_SENIOR"));
    }

    @Test
    void canteensAreRegisteredWithMenuAndPricesInFenAndYuan() {
        JsonPath registered = TestApi.registerCanteen("海滨街道");
        String code = registered.getString("canteen.code");
        as(SUPERVISOR).get("/api/register/canteens/" + code).then().statusCode(200)
                .body("subdistrict", equalTo("海滨街道"))
                .body("standardSetPriceFen", equalTo(1500))
                .body("standardSetPrice", equalTo("15.00"))
                .body("menu", hasSize(2))
                .body("menu.find { it.code == 'L-SML' }.price", equalTo("10.50"))
                .body("terminals[0].code", equalTo(code + "-T1"));
        as(FINANCE).get("/api/register/canteens?subdistrict=海滨街道").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.hasItem(code));
        // a duplicate code, a second terminal, a negative price
        as(ADMIN).body(Map.of("code", code, "name", "重复", "jurisdiction", "tianjin", "district", "宝坻区",
                        "subdistrict", "海滨街道", "standardSetPriceFen", 1500))
                .post("/api/register/canteens").then().statusCode(409).body("code", equalTo("DUPLICATE_CANTEEN"));
        as(ADMIN).body(Map.of("code", code + "-T2", "name", "2号收银台"))
                .post("/api/register/canteens/" + code + "/terminals").then().statusCode(201)
                .body("terminal.canteenCode", equalTo(code))
                .body("secret.authorization", startsWith("Terminal " + code + "-T2:"));
        as(ADMIN).body(Map.of("code", TestApi.unique("NEG"), "name", "负价", "jurisdiction", "tianjin",
                        "district", "宝坻区", "subdistrict", "海滨街道", "standardSetPriceFen", -1))
                .post("/api/register/canteens").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        as(ADMIN).get("/api/register/canteens/NO-SUCH").then().statusCode(404).body("code", equalTo("UNKNOWN_CANTEEN"));
    }
}
