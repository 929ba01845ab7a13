package cn.laorenjia.settlement.tls;

import cn.laorenjia.settlement.security.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Behind a TLS-terminating reverse proxy (laorenjia.http.behind-proxy=true), the client's address comes from the
 * proxy's X-Forwarded-For: the audit trail and the sign-in throttle see the person, not the proxy.
 * {@link ForwardedHeadersIgnoredTest} shows the same header ignored when the setting is off.
 */
@QuarkusTest
@TestProfile(BehindProxyTest.BehindProxy.class)
class BehindProxyTest {

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("laorenjia.http.behind-proxy", "true");
        }
    }

    @Test
    void theForwardedClientAddressIsTheOneRecorded() {
        String username = TestApi.unique("proxied").toLowerCase();
        given().header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https")
                .auth().preemptive().basic(username, "wrong-password").get("/api/security/me").then().statusCode(401);
        as(ADMIN).queryParam("actor", username).queryParam("action", "SIGN_IN_FAILED").get("/api/audit").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].address", equalTo("203.0.113.7"));
    }
}
