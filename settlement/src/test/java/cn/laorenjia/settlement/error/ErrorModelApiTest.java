package cn.laorenjia.settlement.error;

import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.SeniorFact;
import cn.laorenjia.settlement.security.TestApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one error model over HTTP: a bug that escapes a service (an IllegalArgumentException or
 * IllegalStateException) is a 500 INTERNAL_ERROR naming an incident that the log holds with the stack trace,
 * never a 400 that blames the client; a bad request is still a 400 with its stable code, whether an
 * {@link InvalidRequest} or a Bean Validation constraint refuses it. The faulty service is a test-only
 * endpoint ({@link FaultyResource}); the bad requests go to the real register API.
 */
@QuarkusTest
class ErrorModelApiTest {

    private static final String HAN = "(?s).*\\p{IsHan}.*";
    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger(ApiExceptionMappers.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(ApiExceptionMappers.class.getName()).removeHandler(capture);
    }

    @Test
    void anIllegalArgumentExceptionFromAServiceIsAServerErrorWithAnIncidentInTheLog() {
        JsonPath answer = as(ADMIN).get("/api/test-only/errors/illegal-argument").then().statusCode(500)
                .body("code", equalTo("INTERNAL_ERROR")).body("message", matchesPattern(HAN))
                .body("details", aMapWithSize(1)).body("details.incident", matchesPattern(UUID_TEXT))
                // the caller learns nothing of the failure itself
                .body(not(containsString("截止日期 to 须晚于"))).extract().jsonPath();
        LogRecord entry = loggedWith(answer.getString("details.incident"));
        assertInstanceOf(IllegalArgumentException.class, entry.getThrown(), "the stack trace is in the log");
        assertTrue(entry.getThrown().getStackTrace().length > 0);
    }

    @Test
    void anIllegalStateExceptionFromAServiceIsAServerErrorToo() {
        JsonPath answer = as(ADMIN).get("/api/test-only/errors/illegal-state").then().statusCode(500)
                .body("code", equalTo("INTERNAL_ERROR")).body("details.incident", matchesPattern(UUID_TEXT))
                .body(not(containsString("SENSITIVE-DETAIL"))).extract().jsonPath();
        assertInstanceOf(IllegalStateException.class, loggedWith(answer.getString("details.incident")).getThrown());
        // each failure its own incident
        String again = as(ADMIN).get("/api/test-only/errors/illegal-state").then().statusCode(500)
                .extract().jsonPath().getString("details.incident");
        assertTrue(!again.equals(answer.getString("details.incident")));
    }

    @Test
    void anInvalidRequestFromAServiceIsABadRequestNamingTheField() {
        as(ADMIN).get("/api/test-only/errors/invalid-request").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN))
                .body("details.field", equalTo("mealSetCode"));
        assertTrue(logged.stream().noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()),
                "a refused request is no incident");
    }

    @Test
    void beanValidationRefusesARequestInTheSameShapeNamingTheField() {
        as(ADMIN).body(Map.of("items", List.of(Map.of("note", "ok")))).post("/api/test-only/errors/validated")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", equalTo("请填写名称 name")).body("details.field", equalTo("name"));
        as(ADMIN).body(Map.of("name", "x", "items", List.of(Map.of("note", "ok"), Map.of("note", "much too long"))))
                .post("/api/test-only/errors/validated").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", matchesPattern(HAN)).body("details.field", equalTo("items[1].note"));
        as(ADMIN).body("{\"name\":\"x\",\"items\":[null]}").post("/api/test-only/errors/validated").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("details.field", equalTo("items[0]"));
        as(ADMIN).body(Map.of("name", "x", "items", List.of(Map.of("note", "ok")))).post("/api/test-only/errors/validated")
                .then().statusCode(200);
    }

    @Test
    void badInputToTheRealApiIsStillABadRequestWithItsCode() {
        long[] before = counts();
        // a constraint of the request record: the register's canteen without its standard price
        as(ADMIN).body(Map.of("code", TestApi.unique("ERR"), "name", "错误测试食堂", "jurisdiction", "tianjin",
                        "district", "宝坻区", "subdistrict", "海滨街道", "address", "测试路4号"))
                .post("/api/register/canteens").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", matchesPattern(HAN)).body("details.field", equalTo("standardSetPriceFen"));
        // a value the core refuses while the request is turned into the register's command (a name of digits)
        as(ADMIN).body(Map.of("idNumber", TestApi.newIdNumber(true), "name", "12345", "district", "宝坻区",
                        "subdistrict", "海滨街道"))
                .post("/api/register/seniors").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", matchesPattern(HAN)).body("details.reason", matchesPattern(".*name.*"));
        // a fact that would end before it starts: the core's Period refuses the request's endOn
        long seniorId = as(ADMIN).body(Map.of("idNumber", TestApi.newIdNumber(false), "name", "错误测试",
                        "district", "宝坻区", "subdistrict", "海滨街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "2020-01-01"))))
                .post("/api/register/seniors").then().statusCode(201).extract().jsonPath().getLong("id");
        long factId = as(ADMIN).get("/api/register/seniors/" + seniorId).then().statusCode(200)
                .extract().jsonPath().getLong("facts[0].id");
        long[] withSenior = counts();
        as(ADMIN).body(Map.of("endOn", "2019-12-31"))
                .post("/api/register/seniors/" + seniorId + "/facts/" + factId + "/end").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", matchesPattern(HAN));
        as(ADMIN).body(Map.of()).post("/api/register/seniors/" + seniorId + "/facts/" + factId + "/end")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("details.field", equalTo("endOn"));
        assertArrayEquals(withSenior, counts(), "a refused request changes nothing");
        assertEquals(before[0] + 1, withSenior[0]);
        assertTrue(logged.stream().noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()),
                "bad input is no incident");
    }

    private LogRecord loggedWith(String incident) {
        return logged.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(r -> formatted(r).contains(incident)).findFirst()
                .orElseThrow(() -> new AssertionError("no log entry names incident " + incident + ": " + logged));
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = String.valueOf(record.getMessage());
        if (parameters != null) {
            for (Object p : parameters) {
                message = message + " " + p;
            }
        }
        return message;
    }

    private static long[] counts() {
        return QuarkusTransaction.requiringNew().call(() -> new long[] {Senior.count(), SeniorFact.count()});
    }
}
