package cn.laorenjia.terminal.observe;

import cn.laorenjia.terminal.testing.CounterApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON logs option (LAORENJIA_LOG_JSON=true): one object per line, Beijing time, the request id in "mdc". */
@QuarkusTest
@TestProfile(CounterJsonLogTest.JsonLogs.class)
class CounterJsonLogTest {

    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // what LAORENJIA_LOG_JSON=true sets
            return Map.of("quarkus.log.console.json.enabled", "true");
        }
    }

    @Test
    void anAccessLogLineIsOneJsonObjectInBeijingTimeWithItsRequestId() throws Exception {
        String mine = "json-test-" + UUID.randomUUID();
        try (LogCapture logs = new LogCapture()) {
            CounterApi.given().header(RequestIds.HEADER, mine).get("/api/terminal").then().statusCode(200);
            long until = System.nanoTime() + 5_000_000_000L;
            ExtLogRecord access = null;
            while (access == null && System.nanoTime() < until) {
                access = logs.records().stream().filter(r -> r.getLoggerName().equals("io.quarkus.http.access-log")
                        && r.getFormattedMessage().contains(mine)).findFirst().orElse(null);
            }
            assertTrue(access != null, "no access log line");
            String line = LogCapture.consoleFormatter().format(access);
            assertEquals(1, line.strip().lines().count(), line);
            JsonNode json = new ObjectMapper().readTree(line);
            assertTrue(json.path("timestamp").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00"), line);
            assertEquals(mine, json.path("mdc").path(RequestIds.MDC_KEY).asText(), line);
            assertTrue(json.path("message").asText().contains("GET /api/terminal"), line);
        }
    }
}
