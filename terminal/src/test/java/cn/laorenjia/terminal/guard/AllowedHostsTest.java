package cn.laorenjia.terminal.guard;

import cn.laorenjia.terminal.testing.CounterApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** A counter reached under a further name (laorenjia.counter.allowed-hosts): that name and its origin are served. */
@QuarkusTest
@TestProfile(AllowedHostsTest.SecondScreen.class)
class AllowedHostsTest {

    public static class SecondScreen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("laorenjia.counter.allowed-hosts", "counter-1.canteen.lan:8081, Display.Canteen.LAN");
        }
    }

    @Test
    void theConfiguredNamesAndTheirOriginsAreServedAndNoOthers() {
        CounterApi.given().header("Host", "counter-1.canteen.lan:8081").header("Origin", "http://counter-1.canteen.lan:8081")
                .contentType(ContentType.JSON).body("{}").post("/api/sale/clear").then().statusCode(200);
        // a name without a port means port 80
        CounterApi.given().header("Host", "display.canteen.lan").get("/api/sale/state").then().statusCode(200);
        CounterApi.given().header("Host", "display.canteen.lan:8081").get("/api/sale/state").then().statusCode(421)
                .body("code", equalTo("HOST_NOT_ALLOWED"));
        CounterApi.given().header("Host", "counter-2.canteen.lan:8081").get("/api/sale/state").then().statusCode(421)
                .body("code", equalTo("HOST_NOT_ALLOWED"));
        CounterApi.given().header("Origin", "http://counter-2.canteen.lan:8081").get("/api/sale/state").then().statusCode(403)
                .body("code", equalTo("ORIGIN_NOT_ALLOWED"));
    }
}
