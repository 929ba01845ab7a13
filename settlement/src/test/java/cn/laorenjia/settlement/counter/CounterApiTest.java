package cn.laorenjia.settlement.counter;

import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.ledger.entity.MealEntry;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counter's read-only views over HTTP: menu, preview (nothing recorded), manual lookup, X report. */
@QuarkusTest
class CounterApiTest {

    private String terminal;
    private String canteenCode;
    private String idNumber;
    private String uid;

    @BeforeEach
    void aCanteenAndAnEightyYearOldWithACard() {
        JsonPath canteen = TestApi.registerCanteen("海滨街道");
        terminal = canteen.getString("terminalSecrets[0].authorization");
        canteenCode = canteen.getString("canteen.code");
        idNumber = TestApi.idNumber(1940, true);
        uid = TestApi.newUid();
        as(ADMIN).body(Map.of("idNumber", idNumber, "name", "欧阳春花", "district", "宝坻区", "subdistrict", "海滨街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")),
                        "cards", List.of(Map.of("kind", "UID", "identifier", uid, "issuedOn", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201);
    }

    @Test
    void theMenuSaysWhichSetsQualifyStandardOrDearer() {
        asTerminal(terminal).get("/api/counter/menu").then().statusCode(200)
                .body("canteenCode", equalTo(canteenCode))
                .body("canteenName", equalTo("测试老人家食堂"))
                .body("standardPriceFen", equalTo(1500))
                .body("ruleVersion", containsString("tianjin"))
                .body("sets.code", contains("L-STD", "L-SML"))
                .body("sets[0].qualifies", equalTo(true))
                .body("sets[0].whyNotZh", nullValue())
                .body("sets[0].slotZh", equalTo("午餐"))
                .body("sets[0].price", equalTo("15.00"))
                .body("sets[1].qualifies", equalTo(false))
                .body("sets[1].whyNotZh", equalTo("低于标准套餐价格（15.00元）"));
    }

    @Test
    void aPreviewDecidesLikeTheLedgerAndRecordsNothing() {
        long entries = ledgerEntries();
        preview(card(uid), "L-STD").statusCode(200)
                .body("subsidised", equalTo(true))
                .body("senior.nameMasked", equalTo("欧**花"))
                .body("senior.idNumberMasked", equalTo(IdNumber.parse(idNumber).masked()))
                .body("senior.eligible", equalTo(true)).body("senior.eligibilityZh", equalTo("符合助餐条件"))
                .body("senior", not(hasKey("routes")))
                .body("identifiedBy", equalTo("CARD"))
                .body("needsSecondCheck", equalTo(false))
                .body("priceFen", equalTo(1500)).body("discountFen", equalTo(300)).body("amountToPayFen", equalTo(1200))
                .body("amountToPay", equalTo("12.00"))
                .body("remainingToday", equalTo(0))
                .body("refusalCode", nullValue())
                .body("announcementZh", containsString("减免3元"));
        // twice: a preview takes no quota
        int weekLeft = preview(card(uid), "L-STD").statusCode(200).extract().path("remainingThisWeek");
        assertEquals(entries, ledgerEntries());

        // the sale then agrees with the preview
        post("/api/meals", Map.of("saleId", UUID.randomUUID().toString(), "occurredAt", now(),
                "identification", card(uid), "mealSetCode", "L-STD", "priceFen", 1500)).statusCode(200)
                .body("remainingThisWeek", equalTo(weekLeft));
        preview(card(uid), "L-STD").statusCode(200)
                .body("subsidised", equalTo(false))
                .body("refusalCode", equalTo("QUOTA_USED_TODAY"))
                .body("refusalMessage", equalTo("今日补贴次数已用完，本餐按原价收费"))
                .body("amountToPayFen", equalTo(1500)).body("discountFen", equalTo(0))
                .body("reasons.code", hasItem("DAILY_QUOTA_EXHAUSTED"));
    }

    @Test
    void aCheaperSetIsRefusedWithTheLedgersCode() {
        preview(card(uid), "L-SML").statusCode(200)
                .body("subsidised", equalTo(false))
                .body("refusalCode", equalTo("BELOW_STANDARD_PRICE"))
                .body("amountToPayFen", equalTo(1050))
                .body("announcementZh", containsString("本餐不享受补贴"));
    }

    @Test
    void theCashierLooksASeniorUpByIdNumberWithAReason() {
        preview(Map.of("method", "MANUAL", "idNumber", idNumber, "reason", "CARD_FORGOTTEN"), "L-STD").statusCode(200)
                .body("subsidised", equalTo(true))
                .body("identifiedBy", equalTo("MANUAL"))
                .body("needsSecondCheck", equalTo(true))
                .body("senior.nameMasked", equalTo("欧**花"));
        preview(Map.of("method", "MANUAL", "idNumber", "120224193804121224", "reason", "CARD_FORGOTTEN"), "L-STD")
                .statusCode(400).body("code", equalTo("INVALID_ID_NUMBER"));
        preview(Map.of("method", "MANUAL", "idNumber", idNumber), "L-STD").statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void unknownCardsSetsAndCallersAreRefused() {
        preview(card("04FFFFFFFFFFFF"), "L-STD").statusCode(404).body("code", equalTo("UNKNOWN_CARD"));
        preview(card(uid), "NO-SUCH-SET").statusCode(404).body("code", equalTo("UNKNOWN_MEAL_SET"));
        preview(card(uid), null).statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        as(ADMIN).get("/api/counter/menu").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/counter/totals").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void theXReportSumsTodaysSalesAndVoidsOfThisTerminalAndCanteen() {
        asTerminal(terminal).get("/api/counter/totals").then().statusCode(200)
                .body("canteenCode", equalTo(canteenCode))
                .body("terminal.sales", equalTo(0)).body("canteen.sales", equalTo(0));

        String second = TestApi.idNumber(1940, true);
        as(ADMIN).body(Map.of("idNumber", second, "name", "王二", "district", "宝坻区", "subdistrict", "海滨街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201);
        String kept = UUID.randomUUID().toString();
        String voided = UUID.randomUUID().toString();
        post("/api/meals", Map.of("saleId", kept, "occurredAt", now(), "identification", card(uid),
                "mealSetCode", "L-STD", "priceFen", 1500)).statusCode(200);
        post("/api/meals", Map.of("saleId", voided, "occurredAt", now(), "identification",
                Map.of("method", "MANUAL", "idNumber", second, "reason", "CARD_FORGOTTEN"),
                "mealSetCode", "L-STD", "priceFen", 1500)).statusCode(200);
        post("/api/meals/" + voided + "/void", Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", now(),
                "reason", "选错套餐")).statusCode(200);

        asTerminal(terminal).get("/api/counter/totals").then().statusCode(200)
                .body("terminal.sales", equalTo(2))
                .body("terminal.voids", equalTo(1))
                .body("terminal.netMeals", equalTo(1))
                .body("terminal.subsidisedMeals", equalTo(1))
                .body("terminal.salesFen", equalTo(1500))
                .body("terminal.discountFen", equalTo(300))
                .body("terminal.paidFen", equalTo(1200))
                .body("terminal.operatingSubsidyFen", equalTo(200))
                .body("terminal.paidYuan", equalTo("12.00"))
                .body("canteen.netMeals", equalTo(1))
                .body("canteen.paidFen", equalTo(1200));
    }

    private ValidatableResponse preview(Map<String, ?> identification, String mealSetCode) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("identification", identification);
        body.put("mealSetCode", mealSetCode);
        return post("/api/counter/preview", body);
    }

    private ValidatableResponse post(String path, Map<String, ?> body) {
        return asTerminal(terminal).body(body).post(path).then();
    }

    private static Map<String, String> card(String identifier) {
        return Map.of("method", "CARD", "cardKind", "UID", "identifier", identifier);
    }

    private static String now() {
        return OffsetDateTime.now(TestClock.current()).toString();
    }

    private static long ledgerEntries() {
        // a lambda, not MealEntry::count: Panache enhances only calls made through the entity class
        return QuarkusTransaction.requiringNew().call(() -> MealEntry.count());
    }
}
