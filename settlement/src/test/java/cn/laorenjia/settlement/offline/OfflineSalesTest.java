package cn.laorenjia.settlement.offline;

import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.offline.CounterOfflineDecider;
import cn.laorenjia.core.offline.CounterOfflineDecision;
import cn.laorenjia.core.offline.CounterOfflineRequest;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.subsidy.MealRequest;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.settlement.ledger.service.OfflineConfig;
import cn.laorenjia.settlement.qr.QrKeys;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sales made offline and synced later: confirmed within quota, a conflict with a live sale elsewhere (district
 * reimburses the discount, no operating subsidy, the counters stay at the cap), the terminal's conflict allowance,
 * rejections the canteen bears, exactly-once resends, a lost live answer found again, and the report.
 */
@QuarkusTest
class OfflineSalesTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    OfflineConfig offlineConfig;

    @Inject
    QrKeys qrKeys;

    private String terminal;
    private String otherTerminal;

    @BeforeEach
    void registerTwoCanteens() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        otherTerminal = TestApi.registerCanteen("宝平街道").getString("terminalSecrets[0].authorization");
    }

    @Test
    void anOfflineSaleWithinQuotaIsRecordedOnceAndAResendGetsTheSameAnswer() {
        String uid = registerSenior();
        Map<String, Object> sale = sale(uid, lunchTime(), true);

        JsonPath first = sync(terminal, sale);
        assertEquals("SUBSIDISED", first.getString("[0].status"));
        assertEquals(300, first.getInt("[0].authorisation.discountFen"));
        assertEquals(200, first.getInt("[0].authorisation.operatingSubsidyFen"));
        assertEquals("CONFIRMED", offlineOutcome(sale.get("saleId")));

        JsonPath again = sync(terminal, sale);
        assertEquals(first.getMap("[0]"), again.getMap("[0]"));
        assertEquals(1, count("select count(*) from meal_entry where entry_id = ?", UUID.fromString((String) sale.get("saleId"))));
    }

    @Test
    void aSeniorSubsidisedElsewhereMeanwhileIsAConflictTheDistrictReimbursesWithoutOperatingSubsidy() {
        String uid = registerSenior();
        String when = lunchTime();
        // live at the other canteen first: it reached the central first, its answer is final
        TestApi.asTerminal(otherTerminal).body(liveSale(uid, when)).post("/api/meals").then().statusCode(200)
                .body("status", equalTo("SUBSIDISED"));
        Map<String, Object> offline = sale(uid, when, true);

        JsonPath result = sync(terminal, offline);
        assertEquals("OFFLINE_CONFLICT", result.getString("[0].status"));
        assertEquals("QUOTA_USED_TODAY", result.getString("[0].code"));
        assertEquals(300, result.getInt("[0].authorisation.discountFen"));
        assertEquals(0, result.getInt("[0].authorisation.operatingSubsidyFen"));
        assertEquals(1200, result.getInt("[0].authorisation.amountToPayFen"));
        assertEquals("CONFLICT", offlineOutcome(offline.get("saleId")));
        LocalDate day = OffsetDateTime.parse(when).atZoneSameInstant(ChinaCalendar.ZONE).toLocalDate();
        assertEquals(1, count("select q.used from quota_day q join card c on c.senior_id = q.senior_id "
                + "where c.identifier = ? and q.meal_date = ?", uid, day), "the day counter stays at its cap");

        // voiding the conflict gives no quota back: it never took any
        TestApi.asTerminal(terminal).body(Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", when,
                "reason", "测试撤销")).post("/api/meals/" + offline.get("saleId") + "/void").then().statusCode(200);
        assertEquals(1, count("select q.used from quota_day q join card c on c.senior_id = q.senior_id "
                + "where c.identifier = ? and q.meal_date = ?", uid, day));
    }

    @Test
    void beyondTheTerminalsConflictAllowanceTheCanteenBearsTheDiscount() {
        String when = lunchTime();
        // production's, as configured: conflicts count against the terminal's offline allowance too (40), so with the
        // conflict allowance (60) above it, that allowance is what stops them
        int conflictAllowance = offlineConfig.conflictAllowancePerTerminalDay();
        int allowance = Math.min(conflictAllowance, offlineConfig.allowancePerTerminalDay());
        String beyond = allowance == conflictAllowance ? "OFFLINE_ALLOWANCE_EXCEEDED" : "OFFLINE_SALES_ALLOWANCE_EXCEEDED";
        List<Map<String, Object>> sales = new ArrayList<>();
        for (int i = 0; i < allowance + 2; i++) {
            String uid = registerSenior();
            TestApi.asTerminal(otherTerminal).body(liveSale(uid, when)).post("/api/meals").then().statusCode(200);
            sales.add(sale(uid, when, true));
        }
        JsonPath results = syncAll(terminal, sales);
        for (int i = 0; i < allowance; i++) {
            assertEquals("OFFLINE_CONFLICT", results.getString("[" + i + "].status"));
        }
        assertEquals("REJECTED", results.getString("[" + allowance + "].status"));
        assertEquals(beyond, results.getString("[" + allowance + "].code"));
        assertEquals(300, results.getInt("[" + allowance + "].canteenBearsFen"));
        assertEquals(1, count("select count(*) from offline_rejection where sale_id = ?",
                UUID.fromString((String) sales.get(allowance).get("saleId"))));

        LocalDate day = OffsetDateTime.parse(when).atZoneSameInstant(ChinaCalendar.ZONE).toLocalDate();
        // the canteen's own terminal sees its canteen only
        JsonPath own = TestApi.asTerminal(terminal).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/counter/offline/report").then().statusCode(200).extract().jsonPath();
        assertEquals(1, own.getList("canteens").size());
        assertEquals(allowance, own.getInt("conflicts"));
        String canteenCode = own.getString("canteens[0].canteenCode");

        JsonPath report = as(FINANCE).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/settlement/offline").then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = report.getMap("canteens.find { it.canteenCode == '" + canteenCode + "' }");
        assertEquals(allowance, ((Number) row.get("conflicts")).intValue());
        assertEquals(allowance * 300, ((Number) row.get("conflictDiscountFen")).intValue());
        assertEquals(2, ((Number) row.get("rejected")).intValue());
        assertEquals("6.00", row.get("canteenBears"));
    }

    @Test
    void setsBelowTheStandardPriceGrantedOfflineAreTheCanteensAndAQuotaConflictIsStillTheDistricts() {
        JsonPath canteen = registerCanteenWithSetsBelowTheStandard();
        String cheapTerminal = canteen.getString("terminalSecrets[0].authorization");
        String when = lunchTime();
        String usedElsewhere = registerSenior();
        TestApi.asTerminal(otherTerminal).body(liveSale(usedElsewhere, when)).post("/api/meals").then().statusCode(200)
                .body("status", equalTo("SUBSIDISED"));
        String fresh = registerSenior();
        List<Map<String, Object>> sales = List.of(
                sale(fresh, when, "L-1000", 1000),
                sale(fresh, OffsetDateTime.parse(when).plusMinutes(1).toString(), "L-200", 200),
                // below the standard and the quota used elsewhere: still the canteen's, not a conflict
                sale(usedElsewhere, when, "L-1000", 1000),
                // at the standard price, the quota used elsewhere: the conflict the district bears
                sale(usedElsewhere, OffsetDateTime.parse(when).plusMinutes(2).toString(), "L-STD", 1500));

        JsonPath results = syncAll(cheapTerminal, sales);
        long[] borne = {300, 200, 300};
        for (int i = 0; i < borne.length; i++) {
            String at = "[" + i + "].";
            assertEquals("REJECTED", results.getString(at + "status"), results.prettify());
            assertEquals("BELOW_STANDARD_PRICE", results.getString(at + "code"));
            assertEquals(borne[i], results.getLong(at + "canteenBearsFen"));
            assertNull(results.get(at + "authorisation"), "nothing recorded, nothing reimbursed");
            UUID id = UUID.fromString((String) sales.get(i).get("saleId"));
            assertEquals(0, count("select count(*) from meal_entry where entry_id = ?", id));
            assertEquals(borne[i], count("select discount_fen from offline_rejection "
                    + "where sale_id = ? and reason_code = 'BELOW_STANDARD_PRICE'", id), "the rejection row");
        }
        assertEquals("OFFLINE_CONFLICT", results.getString("[3].status"));
        assertEquals("QUOTA_USED_TODAY", results.getString("[3].code"));
        assertEquals(300, results.getInt("[3].authorisation.discountFen"));
        assertEquals(0, results.getInt("[3].authorisation.operatingSubsidyFen"));
        assertEquals("CONFLICT", offlineOutcome(sales.get(3).get("saleId")));

        LocalDate day = OffsetDateTime.parse(when).atZoneSameInstant(ChinaCalendar.ZONE).toLocalDate();
        assertEquals(0, count("select coalesce(sum(q.used), 0) from quota_day q join card c on c.senior_id = q.senior_id "
                + "where c.identifier = ? and q.meal_date = ?", fresh, day), "rejected sales take no quota");
        JsonPath report = as(FINANCE).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/settlement/offline").then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = report.getMap("canteens.find { it.canteenCode == '" + canteen.getString("canteen.code") + "' }");
        assertEquals(1, ((Number) row.get("conflicts")).intValue());
        assertEquals(300, ((Number) row.get("conflictDiscountFen")).intValue(), "the district reimburses the conflict only");
        assertEquals(3, ((Number) row.get("rejected")).intValue());
        assertEquals("8.00", row.get("canteenBears"));
    }

    @Test
    void aPriceThatIsNotTheMenusIsTheCanteens() {
        Map<String, Object> atAnotherPrice = sale(registerSenior(), lunchTime(), "L-STD", 1600);
        JsonPath result = sync(terminal, atAnotherPrice);
        assertEquals("REJECTED", result.getString("[0].status"));
        assertEquals("PRICE_NOT_ON_MENU", result.getString("[0].code"));
        assertEquals(300, result.getInt("[0].canteenBearsFen"));
        assertNull(offlineOutcome(atAnotherPrice.get("saleId")));
        assertEquals(1, count("select count(*) from offline_rejection where sale_id = ? and reason_code = 'PRICE_NOT_ON_MENU'",
                UUID.fromString((String) atAnotherPrice.get("saleId"))));
    }

    @Test
    void whatCannotBeTakenIsRejectedAndWhatWasNotSubsidisedIsNotRecorded() {
        Map<String, Object> unknownCard = sale("04" + hex(12), lunchTime(), true);
        Map<String, Object> notGranted = sale(registerSenior(), lunchTime(), false);
        Map<String, Object> tooOld = sale(registerSenior(), OffsetDateTime.now(clock).minusDays(9).toString(), true);
        Map<String, Object> future = sale(registerSenior(), OffsetDateTime.now(clock).plusHours(2).toString(), true);
        JsonPath results = syncAll(terminal, List.of(unknownCard, notGranted, tooOld, future));

        assertEquals("REJECTED", results.getString("[0].status"));
        assertEquals("UNKNOWN_CARD", results.getString("[0].code"));
        assertEquals("NOT_RECORDED", results.getString("[1].status"));
        assertEquals("TIMESTAMP_OUT_OF_RANGE", results.getString("[2].code"));
        assertEquals("TIMESTAMP_OUT_OF_RANGE", results.getString("[3].code"));
        assertNull(offlineOutcome(notGranted.get("saleId")));
        assertEquals(0, count("select count(*) from meal_entry where entry_id = ?", UUID.fromString((String) notGranted.get("saleId"))));

        // the same id with another body is refused, and changes nothing
        Map<String, Object> altered = new HashMap<>(unknownCard);
        altered.put("priceFen", 1600);
        assertEquals("REFUSED", sync(terminal, altered).getString("[0].status"));
    }

    @Test
    void aLiveSaleWhoseAnswerWasLostIsFoundAgainBySync() {
        String uid = registerSenior();
        String when = lunchTime();
        Map<String, Object> live = liveSale(uid, when);
        JsonPath recorded = TestApi.asTerminal(terminal).body(live).post("/api/meals").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> asQueued = new HashMap<>(live);
        asQueued.put("granted", true);
        JsonPath synced = sync(terminal, asQueued);
        assertEquals("SUBSIDISED", synced.getString("[0].status"));
        assertEquals(recorded.getMap(""), synced.getMap("[0].authorisation"));
        assertNull(offlineOutcome(live.get("saleId")), "still the live sale, recorded once");
    }

    @Test
    void oneBatchIsDecidedInOrderEachSaleSeeingTheMealsBeforeIt() {
        String a = registerSenior();
        String b = registerSenior();
        String when = lunchTime();
        String later = OffsetDateTime.parse(when).plusMinutes(1).toString();
        List<Map<String, Object>> sales = List.of(sale(a, when, true), sale(b, when, true), sale(a, later, true),
                sale(b, later, false));
        JsonPath results = syncAll(terminal, sales);
        assertEquals("SUBSIDISED", results.getString("[0].status"));
        assertEquals("SUBSIDISED", results.getString("[1].status"));
        assertEquals("OFFLINE_CONFLICT", results.getString("[2].status"));
        assertEquals("QUOTA_USED_TODAY", results.getString("[2].code"));
        assertEquals("NOT_RECORDED", results.getString("[3].status"));
        LocalDate day = OffsetDateTime.parse(when).atZoneSameInstant(ChinaCalendar.ZONE).toLocalDate();
        for (String uid : List.of(a, b)) {
            assertEquals(1, count("select q.used from quota_day q join card c on c.senior_id = q.senior_id "
                    + "where c.identifier = ? and q.meal_date = ?", uid, day), "day counter at its cap, not past it");
            assertEquals(1, count("select q.used from quota_week q join card c on c.senior_id = q.senior_id "
                    + "where c.identifier = ? and q.week_monday = ?", uid, ChinaCalendar.weekOf(day).monday()));
        }
        assertEquals(3, count("select count(*) from meal_entry where entry_id in (?, ?, ?)",
                UUID.fromString((String) sales.get(0).get("saleId")), UUID.fromString((String) sales.get(1).get("saleId")),
                UUID.fromString((String) sales.get(2).get("saleId"))));

        // a resend of the whole batch answers the same and writes nothing
        long entries = count("select count(*) from meal_entry");
        JsonPath again = syncAll(terminal, sales);
        for (int i = 0; i < sales.size(); i++) {
            assertEquals(results.getMap("[" + i + "]"), again.getMap("[" + i + "]"));
        }
        assertEquals(entries, count("select count(*) from meal_entry"));
    }

    @Test
    void aPhoneCodeIsJudgedWhenItWasShownAndBuysOneSaleOnly() {
        String uid = registerSenior();
        long seniorId = count("select senior_id from card where identifier = ?", uid);
        // shown at the counter at an earlier lunch, valid for 60 s then, long expired now
        String when = pastLunch();
        Instant shownAt = OffsetDateTime.parse(when).toInstant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(20);
        String code = qrKeys.signer().sign(new QrToken(qrKeys.keyId(), QrTokenKind.PHONE, seniorId, shownAt,
                Duration.ofSeconds(60), ThreadLocalRandom.current().nextInt()));
        Map<String, Object> first = byCode(code, when);
        Map<String, Object> replayed = byCode(code, when);
        // a code issued ten minutes before it was shown had expired when the counter took it
        Map<String, Object> tooLate = byCode(qrKeys.signer().sign(new QrToken(qrKeys.keyId(), QrTokenKind.PHONE,
                seniorId, shownAt.minusSeconds(600), Duration.ofSeconds(60), ThreadLocalRandom.current().nextInt())),
                when);
        Map<String, Object> forged = byCode(code.substring(0, code.length() - 3) + "AAA", when);

        JsonPath results = syncAll(terminal, List.of(first, replayed, tooLate, forged));
        assertEquals("SUBSIDISED", results.getString("[0].status"), results.prettify());
        assertEquals("REJECTED", results.getString("[1].status"));
        assertEquals("QR_REPLAYED", results.getString("[1].code"));
        assertEquals("REJECTED", results.getString("[2].status"));
        assertEquals("QR_EXPIRED", results.getString("[2].code"));
        assertEquals("REJECTED", results.getString("[3].status"));
        assertTrue(results.getString("[3].code").startsWith("QR_"), results.getString("[3].code"));
    }

    @Test
    void badSyncRequestsAreRefusedAndChangeNothing() {
        long before = count("select count(*) from meal_entry");
        TestApi.asTerminal(terminal).body(Map.of("sales", List.of())).post("/api/meals/offline").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        Map<String, Object> sale = sale(registerSenior(), lunchTime(), true);
        TestApi.asTerminal(terminal).body(Map.of("sales", List.of(sale, sale))).post("/api/meals/offline").then()
                .statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(sale("04" + hex(12), lunchTime(), true));
        }
        TestApi.asTerminal(terminal).body(Map.of("sales", tooMany)).post("/api/meals/offline").then().statusCode(400);
        as(ADMIN).body(Map.of("sales", List.of(sale))).post("/api/meals/offline").then().statusCode(403);
        assertEquals(before, count("select count(*) from meal_entry"));
    }

    // ---- helpers

    /** Now: a Monday lunch by the test clock, so a live sale at this time is within the 10-minute window. */
    private String lunchTime() {
        return OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE).toString();
    }

    /** Lunch on the Friday before the test clock's Monday: well past, inside the offline window. */
    private String pastLunch() {
        return OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(3)), ChinaCalendar.ZONE).toString();
    }

    private static Map<String, Object> liveSale(String uid, String when) {
        Map<String, Object> sale = new HashMap<>();
        sale.put("saleId", UUID.randomUUID().toString());
        sale.put("occurredAt", when);
        sale.put("identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid));
        sale.put("mealSetCode", "L-STD");
        sale.put("priceFen", 1500);
        return sale;
    }

    private static Map<String, Object> byCode(String token, String when) {
        Map<String, Object> sale = new HashMap<>();
        sale.put("saleId", UUID.randomUUID().toString());
        sale.put("occurredAt", when);
        sale.put("identification", Map.of("method", "QR", "token", token));
        sale.put("mealSetCode", "L-STD");
        sale.put("priceFen", 1500);
        sale.put("granted", true);
        return sale;
    }

    private static Map<String, Object> sale(String uid, String when, boolean granted) {
        Map<String, Object> sale = liveSale(uid, when);
        sale.put("granted", granted);
        return sale;
    }

    private static Map<String, Object> sale(String uid, String when, String setCode, long priceFen) {
        Map<String, Object> sale = sale(uid, when, true);
        sale.put("mealSetCode", setCode);
        sale.put("priceFen", priceFen);
        return sale;
    }

    /** A canteen whose standard set is 15 yuan, with lunch sets of 10 and 2 yuan besides. */
    private static JsonPath registerCanteenWithSetsBelowTheStandard() {
        String code = TestApi.unique("TSC");
        return as(ADMIN).body(Map.of(
                        "code", code, "name", "测试低价套餐食堂", "jurisdiction", "tianjin", "district", "宝坻区",
                        "subdistrict", "海滨街道", "address", "测试路2号", "standardSetPriceFen", 1500,
                        "menu", List.of(
                                Map.of("code", "L-STD", "name", "标准午餐套餐", "slot", "LUNCH", "priceFen", 1500),
                                Map.of("code", "L-1000", "name", "十元午餐", "slot", "LUNCH", "priceFen", 1000),
                                Map.of("code", "L-200", "name", "两元小菜", "slot", "LUNCH", "priceFen", 200)),
                        "terminals", List.of(Map.of("code", code + "-T1", "name", "1号收银台"))))
                .post("/api/register/canteens").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath sync(String terminal, Map<String, Object> sale) {
        return syncAll(terminal, List.of(sale));
    }

    private static JsonPath syncAll(String terminal, List<Map<String, Object>> sales) {
        return TestApi.asTerminal(terminal).body(Map.of("sales", sales)).post("/api/meals/offline").then()
                .statusCode(200).extract().jsonPath();
    }

    /** An enrolled senior of 88 with a local household and a fresh UID card; answers the UID. */
    private static String registerSenior() {
        return TestApi.registerSenior("离线测试", "宝坻区");
    }

    private static String hex(int digits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            s.append("0123456789ABCDEF".charAt(ThreadLocalRandom.current().nextInt(16)));
        }
        return s.toString();
    }

    private String offlineOutcome(Object saleId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select offline_outcome from meal_entry where entry_id = ?")) {
            s.setObject(1, UUID.fromString((String) saleId));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
