package cn.laorenjia.settlement.web;

import cn.laorenjia.settlement.security.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 over real HTTP: the sign-in page and its session, the cross-site request defence (BrowserDefences), the
 * headers on every answer, the API description for administrators only, and bcrypt's 72 bytes.
 */
@QuarkusTest
class SignInAndCrossSiteTest {

    static final String SESSION = "laorenjia-session";
    static final String LOCATION = "quarkus-redirect-location";

    @TestHTTPResource("/")
    URL root;

    // ---- cross-site requests ----

    @Test
    void aPersonsChangeWithoutTheProofHeaderIsRefusedAndChangesNothing() {
        String username = newUsername();
        given().auth().preemptive().basic(ADMIN, "test-admin-password").contentType(ContentType.JSON)
                .body(person(username)).post("/api/security/people")
                .then().statusCode(403).contentType(ContentType.JSON)
                .body("code", equalTo("CROSS_SITE_REQUEST_REFUSED")).body("message", containsString("跨站"));
        assertNotCreated(username);
        // a bodyless POST needs the same proof
        given().auth().preemptive().basic(ADMIN, "test-admin-password")
                .post("/api/register/terminals/ANY/secret").then().statusCode(403)
                .body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));
    }

    @Test
    void aForeignOriginOrRefererIsRefusedEvenWithTheHeader() {
        String username = newUsername();
        as(ADMIN).header("Origin", "https://evil.example").body(person(username)).post("/api/security/people")
                .then().statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));
        as(ADMIN).header("Origin", "null").body(person(username)).post("/api/security/people")
                .then().statusCode(403);
        as(ADMIN).header("Referer", "https://evil.example/page.html").body(person(username)).post("/api/security/people")
                .then().statusCode(403);
        // same host, another port: another origin
        as(ADMIN).header("Origin", "http://localhost:1").body(person(username)).post("/api/security/people")
                .then().statusCode(403);
        assertNotCreated(username);
    }

    @Test
    void formMultipartAndTextBodiesAreRefusedOnJsonEndpoints() {
        String username = newUsername();
        as(ADMIN).contentType("application/x-www-form-urlencoded").body("username=" + username + "&displayName=x")
                .post("/api/security/people").then().statusCode(415).contentType(ContentType.JSON)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        as(ADMIN).contentType("text/plain;charset=UTF-8").body("{\"username\":\"" + username + "\"}")
                .post("/api/security/people").then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        as(ADMIN).contentType("multipart/form-data; boundary=x").body("--x--\r\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/security/people").then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        assertNotCreated(username);
    }

    @Test
    void sameOriginWithTheHeaderIsAccepted() {
        String username = newUsername();
        as(ADMIN).header("Origin", origin()).header("Referer", root + "finance").body(person(username))
                .post("/api/security/people").then().statusCode(201);
        as(ADMIN).get("/api/security/people").then().statusCode(200).body("username", org.hamcrest.Matchers.hasItem(username));
    }

    @Test
    void terminalsNeedNoProofHeaderButStillSendJson() {
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        Map<String, Object> preview = Map.of("identification",
                Map.of("method", "CARD", "cardKind", "UID", "identifier", TestApi.newUid()), "mealSetCode", "L-STD");
        asTerminal(terminal).body(preview).post("/api/counter/preview")
                .then().statusCode(404).body("code", equalTo("UNKNOWN_CARD"));
        asTerminal(terminal).contentType("text/plain").body("{}").post("/api/counter/preview")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        asTerminal(terminal).header("Origin", "https://evil.example").body(preview).post("/api/counter/preview")
                .then().statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));
    }

    // ---- sign-in page, session, sign-out ----

    @Test
    void aBrowserGoingToTheFinancePageIsSentToTheSignInPageAndBackAfterSigningIn() {
        Response going = given().redirects().follow(false).accept("text/html").get("/finance?month=2026-01");
        assertEquals(302, going.statusCode());
        assertThat(going.header("Location"), endsWith("/signin"));
        assertNull(going.header("WWW-Authenticate"), "no Basic prompt");
        String location = going.cookie(LOCATION);
        assertNotNull(location);

        given().accept("text/html").get("/signin").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("action=\"/j_security_check\"")).body(containsString("登录"));

        Response signedIn = signIn(FINANCE, "test-finance-password", location);
        assertEquals(302, signedIn.statusCode());
        assertThat(signedIn.header("Location"), endsWith("/finance?month=2026-01"));
        String setCookie = setCookie(signedIn, SESSION);
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        assertFalse(setCookie.toLowerCase().contains("secure"), "plain HTTP: " + setCookie);
        String session = signedIn.cookie(SESSION);

        given().cookie(SESSION, session).accept("text/html").get("/finance").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("退出登录"));
        given().cookie(SESSION, session).get("/api/security/me").then().statusCode(200).body("name", equalTo(FINANCE));
        // the session is a person's: changes need the proof header too
        given().cookie(SESSION, session).contentType(ContentType.JSON).post("/api/settlement/months/2019-01/settle")
                .then().statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));

        // signing out clears the cookie and returns to the sign-in page
        Response out = given().redirects().follow(false).cookie(SESSION, session)
                .header(BrowserDefences.PROOF_HEADER, BrowserDefences.PROOF_VALUE).post("/signout");
        assertEquals(303, out.statusCode());
        assertThat(out.header("Location"), endsWith("/signin?out=1"));
        assertEquals("", out.cookie(SESSION));
        given().get("/signin?out=1").then().body(containsString("您已退出登录"));
    }

    @Test
    void withoutAPageToReturnToAPersonLandsOnThePageOfTheirRole() {
        Response signedIn = signIn(FINANCE, "test-finance-password", null);
        assertEquals(302, signedIn.statusCode());
        String session = signedIn.cookie(SESSION);
        given().redirects().follow(false).cookie(SESSION, session).get(signedIn.header("Location"))
                .then().statusCode(303).header("Location", endsWith("/finance"));
    }

    @Test
    void aWrongPasswordShowsAChineseMessageOnThePageAndTooManyTheLockOut() {
        String username = newUsername(); // nobody: only this account's failures are counted
        Response wrong = signIn(username, "not-the-password", null);
        assertEquals(302, wrong.statusCode(), () -> wrong.headers() + "\n" + wrong.asString());
        assertThat(wrong.header("Location"), endsWith("/signin?error=1"));
        assertNull(wrong.cookie(SESSION));
        given().get("/signin?error=1").then().body(containsString("用户名或密码不正确"));

        String lockedAt = null;
        for (int i = 0; i < 12 && lockedAt == null; i++) {
            Response r = signIn(username, "not-the-password", null);
            if (r.header("Location").contains("locked=")) {
                lockedAt = r.header("Location");
            }
        }
        assertNotNull(lockedAt, "locked out after repeated failures");
        String query = lockedAt.substring(lockedAt.indexOf("/signin"));
        given().get(query).then().body(containsString("登录失败次数过多"));
    }

    @Test
    void aForeignPageCannotSignABrowserIn() {
        Response r = given().redirects().follow(false).header("Origin", "https://evil.example")
                .contentType(ContentType.URLENC)
                .formParam("j_username", FINANCE).formParam("j_password", "test-finance-password")
                .post("/j_security_check");
        r.then().statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));
        assertNull(r.cookie(SESSION));
    }

    // ---- headers ----

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (Response r : List.of(given().get("/signin"), as(FINANCE).accept("text/html").get("/finance"),
                given().get("/api/register/seniors"), given().get("/no/such/page"))) {
            assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
                    + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'", r.header("Content-Security-Policy"));
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
            assertEquals("DENY", r.header("X-Frame-Options"));
            assertEquals("same-origin", r.header("Referrer-Policy"));
        }
        String page = as(FINANCE).accept("text/html").get("/finance").asString();
        assertFalse(page.contains("<script>"), "no inline script");
        assertFalse(page.contains("<style>"), "no inline style");
        assertFalse(page.matches("(?s).*\\son[a-z]+=.*"), "no inline event handler");
    }

    // ---- the API description ----

    @Test
    void theApiDescriptionIsForAdministratorsOnly() {
        given().get("/q/openapi").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"))
                .header("WWW-Authenticate", not(containsString("Basic")));
        as(FINANCE).get("/q/openapi").then().statusCode(403);
        as(ADMIN).get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().redirects().follow(false).accept("text/html").get("/q/swagger-ui/").then().statusCode(302)
                .header("Location", endsWith("/signin"));
        as(ADMIN).get("/q/swagger-ui/").then().statusCode(200);
    }

    // ---- bcrypt reads 72 bytes ----

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedWhenSetAndNeverMatchesOnItsFirst72Bytes() {
        String username = newUsername();
        String tooLong = "a".repeat(70) + "中"; // 73 bytes in UTF-8, 71 characters
        as(ADMIN).body(Map.of("username", username, "displayName", "测试", "password", tooLong, "roles", List.of("finance")))
                .post("/api/security/people").then().statusCode(400).body("code", equalTo("PASSWORD_TOO_LONG"))
                .body("message", containsString("72"));
        assertNotCreated(username);

        String exactly72 = "b".repeat(72);
        assertEquals(72, exactly72.getBytes(StandardCharsets.UTF_8).length);
        as(ADMIN).body(Map.of("username", username, "displayName", "测试", "password", exactly72, "roles", List.of("finance")))
                .post("/api/security/people").then().statusCode(201);
        given().auth().preemptive().basic(username, exactly72).get("/api/security/me").then().statusCode(200);
        // bcrypt alone would accept this one: its first 72 bytes are the password
        given().auth().preemptive().basic(username, exactly72 + "extra").get("/api/security/me").then().statusCode(401);
        assertEquals(302, signIn(username, exactly72 + "extra", null).statusCode());
        assertNull(signIn(username, exactly72 + "extra", null).cookie(SESSION));
    }

    // ---- helpers ----

    static Response signIn(String username, String password, String locationCookie) {
        var request = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", username).formParam("j_password", password);
        if (locationCookie != null) {
            request.cookie(LOCATION, locationCookie);
        }
        return request.post("/j_security_check");
    }

    private String origin() {
        return root.getProtocol() + "://" + root.getHost() + ":" + root.getPort();
    }

    private static String setCookie(Response r, String name) {
        return r.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie set: " + r.headers()));
    }

    private static String newUsername() {
        return TestApi.unique("csrf").toLowerCase();
    }

    private static Map<String, Object> person(String username) {
        return Map.of("username", username, "displayName", "跨站测试", "roles", List.of("finance"));
    }

    private static void assertNotCreated(String username) {
        as(ADMIN).get("/api/security/people").then().statusCode(200)
                .body("username", not(org.hamcrest.Matchers.hasItem(username)));
    }

    private static void assertNull(Object value) {
        org.junit.jupiter.api.Assertions.assertNull(value);
    }

    private static void assertNull(Object value, String message) {
        org.junit.jupiter.api.Assertions.assertNull(value, message);
    }

    private static <T> void assertThat(T actual, org.hamcrest.Matcher<? super T> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }
}
