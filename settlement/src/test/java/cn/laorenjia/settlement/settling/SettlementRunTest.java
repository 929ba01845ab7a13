package cn.laorenjia.settlement.settling;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.service.SettlementRepository;
import cn.laorenjia.settlement.testing.DbAdmin;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

        // a meal of day 7 is recorded after the day was settled (the ledger takes it as a late sync would)
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

        // the database refuses to change a settled day, whoever asks: the service's role by privilege, even a
        // superuser by the trigger
        SQLException refused = assertThrows(SQLException.class, () -> execute(
                "update settled_day set meals = meals + 1 where canteen_id = " + canteen.canteenId));
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
        assertThrows(SQLException.class, () -> execute(
                "delete from settlement_adjustment where canteen_id = " + canteen.canteenId));
        try (Connection c = DbAdmin.connect(); Statement s = c.createStatement()) {
            SQLException byTrigger = assertThrows(SQLException.class, () -> s.execute(
                    "update settled_day set meals = meals + 1 where canteen_id = " + canteen.canteenId));
            assertTrue(byTrigger.getMessage().contains("append-only"), byTrigger.getMessage());
            assertThrows(SQLException.class, () -> s.execute(
                    "delete from settlement_adjustment where canteen_id = " + canteen.canteenId));
        }
    }

    @Test
    void aDayWhoseMealsCarryTwoRuleVersionsIsSettledPerVersionAsTheLedgerSays() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(5);
        SettlementFixture canteen = SettlementFixture.newCanteen("钰华街道");
        String a = SettlementFixture.newSenior("周玉珍");
        String b = SettlementFixture.newSenior("吴长海");
        canteen.lunch(a, month.atDay(3));
        String sale = canteen.lunch(b, month.atDay(3));
        // Entries decided under another version than the one in force now (an instance still running an older
        // policy catalogue): one more on day 3, and day 4's only meal. The API cannot make them, so they are
        // written as the ledger would have written them then.
        recordUnderVersion(sale, "tianjin-2022", 0);
        recordUnderVersion(sale, "tianjin-2022", 1);

        JsonPath run = SettlementFixture.settle(month);
        assertTrue(run.getBoolean("reconciled"), run.prettify());
        assertEquals(2, run.getInt("mixedVersionDays"), "day 3 has two versions, day 4 one the catalogue did not expect");
        assertEquals(List.of(
                List.of(month.atDay(3).toString(), "tianjin-2022", 1L, 300L, 200L),
                List.of(month.atDay(3).toString(), "tianjin-2024", 2L, 600L, 400L),
                List.of(month.atDay(4).toString(), "tianjin-2022", 1L, 300L, 200L)),
                rows("select meal_date::text, rule_version, meals, discount_fen, operating_subsidy_fen from settled_day "
                        + "where canteen_id = " + canteen.canteenId + " order by meal_date, rule_version", 1));
        JsonPath statements = as(TestApi.FINANCE).get("/api/settlement/statements?month=" + month).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("tianjin-2022", "tianjin-2024"),
                statements.getList("find { it.canteenId == " + canteen.canteenId + " }.ruleVersions"));

        // a late meal of the older version on day 3 is an adjustment of that version; then nothing is new
        recordUnderVersion(sale, "tianjin-2022", 0);
        JsonPath next = SettlementFixture.settle(month);
        assertEquals(0, next.getInt("dayRows"));
        assertEquals(1, next.getInt("adjustmentRows"));
        assertTrue(next.getBoolean("reconciled"));
        assertEquals(List.of(List.of(month.atDay(3).toString(), "tianjin-2022", 1L, 300L, 200L)),
                rows("select meal_date::text, rule_version, meals, discount_fen, operating_subsidy_fen "
                        + "from settlement_adjustment where canteen_id = " + canteen.canteenId, 1));
        assertEquals(0, SettlementFixture.settle(month).getInt("adjustmentRows"));
    }

    @Test
    void settledDaysReferenceTheirCanteenAndRunSetBased() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(7);
        SettlementFixture canteen = SettlementFixture.newCanteen("海滨街道");
        canteen.lunch(SettlementFixture.newSenior("郑秀云"), month.atDay(9));
        long runId = SettlementFixture.settle(month).getLong("runId");
        SQLException unknownCanteen = assertThrows(SQLException.class, () -> execute("""
                insert into settled_day (canteen_id, meal_date, rule_version, run_id, sales, voids, meals, discount_fen,
                                         operating_subsidy_fen, net_owed_fen)
                values (-1, date '%s', 'tianjin-2024', %d, 1, 0, 1, 300, 200, 500)""".formatted(month.atDay(9), runId)));
        assertTrue(unknownCanteen.getMessage().contains("canteen -1"), unknownCanteen.getMessage());
        assertEquals("23503", unknownCanteen.getSQLState());
        SQLException unknownRun = assertThrows(SQLException.class, () -> execute("""
                insert into settled_day (canteen_id, meal_date, rule_version, run_id, sales, voids, meals, discount_fen,
                                         operating_subsidy_fen, net_owed_fen)
                values (%d, date '%s', 'other', -5, 1, 0, 1, 300, 200, 500)""".formatted(canteen.canteenId, month.atDay(9))));
        assertTrue(unknownRun.getMessage().contains("settlement_run -5"), unknownRun.getMessage());
        SQLException runKept = assertThrows(SQLException.class, () -> execute(
                "delete from settlement_run where id = " + runId));
        assertTrue(runKept.getMessage().contains("has settled days"), runKept.getMessage());
        SQLException canteenKept = assertThrows(SQLException.class, () -> execute(
                "delete from canteen where id = " + canteen.canteenId));
        assertTrue(canteenKept.getMessage().contains("has settled days"), canteenKept.getMessage());
    }

    /** A copy of a sale's ledger entry as if decided under another version, this many days after the sale. */
    private void recordUnderVersion(String saleId, String version, int daysLater) throws SQLException {
        execute("""
                insert into meal_entry (entry_id, entry_type, senior_id, canteen_id, terminal_id, meal_set_id, slot,
                                        occurred_at, meal_date, week_monday, set_price_fen, standard_price_fen, subsidised,
                                        discount_fen, operating_subsidy_fen, paid_fen, rule_version, identified_by,
                                        request_hash, response)
                select gen_random_uuid(), entry_type, senior_id, canteen_id, terminal_id, meal_set_id, slot,
                       occurred_at + interval '%1$d day', meal_date + %1$d,
                       date_trunc('week', meal_date + %1$d)::date, set_price_fen, standard_price_fen, subsidised,
                       discount_fen, operating_subsidy_fen, paid_fen, '%2$s', identified_by, request_hash, response
                from meal_entry where entry_id = '%3$s'""".formatted(daysLater, version, saleId));
    }

    @Test
    void oneRunnerAtATimeAndOnlyDaysThatAreOver() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(4);
        try (Connection other = dataSource.getConnection(); Statement s = other.createStatement()) {
            s.execute("select pg_advisory_lock(" + SettlementRepository.LOCK_KEY + ")");
            try {
                as(TestApi.ADMIN).body(Map.of("from", month.atDay(1).toString(), "to", month.atDay(2).toString()))
                        .post("/api/settlement/runs").then().statusCode(409).body("code", equalTo("SETTLEMENT_RUNNING"));
            } finally {
                s.execute("select pg_advisory_unlock(" + SettlementRepository.LOCK_KEY + ")");
            }
        }
        LocalDate today = TestClock.current().today();
        as(TestApi.ADMIN).body(Map.of("from", today.minusDays(1).toString(), "to", today.toString()))
                .post("/api/settlement/runs").then().statusCode(400).body("code", equalTo("SETTLEMENT_DAY_NOT_OVER"));
        as(TestApi.ADMIN).body(Map.of("from", month.atDay(2).toString(), "to", month.atDay(1).toString()))
                .post("/api/settlement/runs").then().statusCode(400).body("code", equalTo("SETTLEMENT_RANGE_INVALID"));
        as(TestApi.SUPERVISOR).body(Map.of("from", month.atDay(1).toString(), "to", month.atDay(2).toString()))
                .post("/api/settlement/runs").then().statusCode(403);
        as(TestApi.FINANCE).get("/api/settlement/months/2026-13").then().statusCode(400)
                .body("code", equalTo("INVALID_MONTH"));
    }

    @Test
    void pastRunsAreListedNewestFirstWithTheirCheckAndTheChainHead() {
        YearMonth month = SettlementFixture.monthsAgo(12);
        SettlementFixture canteen = SettlementFixture.newCanteen("海滨街道");
        canteen.lunch(SettlementFixture.newSenior("钱桂兰"), month.atDay(8));
        // two runs started on two Beijing days no other test runs on; the second at 00:30 Beijing, still the
        // previous day in UTC: the filter's days are Beijing's
        ZonedDateTime firstAt = ZonedDateTime.of(2031, 3, 4, 10, 0, 0, 0, ChinaCalendar.ZONE);
        ZonedDateTime secondAt = ZonedDateTime.of(2031, 3, 5, 0, 30, 0, 0, ChinaCalendar.ZONE);
        TestClock.current().set(firstAt);
        JsonPath first = SettlementFixture.settle(month);
        TestClock.current().set(secondAt);
        JsonPath second = as(TestApi.FINANCE).body(Map.of("from", month.atDay(8).toString(), "to",
                month.atDay(9).toString())).post("/api/settlement/runs").then().statusCode(200).extract().jsonPath();
        TestClock.current().reset();

        JsonPath both = as(TestApi.FINANCE).get("/api/settlement/runs?from=2031-03-04&to=2031-03-05").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, both.getLong("total"));
        assertEquals(0, both.getInt("page"));
        assertEquals(50, both.getInt("pageSize"));
        assertEquals(List.of(second.getLong("runId"), first.getLong("runId")), both.getList("items.runId", Long.class),
                "newest first");

        Map<String, Object> run = both.getMap("items[0]");
        assertEquals(month.atDay(8).toString(), run.get("from"));
        assertEquals(month.atDay(9).toString(), run.get("to"));
        assertEquals(TestApi.FINANCE, run.get("triggeredBy"));
        assertEquals(secondAt.toInstant(), Instant.parse((String) run.get("startedAt")));
        assertTrue(!Instant.parse((String) run.get("finishedAt")).isBefore(secondAt.toInstant()));
        assertEquals(true, run.get("reconciled"));
        assertEquals(0, run.get("mismatchedGroups"));
        assertEquals(second.getLong("ledgerSeq"), both.getLong("items[0].ledgerSeq"));
        // the check's figures as the run reported them: the day 8 lunch, 3.00 off and 2.00 operating subsidy
        assertEquals(second.getLong("ledgerMeals"), both.getLong("items[0].ledger.meals"));
        assertEquals(second.getLong("settledMeals"), both.getLong("items[0].settled.meals"));
        assertEquals(second.getLong("ledgerDiscountFen"), both.getLong("items[0].ledger.discountFen"));
        assertEquals(second.getLong("settledOperatingFen"), both.getLong("items[0].settled.operatingSubsidyFen"));
        assertTrue(both.getLong("items[0].ledger.meals") >= 1, "the day 8 lunch is in the range");
        long owed = both.getLong("items[0].ledger.discountFen") + both.getLong("items[0].ledger.operatingSubsidyFen");
        assertEquals(owed, both.getLong("items[0].ledger.netOwedFen"));
        assertEquals(owed / 100 + "." + String.format("%02d", owed % 100), both.getString("items[0].ledger.netOwed"));
        // the head it saw; a run asked for a range verifies nothing
        assertEquals(second.getLong("chainPosition"), both.getLong("items[0].chainHead.position"));
        assertEquals(second.getString("chainHash"), both.getString("items[0].chainHead.hash"));
        assertEquals(64, both.getString("items[0].chainHead.hash").length());
        assertNull(both.get("items[0].chainVerified"));
        assertNull(both.get("items[0].chainProblem"));
        assertEquals(first.getInt("dayRows"), both.getInt("items[1].dayRows"));

        // Beijing days: 00:30 on the 5th is the 5th
        assertEquals(List.of(second.getLong("runId")), as(TestApi.SUPERVISOR)
                .get("/api/settlement/runs?from=2031-03-05&to=2031-03-05").then().statusCode(200).extract()
                .jsonPath().getList("items.runId", Long.class));
        assertEquals(first.getLong("runId"), as(TestApi.ADMIN).get("/api/settlement/runs?to=2031-03-04").then()
                .statusCode(200).extract().jsonPath().getLong("items[0].runId"));
        // neither verified the chain: the nightly runs leave them out
        List<Long> nightly = as(TestApi.FINANCE).get("/api/settlement/runs?nightly=true&from=2031-03-04").then()
                .statusCode(200).extract().jsonPath().getList("items.runId", Long.class);
        assertEquals(List.of(), nightly);
        assertEquals(0, as(TestApi.FINANCE).get("/api/settlement/runs?page=1&from=2031-03-04&to=2031-03-05").then()
                .statusCode(200).extract().jsonPath().getList("items").size());

        // refusals: bad dates, a range backwards, a page out of range, and no one unauthenticated
        as(TestApi.FINANCE).get("/api/settlement/runs?from=2031-13-01").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        as(TestApi.FINANCE).get("/api/settlement/runs?from=2031-03-05&to=2031-03-04").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("details.field", equalTo("to"));
        as(TestApi.FINANCE).get("/api/settlement/runs?page=-1").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        io.restassured.RestAssured.given().get("/api/settlement/runs").then().statusCode(401);
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
        return rows(sql, 0);
    }

    /** Rows of a query whose first column and the next {@code moreTexts} are text, the rest numbers. */
    private List<List<Object>> rows(String sql, int moreTexts) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= 1 + moreTexts; i++) {
                    row.add(rs.getString(i));
                }
                for (int i = 2 + moreTexts; i <= rs.getMetaData().getColumnCount(); i++) {
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
