package cn.laorenjia.settlement.statement;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import cn.laorenjia.settlement.testing.DbAdmin;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;

import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Draft -> confirmed by finance -> immutable (API and database), corrections on the next statement. */
@QuarkusTest
class StatementTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aStatementIsConfirmedOnceNeverChangesAndLateMealsGoOntoTheNextOne() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(6);
        SettlementFixture canteen = SettlementFixture.newCanteen("周良街道");
        canteen.recordFixtureMonth(month);
        SettlementFixture.settle(month);

        JsonPath draft = statementOf(canteen, month);
        assertEquals("DRAFT", draft.getString("status"));
        assertEquals(List.of("tianjin-2024"), draft.getList("ruleVersions"));
        assertEquals(5, draft.getInt("total.meals"));
        assertEquals(6, draft.getInt("total.sales"));
        assertEquals(1, draft.getInt("total.voids"));
        assertEquals("15.00", draft.getString("total.discount"));
        assertEquals("10.00", draft.getString("total.operatingSubsidy"));
        assertEquals("25.00", draft.getString("total.netOwed"));
        assertEquals(5, draft.getList("lines").size());
        assertTrue(draft.getBoolean("reconciled"));
        long id = draft.getLong("id");

        // a meal of the month arrives late, before anyone settled it: the statement no longer equals the ledger
        String senior = SettlementFixture.newSenior("钱玉珍");
        canteen.lunch(senior, month.atDay(12));
        as(TestApi.FINANCE).post("/api/settlement/statements/" + id + "/confirm").then().statusCode(409)
                .body("code", equalTo("STATEMENT_NOT_RECONCILED"));
        // settled: it is an adjustment of its own month, still on this (draft) statement
        SettlementFixture.settle(month);
        as(TestApi.ADMIN).post("/api/settlement/statements/" + id + "/confirm").then().statusCode(403);
        JsonPath confirmed = as(TestApi.FINANCE).post("/api/settlement/statements/" + id + "/confirm").then()
                .statusCode(200).body("status", equalTo("CONFIRMED")).body("confirmedBy", equalTo("test-finance"))
                .extract().jsonPath();
        assertEquals(6, confirmed.getInt("total.meals"));
        assertEquals("30.00", confirmed.getString("total.netOwed"));
        assertEquals("ADJUSTMENT", confirmed.getString("lines.find { it.mealDate == '" + month.atDay(12) + "' }.kind"));
        assertEquals(1, confirmed.getInt("adjustments.meals"));

        as(TestApi.FINANCE).post("/api/settlement/statements/" + id + "/confirm").then().statusCode(409)
                .body("code", equalTo("STATEMENT_CONFIRMED"));

        // another late meal of the confirmed month: the confirmed statement stays as it was ...
        canteen.lunch(senior, month.atDay(13));
        SettlementFixture.settle(month);
        JsonPath after = as(TestApi.FINANCE).get("/api/settlement/statements/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(confirmed.getMap("total"), after.getMap("total"));
        assertEquals(confirmed.getList("lines"), after.getList("lines"));
        assertFalse(after.getBoolean("reconciled"), "the ledger moved on; the difference is on the next statement");
        // ... and the correction is an adjustment line on the next month's statement
        YearMonth next = month.plusMonths(1);
        as(TestApi.FINANCE).post("/api/settlement/statements/drafts?month=" + next).then().statusCode(200);
        JsonPath nextStatement = statementOf(canteen, next);
        assertEquals("DRAFT", nextStatement.getString("status"));
        assertEquals(List.of("ADJUSTMENT"), nextStatement.getList("lines.kind"));
        assertEquals(month.atDay(13).toString(), nextStatement.getString("lines[0].mealDate"));
        assertEquals("5.00", nextStatement.getString("earlierMonths.netOwed"));
        assertEquals("5.00", nextStatement.getString("total.netOwed"));

        // the database itself refuses to change a confirmed statement or its lines, even to a superuser (the
        // service's role is refused most of these by privilege already: DatabaseRolesTest)
        for (String sql : List.of(
                "update statement set net_owed_fen = 0, discount_fen = 0, operating_subsidy_fen = 0 where id = " + id,
                "delete from statement_confirmation where statement_id = " + id,
                "update statement_confirmation set net_owed_fen = 0, discount_fen = 0, operating_subsidy_fen = 0"
                        + " where statement_id = " + id,
                "delete from statement_line where statement_id = " + id,
                "update statement_line set meals = 0 where statement_id = " + id,
                "insert into statement_line (statement_id, line_no, kind, meal_date, rule_version, sales, voids, meals,"
                        + " discount_fen, operating_subsidy_fen, net_owed_fen) values (" + id
                        + ", 999, 'DAY', '" + month.atDay(1) + "', 'x', 1, 0, 1, 300, 200, 500)",
                "delete from statement where id = " + id)) {
            SQLException refused = assertThrows(SQLException.class, () -> executeAsSuperuser(sql), sql);
            assertTrue(refused.getMessage().contains("confirmed"), refused.getMessage());
        }
        assertEquals(confirmed.getMap("total"), as(TestApi.FINANCE).get("/api/settlement/statements/" + id)
                .then().extract().jsonPath().getMap("total"));
    }

    private static JsonPath statementOf(SettlementFixture canteen, YearMonth month) {
        JsonPath all = as(TestApi.FINANCE).get("/api/settlement/statements?month=" + month).then().statusCode(200)
                .extract().jsonPath();
        Object mine = all.get("find { it.canteenId == " + canteen.canteenId + " }");
        return new JsonPath(as(TestApi.FINANCE).get("/api/settlement/statements/" + ((java.util.Map<?, ?>) mine).get("id"))
                .then().statusCode(200).extract().asString());
    }

    private static void executeAsSuperuser(String sql) throws SQLException {
        try (Connection c = DbAdmin.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
