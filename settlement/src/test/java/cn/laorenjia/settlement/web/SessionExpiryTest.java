package cn.laorenjia.settlement.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A session left idle past the timeout is over: the page sends the browser to sign in again, the API answers 401.
 * The timeout is configuration (shortened here to six seconds); Quarkus reads it against the system clock, so this
 * test waits for real.
 */
@QuarkusTest
@TestProfile(SessionExpiryTest.ShortIdleTimeout.class)
class SessionExpiryTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.form.timeout", "PT6S", "quarkus.http.auth.form.new-cookie-interval", "PT1S");
        }
    }

    @Test
    void anIdleSessionExpiresButAnActiveOneIsRenewed() throws InterruptedException {
        Response signedIn = SignInAndCrossSiteTest.signIn(FINANCE, "test-finance-password", null);
        assertEquals(302, signedIn.statusCode());
        String session = signedIn.cookie(SignInAndCrossSiteTest.SESSION);
        // in use, the cookie is renewed: five requests 2 s apart outlive the 6 s idle timeout
        for (int i = 0; i < 5; i++) {
            Thread.sleep(i == 0 ? 0 : 2000);
            Response r = given().cookie(SignInAndCrossSiteTest.SESSION, session).get("/api/security/me");
            assertEquals(200, r.statusCode(), "request " + i + " of an active session");
            if (r.cookie(SignInAndCrossSiteTest.SESSION) != null) {
                session = r.cookie(SignInAndCrossSiteTest.SESSION);
            }
        }

        Thread.sleep(7000);
        given().cookie(SignInAndCrossSiteTest.SESSION, session).get("/api/security/me").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        given().redirects().follow(false).cookie(SignInAndCrossSiteTest.SESSION, session).accept("text/html")
                .get("/finance").then().statusCode(302).header("Location", endsWith("/signin"));
    }
}
