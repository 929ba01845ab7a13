package cn.laorenjia.settlement.statement;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import cn.laorenjia.settlement.testing.DbAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finance's statement list (issue 19): a late correction on a later month's statement linked both ways to the
 * confirmed original; paging, filters, sort, search, totals, confirm all and the caller's area.
 */
@QuarkusTest
class StatementListTest {

    private static final String FINANCE_BP = "test-finance-bp"; // finance of 宝坻区 宝平街道
    private static final String SUPERVISOR_BD = "test-supervisor-bd"; // supervisor of 宝坻区

    private static JsonPath summary(String who, YearMonth month, String query) {
        return as(who).get("/api/settlement/statements/summary?month=" + month + (query.isEmpty() ? "" : "&" + query))
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aLateCorrectionIsAnAdjustmentStatementOfTheLaterMonthLinkedToTheUntouchedOriginal() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(23); // with its correction in monthsAgo(22): months of no other test
        YearMonth next = month.plusMonths(1);
        SettlementFixture canteen = SettlementFixture.newCanteen("宝平街道");
        canteen.recordFixtureMonth(month);
        SettlementFixture.settle(month);
        executeAsSuperuser("update person set display_name = '李会计' where username = '" + FINANCE_BP + "'");

        JsonPath original = summary(FINANCE_BP, month, "q=" + canteen.canteenCode);
        assertEquals(1, original.getInt("total"));
        long originalId = original.getLong("items[0].id");
        as(FINANCE_BP).post("/api/settlement/statements/" + originalId + "/confirm").then().statusCode(200)
                .body("confirmedBy", equalTo(FINANCE_BP)).body("confirmedByName", equalTo("李会计"));

        // a meal of the confirmed month syncs late; settling again puts it on the next month's statement
        canteen.lunch(SettlementFixture.newSenior("孙桂兰"), month.atDay(13));
        SettlementFixture.settle(month);
        SettlementFixture.settle(next);

        // the later month lists the canteen although nothing else of it is settled that month
        JsonPath later = summary(FINANCE_BP, next, "q=" + canteen.canteenCode);
        assertEquals(1, later.getInt("total"));
        assertEquals("DRAFT", later.getString("items[0].status"));
        assertTrue(later.getBoolean("items[0].reconciled"), "nothing of its own month: its own part equals the ledger");
        assertEquals(originalId, later.getLong("items[0].originals[0].statementId"));
        assertEquals(month.toString(), later.getString("items[0].originals[0].month"));
        long laterId = later.getLong("items[0].id");

        // the adjustments as the statement API answers them: the one late meal, with its adjustment id
        JsonPath statement = as(FINANCE_BP).get("/api/settlement/statements/" + laterId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, statement.getList("lines").size());
        assertEquals("ADJUSTMENT", statement.getString("lines[0].kind"));
        assertTrue(statement.getLong("lines[0].adjustmentId") > 0, statement.prettify());
        assertEquals(Map.of("sales", 1, "voids", 0, "meals", 1, "discountFen", 300, "operatingSubsidyFen", 200,
                        "netOwedFen", 500, "discount", "3.00", "operatingSubsidy", "2.00", "netOwed", "5.00"),
                statement.getMap("adjustments"));
        assertEquals(originalId, statement.getLong("lines[0].original.statementId"));
        assertEquals("伍元整", statement.getString("netOwedCapitals"));

        // the original: untouched, and it says where its later difference went
        JsonPath confirmed = summary(FINANCE_BP, month, "q=" + canteen.canteenCode);
        assertEquals("CONFIRMED", confirmed.getString("items[0].status"));
        assertEquals("25.00", confirmed.getString("items[0].total.netOwed"));
        assertEquals("李会计", confirmed.getString("items[0].confirmedByName"));
        assertEquals(laterId, confirmed.getLong("items[0].transferred[0].statementId"));
        assertEquals(next.toString(), confirmed.getString("items[0].transferred[0].month"));
        assertEquals("5.00", confirmed.getString("items[0].transferred[0].netOwed"));
        assertEquals(0, confirmed.getLong("items[0].pendingNetOwedFen"));

        as(FINANCE_BP).post("/api/settlement/statements/" + laterId + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        assertEquals("CONFIRMED", summary(FINANCE_BP, month, "q=" + canteen.canteenCode)
                .getString("items[0].transferred[0].status"));
    }

    @Test
    void pagesFiltersSortsSearchesTotalsConfirmsAllAndKeepsToTheCallersArea() {
        YearMonth month = SettlementFixture.monthsAgo(25); // a month of no other test: the totals count every canteen
        // three canteens of 宝平街道 with 1, 2 and 3 meals, one of 周良街道 with 4
        List<SettlementFixture> baoping = List.of(SettlementFixture.newCanteen("宝平街道"),
                SettlementFixture.newCanteen("宝平街道"), SettlementFixture.newCanteen("宝平街道"));
        SettlementFixture zhouliang = SettlementFixture.newCanteen("周良街道");
        for (int i = 0; i < 3; i++) {
            for (int n = 0; n <= i; n++) {
                baoping.get(i).lunch(SettlementFixture.newSenior("王秀英"), month.atDay(3 + n));
            }
        }
        for (int n = 0; n < 4; n++) {
            zhouliang.lunch(SettlementFixture.newSenior("赵淑珍"), month.atDay(3 + n));
        }
        SettlementFixture.settle(month);

        JsonPath all = summary(TestApi.FINANCE, month, "district=宝坻区&sort=meals&direction=desc&size=2");
        assertEquals(4, all.getInt("total"));
        assertEquals(2, all.getList("items").size());
        assertEquals(List.of(4, 3), all.getList("items.total.meals"));
        assertEquals(10, all.getInt("totals.figures.meals"));
        assertEquals("50.00", all.getString("totals.figures.netOwed"));
        assertEquals("伍拾元整", all.getString("totals.netOwedCapitals"));
        JsonPath second = summary(TestApi.FINANCE, month, "district=宝坻区&sort=meals&direction=desc&size=2&page=1");
        assertEquals(List.of(2, 1), second.getList("items.total.meals"));
        assertEquals(List.of(1, 2, 3), summary(TestApi.FINANCE, month, "subdistrict=宝平街道&sort=netOwed")
                .getList("items.total.meals"));
        JsonPath searched = summary(TestApi.FINANCE, month, "q=" + baoping.get(1).canteenCode.toLowerCase());
        assertEquals(List.of(baoping.get(1).canteenCode), searched.getList("items.canteenCode"));
        as(TestApi.FINANCE).get("/api/settlement/statements/summary?month=" + month + "&sort=price").then()
                .statusCode(400).body("code", equalTo("INVALID_STATEMENT_QUERY"));

        // a finance clerk of 宝平街道 sees its three; a supervisor of 宝坻区 all four, read-only
        assertEquals(3, summary(FINANCE_BP, month, "").getInt("total"));
        assertEquals(0, summary(FINANCE_BP, month, "subdistrict=周良街道").getInt("total"));
        assertEquals(4, summary(SUPERVISOR_BD, month, "").getInt("total"));
        long outside = summary(TestApi.FINANCE, month, "subdistrict=周良街道").getLong("items[0].id");
        as(FINANCE_BP).get("/api/settlement/statements/" + outside).then().statusCode(404);
        as(FINANCE_BP).get("/api/settlement/exports/statements/" + outside + ".pdf").then().statusCode(404);
        as(FINANCE_BP).post("/api/settlement/statements/" + outside + "/confirm").then().statusCode(404);
        as(FINANCE_BP).get("/api/settlement/months/" + month + "/canteens/" + zhouliang.canteenId + "/days").then()
                .statusCode(404);
        assertEquals(3, as(FINANCE_BP).get("/api/settlement/months/" + month).then().statusCode(200).extract()
                .jsonPath().getList("canteens").size());
        as(SUPERVISOR_BD).post("/api/settlement/statements/confirm-all?month=" + month).then().statusCode(403);

        // one of the three no longer equals the ledger: confirm all confirms two and says why not the third
        baoping.get(0).lunch(SettlementFixture.newSenior("周凤英"), month.atDay(20));
        JsonPath result = as(FINANCE_BP).post("/api/settlement/statements/confirm-all?month=" + month).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(3, result.getInt("matched"));
        assertEquals(2, result.getInt("confirmed"));
        assertEquals(baoping.get(0).canteenCode, result.getString("refused[0].canteenCode"));
        assertEquals("STATEMENT_NOT_RECONCILED", result.getString("refused[0].code"));
        assertNotNull(result.getString("refused[0].reason"));
        JsonPath after = summary(TestApi.FINANCE, month, "district=宝坻区&status=confirmed");
        assertEquals(2, after.getInt("total"));
        assertEquals(1, summary(TestApi.FINANCE, month, "status=draft&subdistrict=宝平街道").getInt("total"));
        assertEquals(List.of(baoping.get(0).canteenCode),
                summary(TestApi.FINANCE, month, "status=unreconciled").getList("items.canteenCode"));
        // the 周良街道 draft was outside the caller's area: untouched
        assertEquals("DRAFT", summary(TestApi.FINANCE, month, "subdistrict=周良街道").getString("items[0].status"));
    }

    private static void executeAsSuperuser(String sql) throws SQLException {
        try (Connection c = DbAdmin.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
