package cn.laorenjia.settlement.counter;

import cn.laorenjia.settlement.security.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

/** The counter's light probe: 204 and no body for a terminal it knows, 401 for anyone else. */
@QuarkusTest
class CounterPingTest {

    @Test
    void aKnownTerminalGetsNoContentAndAStrangerIsRefused() {
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        asTerminal(terminal).get("/api/counter/ping").then().statusCode(204).body(emptyString());

        RestAssured.given().get("/api/counter/ping").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        asTerminal(terminal.substring(0, terminal.length() - 2) + "xx").get("/api/counter/ping").then().statusCode(401);
    }
}
