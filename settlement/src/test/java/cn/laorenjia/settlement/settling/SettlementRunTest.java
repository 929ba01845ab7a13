package cn.laorenjia.settlement.settling;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.service.SettlementSql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nightly settlement on a hand-computed month: figures, re-runs, late meals, the lock and the refusals. */
@QuarkusTest
class SettlementRunTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFixtureMonthSettlesToTheHandComputedFiguresAndARerunChangesNothing() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(2);
        SettlementFixture canteen = SettlementFixture.newCanteen("钰华街道");
        canteen.recordFixtureMonth(month);

        JsonPath first = SettlementFixture.settle(month);
        assertTrue(first.getBoolean("reconciled"), first.prettify());
        assertEquals(0, first.getInt("mismatchedGroups"));
        assertEquals(first.getLong("ledgerMeals"), first.getLong("settledMeals"));

        // per day, as computed by hand in SettlementFixture.recordFixtureMonth
        assertEquals(List.of(
                List.of(month.atDay(3).toString(), 2L, 0L, 2L, 600L, 400L, 1000L),
                List.of(month.atDay(4).toString(), 1L, 0L, 1L, 300L, 200L, 500L),
                List.of(month.atDay(5).toString(), 1L, 0L, 1L, 300L, 200L, 500L),
                List.of(month.atDay(10).toString(), 1L, 1L, 0L, 0L, 0L, 0L),
                List.of(month.atDay(20).toString(), 1L, 0L, 1L, 300L, 200L, 500L)), settledDays(canteen.canteenId));

        JsonPath figures = as(TestApi.FINANCE).get("/api/settlement/months/" + month).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> mine = figures.getMap("canteens.find { it.canteenId == " + canteen.canteenId + " }");
        assertEquals(Map.of("sales", 6, "voids", 1, "meals", 5, "discountFen", 1500, "operatingSubsidyFen", 1000,
                "netOwedFen", 2500), withoutYuan(mine.get("total")));
        assertEquals("25.00", ((Map<?, ?>) mine.get("total")).get("netOwed"));
        assertEquals(List.of("tianjin-2024"), mine.get("ruleVersions"));
        // the 街镇 and district rollups add up their canteens
        long subdistrictSum = figures.getList("canteens.findAll { it.subdistrict == '钰华街道' }.total.netOwedFen",
                Integer.class).stream().mapToLong(Integer::longValue).sum();
        assertEquals(subdistrictSum, figures.getLong("subdistricts.find { it.subdistrict == '钰华街道' }.total.netOwedFen"));
        assertEquals(figures.getLong("total.netOwedFen"), figures.getList("districts.total.netOwedFen", Integer.class)
                .stream().mapToLong(Integer::longValue).sum());

        // the same range again: identical figures, nothing new written
        List<List<Object>> before = settledDays(canteen.canteenId);
        JsonPath again = SettlementFixture.settle(month);
        assertEquals(0, again.getInt("dayRows"));
        assertEquals(0, again.getInt("adjustmentRows"));
        assertTrue(again.getBoolean("reconciled"));
        assertEquals(first.getLong("ledgerDiscountFen"), again.getLong("settledDiscountFen"));
        assertEquals(before, settledDays(canteen.canteenId));
    }

    @Test
    void aMealArrivingAfterItsDayWasSettledBecomesAnAdjustmentOnTheNextRun() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(3);
        SettlementFixture canteen = SettlementFixture.newCanteen("海滨街道");
        String senior = SettlementFixture.newSenior("孙桂芝");
        canteen.lunch(senior, month.atDay(6));
        SettlementFixture.settle(month);
        List<List<Object>> settled = settledDays(canteen.canteenId);

        // an offline terminal sends a meal of day 7 now, after the day was settled
        canteen.lunch(senior, month.atDay(7));
        JsonPath next = SettlementFixture.settle(month);
        assertEquals(0, next.getInt("dayRows"));
        assertEquals(1, next.getInt("adjustmentRows"));
        assertTrue(next.getBoolean("reconciled"));
        assertEquals(settled, settledDays(canteen.canteenId), "a settled day never changes");
        assertEquals(List.of(List.of(month.atDay(7).toString(), 1L, 0L, 1L, 300L, 200L, 500L)),
                rows("select meal_date::text, sales, voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen "
                        + "from settlement_adjustment where canteen_id = " + canteen.canteenId));
        // and the next run again finds nothing new
        assertEquals(0, SettlementFixture.settle(month).getInt("adjustmentRows"));

        // the database refuses to change a settled day, whoever asks
        SQLException refused = assertThrows(SQLException.class, () -> execute(
                "update settled_day set meals = meals + 1 where canteen_id = " + canteen.canteenId));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        assertThrows(SQLException.class, () -> execute(
                "delete from settlement_adjustment where canteen_id = " + canteen.canteenId));
    }

    @Test
    void oneRunnerAtATimeAndOnlyDaysThatAreOver() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(4);
        try (Connection other = dataSource.getConnection(); Statement s = other.createStatement()) {
            s.execute("select pg_advisory_lock(" + SettlementSql.LOCK_KEY + ")");
            try {
                as(TestApi.ADMIN).body(Map.of("from", month.atDay(1).toString(), "to", month.atDay(2).toString()))
                        .post("/api/settlement/runs").then().statusCode(409).body("code", equalTo("SETTLEMENT_RUNNING"));
            } finally {
                s.execute("select pg_advisory_unlock(" + SettlementSql.LOCK_KEY + ")");
            }
        }
        LocalDate today = cn.laorenjia.core.calendar.ChinaCalendar.mealDate(java.time.Instant.now());
        as(TestApi.ADMIN).body(Map.of("from", today.minusDays(1).toString(), "to", today.toString()))
                .post("/api/settlement/runs").then().statusCode(400).body("code", equalTo("SETTLEMENT_DAY_NOT_OVER"));
        as(TestApi.ADMIN).body(Map.of("from", month.atDay(2).toString(), "to", month.atDay(1).toString()))
                .post("/api/settlement/runs").then().statusCode(400).body("code", equalTo("SETTLEMENT_RANGE_INVALID"));
        as(TestApi.SUPERVISOR).body(Map.of("from", month.atDay(1).toString(), "to", month.atDay(2).toString()))
                .post("/api/settlement/runs").then().statusCode(403);
        as(TestApi.FINANCE).get("/api/settlement/months/2026-13").then().statusCode(400)
                .body("code", equalTo("INVALID_MONTH"));
    }

    private static Map<String, Object> withoutYuan(Object figures) {
        Map<String, Object> m = new java.util.HashMap<>((Map<String, Object>) figures);
        m.keySet().removeAll(List.of("discount", "operatingSubsidy", "netOwed"));
        return m;
    }

    private List<List<Object>> settledDays(long canteenId) throws SQLException {
        return rows("select meal_date::text, sales::bigint, voids::bigint, meals::bigint, discount_fen, "
                + "operating_subsidy_fen, net_owed_fen from settled_day where canteen_id = " + canteenId
                + " order by meal_date");
    }

    private List<List<Object>> rows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                row.add(rs.getString(1));
                for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getLong(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
