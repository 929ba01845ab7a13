package cn.laorenjia.terminal;

import cn.laorenjia.terminal.testing.CounterApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class TerminalStartsTest {

    @Test
    void healthIsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesTheCounterPageInChinese() {
        given().when().get("/").then().statusCode(200).body(containsString("收银终端"));
    }

    @Test
    void reportsItsCentralService() {
        CounterApi.given().when().get("/api/terminal").then().statusCode(200)
                .body("settlementUrl", equalTo("http://localhost:8080"));
    }
}
