package cn.laorenjia.settlement.phone;

import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The senior's phone over HTTP on real PostgreSQL, time from the test clock: a clerk's activation code binds one phone
 * once; the phone gets one-sale codes that a counter sells with, and sees one fewer meal left; reused, expired and
 * guessed codes are refused (guesses throttled); a revoked phone and a senior no longer enrolled get no code; a phone
 * sees and revokes only its own senior's phones; every binding and revocation is in the audit.
 */
@QuarkusTest
class SeniorPhonesApiTest {

    private static final String COOKIE = "laorenjia-phone";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    private String terminal;

    @BeforeEach
    void canteenAndLunch() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        clock.set(TestClock.MONDAY_LUNCH);
    }

    @Test
    void aCodeBindsOnePhoneWhichShowsCodesThatSellAndTheRemainderFalls() {
        String name = "手机测试" + "甲乙";
        long senior = newSenior(name);
        ExtractableResponse<Response> issued = TestApi.as("test-clerk-hb").post(activations(senior)).then().statusCode(200)
                .extract();
        String code = issued.path("code");
        assertTrue(code.matches("[0-9]{12}"), code);
        assertTrue(issued.<String>path("url").endsWith("/senior?code=" + code));
        assertTrue(issued.<Integer>path("size") >= 21);
        // only the hash is stored
        assertEquals(0, count("select count(*) from senior_phone_activation where code_hash = convert_to('" + code
                + "', 'UTF8')"));

        ExtractableResponse<Response> bound = redeem(grouped(code), "女儿的手机").statusCode(200).extract();
        String setCookie = bound.header("Set-Cookie");
        assertTrue(setCookie.startsWith(COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("Path=/senior") && setCookie.contains("HttpOnly")
                && setCookie.contains("SameSite=Strict"), setCookie);
        String secret = bound.cookie(COOKIE);
        assertTrue(secret.length() >= 43, "a 256-bit secret: " + secret);

        ExtractableResponse<Response> first = phone(secret).post("/senior/api/code").then().statusCode(200)
                .body("token", startsWith("LRJ:")).body("validForSeconds", equalTo(60)).extract();
        int before = first.path("remainingThisWeek");
        assertTrue(before > 0);
        List<String> modules = first.path("modules");
        assertEquals(first.<Integer>path("size"), modules.size());

        sale(first.path("token")).statusCode(200).body("status", equalTo("SUBSIDISED"))
                .body("remainingThisWeek", equalTo(before - 1));
        // the same code again: one code, one sale
        sale(first.path("token")).statusCode(403).body("code", equalTo("QR_REPLAYED"));
        phone(secret).post("/senior/api/code").then().statusCode(200).body("remainingThisWeek", equalTo(before - 1))
                .body("speech", equalTo("本周还剩" + (before - 1) + "次，今天还剩0次"));

        // how long a phone waits for a code (the service's side, on this machine): the median of 20
        long[] millis = new long[20];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            phone(secret).post("/senior/api/code").then().statusCode(200);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        java.util.Arrays.sort(millis);
        System.out.printf("senior phone: a code in %d ms (median of 20, max %d ms)%n", millis[10], millis[19]);

        // the page: masked name, the meal just taken, the canteens of the senior's 街镇, this phone; nothing sensitive
        String page = phone(secret).accept("text/html").get("/senior").then().statusCode(200)
                .header("Cache-Control", "no-store").extract().asString();
        assertTrue(page.contains(PersonName.masked(name)) && !page.contains(name), "masked name");
        assertTrue(page.contains("本周还剩 <strong id=\"left-week\">" + (before - 1) + "</strong> 次"), page);
        assertTrue(page.contains("测试老人家食堂") && page.contains("本街镇") && page.contains("女儿的手机"));
        assertFalse(page.contains("110101"), "no ID number");
        for (String sensitive : List.of("低保", "特困", "残疾", "LOW_INCOME", "DISABILITY", "途径")) {
            assertFalse(page.contains(sensitive), sensitive);
        }

        // audited: the clerk issued, the phone bound itself as "device N of senior X"
        assertEquals("test-clerk-hb", query("select actor from audit_event where action = 'PHONE_ACTIVATION_ISSUED' "
                + "and subject_id = '" + senior + "' order by id desc limit 1"));
        long device = count("select id from senior_phone_device where senior_id = " + senior);
        assertEquals("device " + device + " of senior " + senior + "|DEVICE", query("select actor || '|' || actor_kind "
                + "from audit_event where action = 'PHONE_DEVICE_BOUND' and subject_id = '" + senior + "'"));
        assertNotNull(query("select last_used_at from senior_phone_device where id = " + device));
    }

    @Test
    void anActivationCodeIsUsedOnceAndExpires() {
        long senior = newSenior("复用测试");
        String code = issue(senior);
        redeem(code, "老伴的手机").statusCode(200);
        long refusedBefore = count("select count(*) from audit_event where action = 'PHONE_ACTIVATION_REFUSED'");
        redeem(code, "别人的手机").statusCode(409).body("code", equalTo("PHONE_ACTIVATION_USED"))
                .body("message", containsString("只能绑定一部手机")).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        assertEquals(1, count("select count(*) from senior_phone_device where senior_id = " + senior));
        assertEquals(refusedBefore + 1, count("select count(*) from audit_event where action = 'PHONE_ACTIVATION_REFUSED'"));

        String late = issue(senior);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        redeem(late, "").statusCode(410).body("code", equalTo("PHONE_ACTIVATION_EXPIRED"));
        String fresh = issue(senior);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        redeem(fresh, "").statusCode(200);
        // an empty name is given a plain one
        assertEquals("我的手机", query("select name from senior_phone_device where senior_id = " + senior
                + " order by id desc limit 1"));
    }

    @Test
    void guessingIsThrottledPerAddressEvenForTheRightCode() {
        long senior = newSenior("猜码测试");
        String code = issue(senior);
        for (int i = 0; i < 5; i++) {
            redeem("000000000000".substring(0, 11) + i, "").statusCode(400).body("code", equalTo("PHONE_ACTIVATION_INVALID"));
        }
        // past the allowance even the right code is refused unchecked for a while (and not used up)
        redeem(code, "").statusCode(429).body("code", equalTo("PHONE_ACTIVATION_THROTTLED"))
                .body("details.retryAfterSeconds", equalTo(2)).header("Retry-After", "2");
        assertEquals(0, count("select count(*) from senior_phone_device where senior_id = " + senior));
        clock.advance(Duration.ofSeconds(3));
        redeem(code, "").statusCode(200);
    }

    @Test
    void aRevokedPhoneGetsNoCodeAndAPhoneSeesAndRevokesOnlyItsOwnSeniorsPhones() {
        long senior = newSenior("撤销测试");
        String mine = cookieOf(redeem(issue(senior), "爸爸的手机"));
        String daughters = cookieOf(redeem(issue(senior), "女儿的手机"));
        long other = newSenior("别家老人");
        String strangers = cookieOf(redeem(issue(other), "邻居的手机"));
        long mineId = count("select id from senior_phone_device where senior_id = " + senior + " and name = '爸爸的手机'");
        long daughtersId = count("select id from senior_phone_device where senior_id = " + senior + " and name = '女儿的手机'");

        // another senior's phone neither sees nor revokes these
        phone(strangers).get("/senior/api/devices").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].name", equalTo("邻居的手机"));
        phone(strangers).post("/senior/api/devices/" + mineId + "/revoke").then().statusCode(404)
                .body("code", equalTo("PHONE_DEVICE_UNKNOWN"));
        phone(mine).get("/senior/api/devices").then().statusCode(200).body("size()", equalTo(2));

        // the daughter's phone revokes the lost one: it gets no code any more, and its page asks for a new activation
        phone(daughters).post("/senior/api/devices/" + mineId + "/revoke").then().statusCode(200);
        phone(mine).post("/senior/api/code").then().statusCode(401).body("code", equalTo("PHONE_DEVICE_REVOKED"));
        String page = phone(mine).accept("text/html").get("/senior").then().statusCode(200)
                .header("Set-Cookie", containsString("Max-Age=0")).extract().asString();
        assertTrue(page.contains("绑定已解除") && page.contains("id=\"activate\""), page);
        assertEquals("device " + daughtersId + " of senior " + senior, query("select actor from audit_event where "
                + "action = 'PHONE_DEVICE_REVOKED' and details ->> 'device' = '" + mineId + "'"));

        // the clerk revokes the daughter's phone from the register; revoking again changes nothing
        TestApi.as("test-clerk-hb").post("/api/register/seniors/" + senior + "/phone-devices/" + daughtersId + "/revoke")
                .then().statusCode(200).body("revokedBy", equalTo("test-clerk-hb"));
        TestApi.as(TestApi.ADMIN).post("/api/register/seniors/" + senior + "/phone-devices/" + daughtersId + "/revoke")
                .then().statusCode(200).body("revokedBy", equalTo("test-clerk-hb"));
        phone(daughters).post("/senior/api/code").then().statusCode(401).body("code", equalTo("PHONE_DEVICE_REVOKED"));
        assertEquals(2, count("select count(*) from audit_event where action = 'PHONE_DEVICE_REVOKED' and subject_id = '"
                + senior + "'"));
        TestApi.as(TestApi.ADMIN).get("/api/register/seniors/" + senior + "/phone-devices").then().statusCode(200)
                .body("size()", equalTo(2)).body("findAll { it.revokedAt != null }.size()", equalTo(2));
        // a clerk of another 街镇 does not reach this senior's phones
        TestApi.as("test-clerk-bp").post(activations(senior)).then().statusCode(404);
        phone(strangers).post("/senior/api/code").then().statusCode(200);

        // not even the service's own database role takes a revocation back, re-arms a used code or deletes a row
        for (String sql : List.of(
                "update senior_phone_device set revoked_at = null, revoked_by = null where id = " + mineId,
                "update senior_phone_device set senior_id = " + other + " where id = " + daughtersId,
                "update senior_phone_activation set used_at = null where senior_id = " + senior,
                "delete from senior_phone_device where id = " + mineId)) {
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    st.execute(sql);
                }
            }, sql);
            assertTrue(refused.getMessage().contains("once") || refused.getMessage().contains("kept")
                    || refused.getMessage().contains("permission denied"), sql + ": " + refused.getMessage());
        }
        phone(mine).post("/senior/api/code").then().statusCode(401).body("code", equalTo("PHONE_DEVICE_REVOKED"));
    }

    @Test
    void noCodeWithoutABoundPhoneTheProofHeaderOrAnEnrolment() {
        given().post("/senior/api/code").then().statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));
        phone(null).post("/senior/api/code").then().statusCode(401).body("code", equalTo("PHONE_NOT_BOUND"));
        phone("not-a-secret-of-ours").post("/senior/api/code").then().statusCode(401).body("code", equalTo("PHONE_NOT_BOUND"));
        given().accept("text/html").get("/senior?code=1234 5678 9012").then().statusCode(200)
                .body(containsString("value=\"1234 5678 9012\""));

        // what a hostile page or program sends: refused with the catalogue's codes, never a 500
        phone(null).body("{\"code\": ").post("/senior/api/activate").then().statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        given().header("X-Requested-By", "laorenjia").contentType("text/plain").body("123456789012")
                .post("/senior/api/activate").then().statusCode(415);
        phone(null).body(Map.of("code", "1".repeat(5000), "name", "x")).post("/senior/api/activate").then()
                .statusCode(400).body("code", equalTo("PHONE_ACTIVATION_INVALID"));
        phone(null).post("/senior/api/devices/abc/revoke").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        given().get("/senior/assets/../application.properties").then().statusCode(404);

        long senior = newSenior("暂停测试");
        // a long name is cut to 20 characters, not refused
        String named = cookieOf(redeem(issue(senior), "很".repeat(300)));
        assertEquals("很".repeat(20), query("select name from senior_phone_device where senior_id = " + senior));
        phone(named).post("/senior/api/code").then().statusCode(200);
        // a phone revokes itself: the browser is told to forget its cookie, and it gets no code any more
        long namedId = count("select id from senior_phone_device where senior_id = " + senior);
        phone(named).post("/senior/api/devices/" + namedId + "/revoke").then().statusCode(200)
                .header("Set-Cookie", containsString("Max-Age=0"));
        phone(named).post("/senior/api/code").then().statusCode(401).body("code", equalTo("PHONE_DEVICE_REVOKED"));
        String secret = cookieOf(redeem(issue(senior), ""));
        given().cookie(COOKIE, secret).post("/senior/api/code").then().statusCode(403)
                .body("code", equalTo("CROSS_SITE_REQUEST_REFUSED"));
        TestApi.as(TestApi.ADMIN).body(Map.of("state", "SUSPENDED", "from", "2026-11-01"))
                .post("/api/register/seniors/" + senior + "/enrolment").then().statusCode(200);
        phone(secret).post("/senior/api/code").then().statusCode(403).body("code", equalTo("PHONE_SENIOR_NOT_ENROLLED"));
        phone(secret).accept("text/html").get("/senior").then().statusCode(200)
                .body(containsString("没有餐码"), not(containsString("id=\"qr\"")));
    }

    @Test
    void theRegisterPageListsThePhonesAndRevokesOne() {
        long senior = newSenior("页面测试");
        String secret = cookieOf(redeem(issue(senior), "孙子的手机"));
        long device = count("select id from senior_phone_device where senior_id = " + senior);
        TestApi.as("test-clerk-hb").accept("text/html").get("/register/seniors/" + senior).then().statusCode(200)
                .body(containsString("/register/seniors/" + senior + "/phones"));
        TestApi.as("test-clerk-hb").accept("text/html").get("/register/seniors/" + senior + "/phones").then()
                .statusCode(200).body(containsString("孙子的手机"), containsString("使用中"),
                        containsString("/register/seniors/" + senior + "/phones/" + device + "/revoke"));
        TestApi.as("test-clerk-hb").body(Map.of()).post("/register/seniors/" + senior + "/phones/" + device + "/revoke")
                .then().statusCode(200).body("redirect", equalTo("/register/seniors/" + senior + "/phones?done=revoked"));
        TestApi.as("test-clerk-hb").accept("text/html").get("/register/seniors/" + senior + "/phones?done=revoked").then()
                .statusCode(200).body(containsString("已解除绑定，这部手机不能再取餐码。"), containsString("已解除"));
        phone(secret).post("/senior/api/code").then().statusCode(401).body("code", equalTo("PHONE_DEVICE_REVOKED"));
        // another 街镇's clerk: not found
        TestApi.as("test-clerk-bp").accept("text/html").get("/register/seniors/" + senior + "/phones").then()
                .statusCode(404);
    }

    // ------------------------------------------------------------------

    private long newSenior(String name) {
        String uid = TestApi.registerSenior(name, "宝坻区");
        return count("select senior_id from card where identifier = '" + uid + "'");
    }

    private static String activations(long senior) {
        return "/api/register/seniors/" + senior + "/phone-activations";
    }

    private static String issue(long senior) {
        return TestApi.as(TestApi.ADMIN).post(activations(senior)).then().statusCode(200).extract().path("code");
    }

    private static String grouped(String code) {
        return code.substring(0, 4) + " " + code.substring(4, 8) + " " + code.substring(8);
    }

    private static ValidatableResponse redeem(String code, String name) {
        return phone(null).body(Map.of("code", code, "name", name)).post("/senior/api/activate").then();
    }

    private static String cookieOf(ValidatableResponse redeemed) {
        return redeemed.statusCode(200).extract().cookie(COOKIE);
    }

    /** A phone's request: its cookie (when bound) and the header its page sends. */
    private static RequestSpecification phone(String secret) {
        RequestSpecification r = given().contentType("application/json").header("X-Requested-By", "laorenjia");
        return secret == null ? r : r.cookie(COOKIE, secret);
    }

    private ValidatableResponse sale(String token) {
        return TestApi.asTerminal(terminal).body(Map.of("saleId", UUID.randomUUID().toString(),
                        "occurredAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)).toString(),
                        "identification", Map.of("method", "QR", "token", token), "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals").then();
    }

    private long count(String sql) {
        return Long.parseLong(query(sql));
    }

    private String query(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
