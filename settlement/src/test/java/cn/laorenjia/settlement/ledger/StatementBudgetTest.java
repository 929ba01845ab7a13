package cn.laorenjia.settlement.ledger;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import cn.laorenjia.settlement.testing.sql.SqlCount;
import cn.laorenjia.settlement.testing.sql.SqlCounter;
import cn.laorenjia.settlement.testing.sql.StatementCountingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A deterministic guard on the database work of a sale (issue 17): the SQL statements and round trips of one granted
 * authorisation by card, one void, and one offline batch of 100 sales, each through real HTTP with a terminal's
 * credential, counted at the JDBC driver (p6spy, {@link SqlCounter}) on the real PostgreSQL of the tests. No timing:
 * a count that grows beyond its budget fails, and so does one below it, so that a saving is locked in.
 *
 * <p>Counted after a warm-up of each operation (the terminal credential cache, first-use queries), with every schedule
 * off ({@link StatementCountingProfile}); each operation is measured {@value #REPETITIONS} times and must give the same
 * figures every time.
 */
@QuarkusTest
@TestProfile(StatementCountingProfile.class)
class StatementBudgetTest {

    /*
     * The budgets, identical on the embedded server and on a real one. Before issue 17 an authorisation took 13
     * statements (14 round trips), a void 11 (12) and this offline batch 23 (24); now a granted sale is: the replay
     * check, terminal with canteen, set and cashier, card with senior and facts, quota lock with counters (V21), both
     * counters taken, the entry; then the commit. Statements = executions, one per executeBatch call included; round trips =
     * statements + commits + rollbacks; batched rows = rows added to JDBC batches. Lower them when a change saves
     * statements (the test says to); raise one only with a reason in the commit message.
     * Issue 20 added one to each: the counter's transactions begin with SET LOCAL statement_timeout (availability
     * .CounterPathInterceptor), so that a lock wait during stalled commits is cancelled by the server after 3 s and the
     * connection kept, instead of the socket timeout cutting it and leaving a backend waiting on the server.
     */
    static final Budget AUTHORISATION = new Budget("one authorisation (card, granted)", 7, 8, 1);
    static final Budget VOID = new Budget("one void", 7, 8, 1);
    static final Budget OFFLINE_BATCH = new Budget("one offline batch of " + StatementBudgetTest.BATCH + " sales", 21, 22, 100);

    static final int BATCH = 100;
    private static final int REPETITIONS = 3;

    @Inject
    TestClock clock;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void oneAuthorisationOneVoidAndOneOfflineBatchStayWithinTheirBudgets() {
        assertTrue(jdbcUrl.startsWith("jdbc:p6spy:"), "the datasource must go through p6spy: " + jdbcUrl);

        // One canteen: a terminal for live sales and voids, one per offline batch (each terminal's offline allowance per
        // day is the production one, 40: a batch of 100 spreads over three past days).
        JsonPath canteen = registerCanteen(2 + REPETITIONS);
        String live = canteen.getString("terminalSecrets[0].authorization");
        List<String> offlineTerminals = new ArrayList<>();
        for (int i = 1; i < 2 + REPETITIONS; i++) {
            offlineTerminals.add(canteen.getString("terminalSecrets[" + i + "].authorization"));
        }
        // Fresh seniors for everything: nothing any other test did to a senior's quota counts here.
        List<String> liveSeniors = seniors(1 + REPETITIONS);
        List<List<String>> batchSeniors = new ArrayList<>();
        for (int i = 0; i < 1 + REPETITIONS; i++) {
            batchSeniors.add(seniors(BATCH));
        }
        // Every terminal's credential read once and cached before anything is counted.
        for (String terminal : offlineTerminals) {
            TestApi.asTerminal(terminal).queryParam("cardKind", "UID").queryParam("identifier", liveSeniors.get(0))
                    .get("/api/meals/quota").then().statusCode(200);
        }

        // Warm-up: one of each, not counted.
        String warmSale = authorise(live, liveSeniors.get(0));
        voidSale(live, warmSale);
        syncBatch(offlineTerminals.get(0), batchSeniors.get(0));

        List<SqlCount> authorisations = new ArrayList<>();
        List<SqlCount> voids = new ArrayList<>();
        List<SqlCount> batches = new ArrayList<>();
        for (int r = 1; r <= REPETITIONS; r++) {
            String senior = liveSeniors.get(r);
            SqlCounter.Counted<String> sale = SqlCounter.count(() -> authorise(live, senior));
            authorisations.add(sale.count());
            voids.add(SqlCounter.count(() -> voidSale(live, sale.result())).count());
            String terminal = offlineTerminals.get(r);
            List<String> group = batchSeniors.get(r);
            batches.add(SqlCounter.count(() -> syncBatch(terminal, group)).count());
        }

        System.out.println("Statement budget (database " + jdbcUrl.replaceAll("//[^/]*@", "//") + "):");
        report(AUTHORISATION, authorisations);
        report(VOID, voids);
        report(OFFLINE_BATCH, batches);

        assertAll(
                stable(AUTHORISATION, authorisations), stable(VOID, voids), stable(OFFLINE_BATCH, batches),
                () -> AUTHORISATION.check(authorisations.get(0)),
                () -> VOID.check(voids.get(0)),
                () -> OFFLINE_BATCH.check(batches.get(0)));
    }

    /** A budget: the counts an operation may send, no more and no fewer. */
    record Budget(String operation, long statements, long roundTrips, long batchedRows) {

        void check(SqlCount measured) {
            if (measured.statements() == 0) {
                fail(operation + ": the counter saw no statement at all; is p6spy's module SqlCounter$Module installed "
                        + "(spy.properties, modulelist)?");
            }
            List<String> problems = new ArrayList<>();
            compare("statements", statements, measured.statements(), problems);
            compare("round trips", roundTrips, measured.roundTrips(), problems);
            compare("batched rows", batchedRows, measured.batchedRows(), problems);
            if (!problems.isEmpty()) {
                fail(operation + ": " + String.join("; ", problems) + "\n  measured: " + measured.summary()
                        + "\n  its SQL:\n" + measured.listing());
            }
        }

        private static void compare(String what, long budget, long measured, List<String> problems) {
            if (measured > budget) {
                problems.add(what + " grew to " + measured + ", over the budget of " + budget
                        + " (see which statement is new below)");
            } else if (measured < budget) {
                problems.add(what + " fell to " + measured + ", below the budget of " + budget
                        + ": lower the budget to " + measured);
            }
        }
    }

    /** Every repetition sent the same statements: otherwise the counts are no guard. */
    private static Executable stable(Budget budget, List<SqlCount> runs) {
        return () -> {
            for (SqlCount run : runs) {
                if (!run.figures().equals(runs.get(0).figures()) || !run.sql().equals(runs.get(0).sql())) {
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < runs.size(); i++) {
                        all.append("  run ").append(i + 1).append(": ").append(runs.get(i).summary()).append('\n')
                                .append(runs.get(i).listing());
                    }
                    fail(budget.operation() + ": the repetitions differ, the count is not deterministic\n" + all);
                }
            }
        };
    }

    private static void report(Budget budget, List<SqlCount> runs) {
        StringBuilder line = new StringBuilder("  " + budget.operation() + ":");
        for (SqlCount run : runs) {
            line.append(" [statements ").append(run.statements()).append(", round trips ").append(run.roundTrips())
                    .append(", batched rows ").append(run.batchedRows()).append(']');
        }
        System.out.println(line);
        System.out.println("    " + runs.get(0).summary());
        System.out.print(runs.get(0).listing());
    }

    // ---- the three operations, through HTTP as a counter terminal does them

    /** Authorises a lunch now by the senior's UID card; answers the sale id. */
    private String authorise(String terminal, String uid) {
        String saleId = UUID.randomUUID().toString();
        TestApi.asTerminal(terminal).body(sale(saleId, uid, clock.instant())).post("/api/meals").then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("SUBSIDISED"));
        return saleId;
    }

    private Void voidSale(String terminal, String saleId) {
        TestApi.asTerminal(terminal)
                .body(Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", at(clock.instant()), "reason", "选错套餐"))
                .post("/api/meals/" + saleId + "/void").then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("VOIDED"));
        return null;
    }

    /** One sync of {@value #BATCH} offline sales, one per senior, spread over the last three weekdays before Monday. */
    private Void syncBatch(String terminal, List<String> uids) {
        Instant monday = clock.instant();
        List<Map<String, Object>> sales = new ArrayList<>();
        for (int i = 0; i < uids.size(); i++) {
            // Friday, Thursday and Wednesday lunch: at most 34 a day, within the terminal's allowance of 40
            Instant when = monday.minus(Duration.ofDays(3 + i % 3)).plusSeconds(i);
            Map<String, Object> sale = sale(UUID.randomUUID().toString(), uids.get(i), when);
            sale.put("granted", true);
            sales.add(sale);
        }
        List<String> statuses = TestApi.asTerminal(terminal).body(Map.of("sales", sales)).post("/api/meals/offline")
                .then().statusCode(200).extract().jsonPath().getList("status", String.class);
        assertEquals(uids.size(), statuses.stream().filter("SUBSIDISED"::equals).count(), statuses.toString());
        return null;
    }

    private static Map<String, Object> sale(String saleId, String uid, Instant when) {
        Map<String, Object> sale = new HashMap<>();
        sale.put("saleId", saleId);
        sale.put("occurredAt", at(when));
        sale.put("identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid));
        sale.put("mealSetCode", "L-STD");
        sale.put("priceFen", 1500);
        return sale;
    }

    private static String at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ChinaCalendar.ZONE).toString();
    }

    private static List<String> seniors(int count) {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            uids.add(TestApi.registerSenior("预算测试", "宝坻区"));
        }
        return uids;
    }

    /** A canteen with a 15-yuan standard lunch and that many terminals, registered through the API. */
    private static JsonPath registerCanteen(int terminals) {
        String code = TestApi.unique("TSB");
        List<Map<String, Object>> terminalList = new ArrayList<>();
        for (int i = 1; i <= terminals; i++) {
            terminalList.add(Map.of("code", code + "-T" + i, "name", i + "号收银台"));
        }
        return TestApi.as(TestApi.ADMIN).body(Map.of(
                        "code", code, "name", "语句预算测试食堂", "jurisdiction", "tianjin", "district", "宝坻区",
                        "subdistrict", "海滨街道", "address", "测试路3号", "standardSetPriceFen", 1500,
                        "menu", List.of(Map.of("code", "L-STD", "name", "标准午餐套餐", "slot", "LUNCH", "priceFen", 1500)),
                        "terminals", terminalList))
                .post("/api/register/canteens").then().statusCode(201).extract().jsonPath();
    }
}
