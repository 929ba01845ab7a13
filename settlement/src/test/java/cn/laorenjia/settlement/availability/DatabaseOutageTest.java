package cn.laorenjia.settlement.availability;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.DbAdmin;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static cn.laorenjia.fixtures.sample.StorySeniors.LIU_DEMING_UID;
import static cn.laorenjia.fixtures.sample.StorySeniors.WANG_CHANGSHUN_UID;
import static cn.laorenjia.fixtures.sample.StorySeniors.ZHANG_SHUZHEN_UID;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The service on a database that dies and on one whose commits stall, with a PostgreSQL server of the test's own
 * ({@link RestartableDatabase}): requests answer 503 with Retry-After and the one error body within the counter's 8 s
 * read timeout, each failure is one log line (the stack trace once per incident), readiness follows the database
 * (liveness does not), the service recovers by itself, and a sale sent again with the same id is recorded once.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    /** The counter's read timeout (terminal: laorenjia.terminal.central.read-timeout). */
    private static final Duration COUNTER_READ_TIMEOUT = Duration.ofSeconds(8);

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the incident's end is noticed within a second of the database's return
            return Map.of("laorenjia.database.probe.every", "PT1S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private String terminal;

    @BeforeEach
    void canteenAndLogCapture() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void removeCapture() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aDeadDatabaseAnswers503WithRetryAfterLogsOneLinePerFailureAndTheServiceRecoversByItself() throws Exception {
        // a terminal never seen before the outage: its sign-in needs the database too
        String unseenTerminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        // Tuesday: the other test's seniors ate on Monday
        cn.laorenjia.settlement.testing.TestClock.current().lunchOn(java.time.LocalDate.of(2026, 11, 17));
        sell(terminal, UUID.randomUUID().toString(), ZHANG_SHUZHEN_UID).then().log().ifValidationFails().statusCode(200);
        assertEquals(200, given().get("/q/health/ready").statusCode());

        // from before the crash: a background job may be the first to fail (and log the incident's stack trace)
        logged.clear();
        RestartableDatabase.crash();

        List<String> failedSales = new ArrayList<>();
        int failedRequests = 0;
        for (int i = 0; i < 5; i++) {
            String saleId = UUID.randomUUID().toString();
            failedSales.add(saleId);
            unavailable(() -> sell(terminal, saleId, WANG_CHANGSHUN_UID), "sale " + i);
            failedRequests++;
        }
        unavailable(() -> sell(unseenTerminal, UUID.randomUUID().toString(), WANG_CHANGSHUN_UID), "an unseen terminal's sale");
        failedRequests++;
        unavailable(() -> TestApi.asTerminal(terminal).body(Map.of("sales", List.of())).post("/api/meals/offline"),
                "offline sync");
        failedRequests++;

        assertEquals(failedRequests, fromIncidents().stream().filter(r -> r.getMessage().contains("answered 503")).count(),
                "one log line per failed request:\n" + describe(logged));
        assertEquals(1, fromIncidents().stream().filter(r -> r.getThrown() != null).count(),
                "the stack trace once per incident:\n" + describe(logged));
        List<LogRecord> otherTraces = logged.stream()
                .filter(r -> r.getThrown() != null && !r.getLoggerName().equals(DatabaseIncidents.class.getName())).toList();
        assertEquals(List.of(), otherTraces.stream().map(DatabaseOutageTest::line).toList(), "no other stack trace");

        long start = System.nanoTime();
        Response ready = given().get("/q/health/ready");
        assertEquals(503, ready.statusCode(), ready.asString());
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(4)) < 0, "readiness answers within its bound");
        assertEquals(200, given().get("/q/health/live").statusCode(), "a restart does not repair a database: alive");

        RestartableDatabase.restart();
        awaitReady(Duration.ofSeconds(60));
        // recovered by itself: the first sale sent again is recorded, once
        sell(terminal, failedSales.get(0), WANG_CHANGSHUN_UID).then().log().ifValidationFails().statusCode(200);
        sell(terminal, failedSales.get(0), WANG_CHANGSHUN_UID).then().log().ifValidationFails().statusCode(200);
        assertEquals(1, count("select count(*) from meal_entry where entry_id = '" + failedSales.get(0) + "'"));
        sell(unseenTerminal, UUID.randomUUID().toString(), LIU_DEMING_UID).then().log().ifValidationFails().statusCode(200);
        assertTrue(logged.stream().anyMatch(r -> r.getLoggerName().equals(DatabaseIncidents.class.getName())
                && r.getMessage().contains("ended")), "the incident's end is logged:\n" + describe(logged));
        poolConnectionsHaveThePoolsSocketTimeout();
    }

    @Inject
    AgroalDataSource dataSource;

    /**
     * The sales' connections went back to the pool with the counter's 5 s socket timeout on them; the pool put its own
     * back (NetworkTimeoutReset), so a settlement run that takes one next is not cut after 5 s. Every idle connection is
     * taken at once (the pool's few, and new ones) and looked at.
     */
    private void poolConnectionsHaveThePoolsSocketTimeout() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Connection c = dataSource.getConnection();
                held.add(c);
                assertEquals(3_900_000, c.getNetworkTimeout(), "connection " + i + " of the pool");
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void stalledCommitsTurnReadinessDownAndASaleAnswers503InTimeThenIsRecordedOnceWhenResent() throws Exception {
        sell(terminal, UUID.randomUUID().toString(), ZHANG_SHUZHEN_UID); // signs the terminal in (either answer)
        assertEquals(200, given().get("/q/health/ready").statusCode());
        String saleId = UUID.randomUUID().toString();
        try {
            // the one synchronous standby does not exist: every commit that wrote something waits for it
            admin("alter system set synchronous_standby_names = 'standby_that_does_not_exist'");
            admin("select pg_reload_conf()");

            unavailable(() -> sell(terminal, saleId, LIU_DEMING_UID), "a sale while commits stall");

            long start = System.nanoTime();
            Response ready = given().get("/q/health/ready");
            Duration took = elapsed(start);
            assertEquals(503, ready.statusCode(), ready.asString());
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "readiness DOWN within its 3 s bound, took " + took);
            assertEquals(200, given().get("/q/health/live").statusCode());

            // sent again during the stall: the first attempt's row is still locked by its waiting commit
            unavailable(() -> sell(terminal, saleId, LIU_DEMING_UID), "the same sale again while commits stall");
        } finally {
            admin("alter system reset synchronous_standby_names");
            admin("select pg_reload_conf()");
        }
        awaitReady(Duration.ofSeconds(40));
        sell(terminal, saleId, LIU_DEMING_UID).then().log().ifValidationFails().statusCode(200);
        assertEquals(1, count("select count(*) from meal_entry where entry_id = '" + saleId + "'"),
                "the sale is in the ledger once");
    }

    /** Answers 503 DATABASE_UNAVAILABLE with Retry-After and a Chinese message, within the counter's read timeout. */
    private static void unavailable(java.util.function.Supplier<Response> request, String what) {
        long start = System.nanoTime();
        Response r = request.get();
        Duration took = elapsed(start);
        assertEquals(503, r.statusCode(), what + ": " + r.asString());
        assertEquals("DATABASE_UNAVAILABLE", r.jsonPath().getString("code"), what);
        assertTrue(r.jsonPath().getString("message").matches(".*\\p{IsHan}.*"), what);
        assertNotNull(r.header("Retry-After"), what + ": Retry-After");
        assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1, what);
        assertTrue(took.compareTo(COUNTER_READ_TIMEOUT) < 0, what + " answered in " + took);
        System.out.printf("%s: 503 in %d ms%n", what, took.toMillis());
    }

    private List<LogRecord> fromIncidents() {
        return logged.stream().filter(r -> r.getLoggerName() != null
                && r.getLoggerName().equals(DatabaseIncidents.class.getName())).toList();
    }

    private static Response sell(String terminal, String saleId, String uid) {
        return TestApi.asTerminal(terminal).body(Map.of("saleId", saleId,
                        "occurredAt", OffsetDateTime.now(cn.laorenjia.settlement.testing.TestClock.current()).toString(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                        "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals");
    }

    private static void awaitReady(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (RestAssured.given().get("/q/health/ready").statusCode() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        fail("not ready again within " + within);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DbAdmin.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DbAdmin.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String line(LogRecord r) {
        return r.getLevel() + " [" + r.getLoggerName() + "] " + r.getMessage()
                + (r.getThrown() == null ? "" : " <" + r.getThrown() + ">");
    }

    private static String describe(List<LogRecord> records) {
        StringBuilder b = new StringBuilder();
        for (LogRecord r : records) {
            b.append(line(r)).append('\n');
        }
        return b.toString();
    }
}
