package cn.laorenjia.settlement.error;

import cn.laorenjia.settlement.security.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage sent to the real API is refused with a stable code and our own Chinese wording: never the text of a Java
 * exception (class names, Jackson's or java.time's messages), which tells an attacker about the inside and a person
 * nothing (issue 15).
 */
@QuarkusTest
class ErrorDetailsTest {

    private static final List<String> INTERNALS = List.of("Exception", "java.", "com.fasterxml", "cn.laorenjia",
            "Cannot deserialize", "Text '", "Unrecognized", "Unexpected character", "No enum constant", "at [Source");

    @Test
    void garbageJsonIsRefusedWithoutExceptionText() {
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{\"idNumber\":", "MALFORMED_REQUEST");
        bodies.put("[1,2,3]", "MALFORMED_REQUEST");
        bodies.put("{\"idNumber\": 123, \"name\": \"王\"}", "MALFORMED_REQUEST");
        bodies.put("{\"idNumber\": \"" + TestApi.newIdNumber(true) + "\", \"name\": \"王五\", \"district\": \"宝坻区\","
                + " \"subdistrict\": \"海滨街道\", \"facts\": [{\"kind\": \"LOCAL_HOUSEHOLD\", \"from\": \"2024-02-30\"}]}",
                "INVALID_REQUEST");
        bodies.put("{\"idNumber\": \"" + TestApi.newIdNumber(true) + "\", \"name\": \"王五\", \"district\": \"宝坻区\","
                + " \"subdistrict\": \"海滨街道\", \"facts\": [{\"kind\": \"NO_SUCH_KIND\", \"from\": \"2024-02-01\"}]}",
                "INVALID_REQUEST");
        bodies.put("{\"a\": \"\\u0000\", \"b\": 1e999999}", "INVALID_ID_NUMBER"); // unknown fields: no ID number
        bodies.put("\"just a string\"", "MALFORMED_REQUEST");
        bodies.forEach((body, code) -> {
            Response r = as(ADMIN).body(body).post("/api/register/seniors");
            assertEquals(400, r.statusCode(), body + " → " + r.asString());
            assertEquals(code, r.jsonPath().getString("code"), body + " → " + r.asString());
            assertNoInternals(body, r);
        });
        // the date that does not exist names its field, in Chinese
        Response date = as(ADMIN).body(bodies.keySet().toArray(String[]::new)[3]).post("/api/register/seniors");
        assertTrue(date.jsonPath().getString("message").contains("日期"), date.asString());
    }

    @Test
    void parametersOfTheWrongTypeAreRefusedWithoutExceptionText() {
        for (String path : List.of("/api/register/seniors/abc", "/api/register/seniors/99999999999999999999999",
                "/api/settlement/months/2024-13", "/api/settlement/canteens/x/days/2024-02-30/meals")) {
            Response r = as(ADMIN).get(path);
            assertEquals(400, r.statusCode(), path + " → " + r.asString());
            assertNoInternals(path, r);
        }
    }

    private static void assertNoInternals(String request, Response r) {
        String answer = r.asString();
        for (String internal : INTERNALS) {
            assertFalse(answer.contains(internal), request + " → " + answer);
        }
        assertTrue(r.jsonPath().getString("message").matches(".*\\p{IsHan}.*"), answer);
    }
}
