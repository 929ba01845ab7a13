package cn.laorenjia.settlement.settling;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.restassured.path.json.JsonPath;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;

/**
 * A canteen of its own with fresh seniors (so no other test's quota or figures mix in), and meals recorded
 * through the real meal API by its terminal. Tests share one database and settlement covers days for all
 * canteens, so each test settles its own month ({@link #monthsAgo(int)}), never one another test uses.
 */
public final class SettlementFixture {

    public final long canteenId;
    public final String canteenCode;
    final String terminal;

    private SettlementFixture(long canteenId, String canteenCode, String terminal) {
        this.canteenId = canteenId;
        this.canteenCode = canteenCode;
        this.terminal = terminal;
    }

    public static SettlementFixture newCanteen(String subdistrict) {
        JsonPath registered = TestApi.registerCanteen(subdistrict);
        return new SettlementFixture(registered.getLong("canteen.id"), registered.getString("canteen.code"),
                registered.getString("terminalSecrets[0].authorization"));
    }

    /** A month this many months before the test clock's (Asia/Shanghai). */
    public static YearMonth monthsAgo(int months) {
        return YearMonth.from(TestClock.current().today()).minusMonths(months);
    }

    /** An enrolled local senior of 85 with a UID card; answers the card identifier. */
    public static String newSenior(String name) {
        return TestApi.registerSenior(name, "宝坻区");
    }

    /**
     * A standard-set lunch (15.00 yuan: 3.00 off, 2.00 operating subsidy) at 11:30 Beijing time, made then (the test
     * clock stands at that moment for the sale); answers the sale id.
     */
    public String lunch(String uid, LocalDate day) {
        String saleId = UUID.randomUUID().toString();
        TestClock.current().at(at(day), () -> TestApi.asTerminal(terminal).body(Map.of("saleId", saleId,
                        "occurredAt", at(day).toString(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                        "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals").then().statusCode(200));
        return saleId;
    }

    /** As {@link #lunch}, the senior looked up at the counter by ID number (a forgotten card); answers the sale id. */
    public String manualLunch(String idNumber, LocalDate day) {
        String saleId = UUID.randomUUID().toString();
        TestClock.current().at(at(day), () -> TestApi.asTerminal(terminal).body(Map.of("saleId", saleId,
                        "occurredAt", at(day).toString(),
                        "identification", Map.of("method", "MANUAL", "idNumber", idNumber, "reason", "CARD_FORGOTTEN"),
                        "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals").then().statusCode(200));
        return saleId;
    }

    public void voidSale(String saleId, LocalDate day) {
        Instant when = at(day).plusSeconds(60);
        TestClock.current().at(when, () -> TestApi.asTerminal(terminal)
                .body(Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", when.toString()))
                .post("/api/meals/" + saleId + "/void").then().statusCode(200));
    }

    private static Instant at(LocalDate day) {
        return day.atTime(LocalTime.of(11, 30)).atZone(ChinaCalendar.ZONE).toInstant();
    }

    /**
     * The fixture month, hand-computed: seniors A, B, C at 15-yuan lunches.
     * Day 3: A and B (2 meals); day 4: A; day 5: A; day 10: B, voided the same day (1 sale, 1 void, 0 meals);
     * day 20: C. Month: 6 sales, 1 void, 5 meals, discounts 5 x 3.00 = 15.00, operating 5 x 2.00 = 10.00,
     * owed 25.00 yuan.
     */
    public void recordFixtureMonth(YearMonth month) {
        String a = newSenior("王秀英");
        String b = newSenior("李建国");
        String c = newSenior("赵淑兰");
        lunch(a, month.atDay(3));
        lunch(b, month.atDay(3));
        lunch(a, month.atDay(4));
        lunch(a, month.atDay(5));
        String voided = lunch(b, month.atDay(10));
        voidSale(voided, month.atDay(10));
        lunch(c, month.atDay(20));
    }

    public static JsonPath settle(LocalDate from, LocalDate to) {
        return as(ADMIN).body(Map.of("from", from.toString(), "to", to.toString()))
                .post("/api/settlement/runs").then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath settle(YearMonth month) {
        return settle(month.atDay(1), month.atEndOfMonth());
    }
}
