package cn.laorenjia.terminal.observe;

import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.terminal.testing.CounterApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter's /q/metrics on localhost, its request ids, access log and log times (README "运行监控与日志"). */
@QuarkusTest
class CounterObservabilityTest {

    @Inject
    OfflineCounter offline;

    @Test
    void metricsOnLocalhostShowTheQueueAndTheCentralsLastAnswer() {
        CounterApi.given().get("/api/terminal").then().statusCode(200); // a request of the pages, timed
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();
        assertEquals(offline.journal().pendingCount(SaleJournal.Mode.OFFLINE),
                value(metrics, "laorenjia_counter_queue_sales{mode=\"offline\"}"));
        assertEquals(offline.journal().pendingCount(SaleJournal.Mode.ONLINE),
                value(metrics, "laorenjia_counter_queue_sales{mode=\"online\"}"));
        assertEquals(offline.online() ? 1.0 : 0.0, value(metrics, "laorenjia_counter_online"));
        // no central runs beside this test: never answered since the start
        assertTrue(offline.lastAnswerAt() != null
                        || metrics.contains("laorenjia_counter_central_contact_age_seconds +Inf"), metrics);
        assertTrue(metrics.contains("# TYPE http_server_requests_seconds histogram"), "latency histograms");
        // the counter guard: another name for this machine (DNS rebinding) reads nothing
        given().header("Host", "attacker.example:" + io.restassured.RestAssured.port).get("/q/metrics")
                .then().statusCode(421);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void everyAnswerCarriesARequestIdAndTheAccessLogWritesItInBeijingTimeWithoutTheQuery() {
        given().header(RequestIds.HEADER, "bad id\nforged").get("/q/health/live").then()
                .header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
        String mine = "counter-test-" + UUID.randomUUID();
        try (LogCapture logs = new LogCapture()) {
            CounterApi.given().header(RequestIds.HEADER, mine).queryParam("token", "secret-in-a-query")
                    .get("/api/terminal").then().statusCode(200).header(RequestIds.HEADER, equalTo(mine))
                    .body(containsString("settlementUrl"));
            ExtLogRecord access = await(logs, mine);
            String line = LogCapture.consoleFormatter().format(access);
            assertTrue(line.contains("\"GET /api/terminal HTTP/1.1\" 200"), line);
            assertFalse(line.contains("secret-in-a-query") || line.contains(CounterApi.token()), line);
            assertTrue(Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00 INFO ").matcher(line).find(), line);
        }
    }

    private static ExtLogRecord await(LogCapture logs, String requestId) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until) {
            for (ExtLogRecord r : logs.records()) {
                if (r.getLoggerName().equals("io.quarkus.http.access-log") && r.getFormattedMessage().contains("rid=" + requestId)) {
                    return r;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no access log line with " + requestId);
    }

    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            line = line.replace(",}", "}"); // the 0.0.4 text format may end the labels with a comma
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }
}
