package cn.laorenjia.terminal.guard;

import cn.laorenjia.terminal.testing.CounterApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counter's local API answers only the counter's own pages (README "柜台本机接口的防护"): real HTTP against the
 * running terminal, each attack as a browser or a DNS-rebinding page would send it.
 */
@QuarkusTest
class CounterGuardTest {

    @TestHTTPResource("/")
    URL self;

    private int port() {
        return self.getPort();
    }

    private static void refused(ValidatableResponse answer, int status, String code) {
        answer.statusCode(status).contentType(ContentType.JSON).body("code", equalTo(code))
                .body("message", not(emptyOrNullString())).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aForeignHostIsRefusedWhateverItAsksFor() {
        for (String path : List.of("/api/session", "/api/sale/state", "/q/health")) {
            refused(CounterApi.given().header("Host", "evil.example:" + port()).get(path).then(), 421, "HOST_NOT_ALLOWED");
        }
        // a DNS-rebinding page loads the counter page itself under its own name: a short page says why
        given().header("Host", "evil.example:" + port()).accept("text/html").get("/").then().statusCode(421)
                .contentType(ContentType.HTML).body(containsString("只接受本机地址")).body(not(containsString("收银终端</h1>")));
        // the right name on another port is another origin too
        refused(CounterApi.given().header("Host", "localhost:" + (port() + 1)).get("/api/sale/state").then(), 421, "HOST_NOT_ALLOWED");
    }

    @Test
    void theCountersOwnNamesAreServed() {
        for (String host : List.of("localhost:" + port(), "127.0.0.1:" + port(), "[::1]:" + port(), "LOCALHOST:" + port())) {
            CounterApi.given().header("Host", host).get("/api/sale/state").then().statusCode(200);
            given().header("Host", host).get("/").then().statusCode(200).body(containsString("收银终端"));
        }
    }

    @Test
    void aForeignOriginOrRefererIsRefusedEvenWithTheToken() {
        String json = "{}";
        refused(CounterApi.given().header("Origin", "https://evil.example").contentType(ContentType.JSON).body(json)
                .post("/api/sale/void").then(), 403, "ORIGIN_NOT_ALLOWED");
        refused(CounterApi.given().header("Origin", "http://127.0.0.1:" + (port() + 1)).contentType(ContentType.JSON).body(json)
                .post("/api/sale/clear").then(), 403, "ORIGIN_NOT_ALLOWED");
        refused(CounterApi.given().header("Origin", "null").contentType(ContentType.JSON).body(json)
                .post("/api/sale/void").then(), 403, "ORIGIN_NOT_ALLOWED");
        refused(CounterApi.given().header("Referer", "https://evil.example/page.html").get("/api/sale/state").then(),
                403, "ORIGIN_NOT_ALLOWED");
        refused(CounterApi.given().header("Sec-Fetch-Site", "cross-site").get("/api/sale/state").then(), 403, "ORIGIN_NOT_ALLOWED");
        refused(CounterApi.given().header("Sec-Fetch-Site", "same-site").get("/api/session").then(), 403, "ORIGIN_NOT_ALLOWED");
        // the token endpoint is the first thing a foreign page would try
        refused(given().header("Origin", "https://evil.example").get("/api/session").then(), 403, "ORIGIN_NOT_ALLOWED");
        refused(given().header("Referer", "http://localhost.evil.example:" + port() + "/").get("/api/session").then(),
                403, "ORIGIN_NOT_ALLOWED");
    }

    @Test
    void theCountersOwnOriginPasses() {
        for (String origin : List.of("http://localhost:" + port(), "http://127.0.0.1:" + port())) {
            CounterApi.given().header("Origin", origin).header("Sec-Fetch-Site", "same-origin").contentType(ContentType.JSON)
                    .body("{}").post("/api/sale/clear").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
        }
        CounterApi.given().header("Referer", "http://localhost:" + port() + "/index.html").get("/api/sale/state").then().statusCode(200);
    }

    @Test
    void theTokenIsPerBootUnguessableAndNeverCached() {
        String token = given().get("/api/session").then().statusCode(200)
                .header("Cache-Control", containsString("no-store")).extract().path("token");
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token); // 256 random bits, base64url
        assertEquals(token, CounterApi.token());
        assertEquals(token, given().get("/api/session").then().extract().path("token"), "one token per boot");
    }

    @Test
    void everyApiCallButTheSessionNeedsTheToken() {
        refused(given().get("/api/sale/state").then(), 403, "COUNTER_TOKEN_REQUIRED");
        refused(given().get("/api/terminal").then(), 403, "COUNTER_TOKEN_REQUIRED");
        refused(given().contentType(ContentType.JSON).body("{}").post("/api/sale/void").then(), 403, "COUNTER_TOKEN_REQUIRED");
        refused(given().contentType(ContentType.JSON).body("{\"text\":\"LRJ:x\"}").post("/api/scan").then(), 403, "COUNTER_TOKEN_REQUIRED");
        String token = CounterApi.token();
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        refused(given().header(CounterApi.TOKEN_HEADER, wrong).get("/api/sale/state").then(), 403, "COUNTER_TOKEN_REQUIRED");
        refused(given().header(CounterApi.TOKEN_HEADER, token.substring(1)).get("/api/sale/state").then(), 403, "COUNTER_TOKEN_REQUIRED");
        // only the event stream (EventSource cannot send headers) takes it in the query
        refused(given().queryParam("token", token).get("/api/sale/state").then(), 403, "COUNTER_TOKEN_REQUIRED");
        refused(given().queryParam("token", wrong).get("/api/sale/events").then(), 403, "COUNTER_TOKEN_REQUIRED");
        CounterApi.given().get("/api/sale/state").then().statusCode(200).body("seq", not(nullValue()));
    }

    @Test
    void theEventStreamOpensWithTheTokenInItsQuery() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> r = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(self + "api/sale/events?token=" + CounterApi.token())).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).get(10, java.util.concurrent.TimeUnit.SECONDS);
        try (Stream<String> lines = r.body()) {
            assertEquals(200, r.statusCode());
            assertTrue(lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow().contains("\"seq\""));
        }
    }

    @Test
    void jsonEndpointsTakeNoFormMultipartOrPlainTextBodies() {
        String code = "{\"text\":\"LRJ:1.2.3\"}";
        refused(CounterApi.given().contentType("text/plain").body(code).post("/api/scan").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
        refused(CounterApi.given().contentType(ContentType.URLENC).formParam("a", "b").post("/api/sale/void").then(),
                415, "UNSUPPORTED_MEDIA_TYPE");
        refused(CounterApi.given().multiPart("text", code).post("/api/scan").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
        refused(CounterApi.given().post("/api/sale/void").then(), 415, "UNSUPPORTED_MEDIA_TYPE"); // no body, no type
        refused(CounterApi.given().contentType(ContentType.JSON).body("{}").post("/api/scan/image").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
        refused(CounterApi.given().contentType("application/octet-stream").body(new byte[]{1, 2}).post("/api/scan/image").then(),
                415, "UNSUPPORTED_MEDIA_TYPE");
        refused(CounterApi.given().contentType("text/plain").body("x").post("/api/scan/image").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void everyPageAndAnswerCarriesTheSecurityHeaders() {
        List<ValidatableResponse> answers = List.of(
                given().get("/").then().statusCode(200),
                given().get("/display.html").then().statusCode(200),
                given().get("/receipt.html").then().statusCode(200),
                given().get("/js/counter.js").then().statusCode(200),
                CounterApi.given().get("/api/sale/state").then().statusCode(200),
                given().get("/api/session").then().statusCode(200),
                given().get("/api/sale/state").then().statusCode(403),
                given().header("Host", "evil.example").get("/").then().statusCode(421),
                given().get("/no-such-page.html").then().statusCode(404));
        for (ValidatableResponse answer : answers) {
            answer.header("Content-Security-Policy", matchesPattern(Pattern.compile(
                            "default-src 'self'; script-src 'self'; style-src 'self';.*object-src 'none'; base-uri 'none'; "
                                    + "frame-ancestors 'none'; form-action 'self'")))
                    .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer").header("Access-Control-Allow-Origin", nullValue());
        }
    }

    /** The policy forbids inline script and style: the pages must not rely on them (they would silently not run). */
    @Test
    void thePagesHaveNoInlineScriptStyleOrHandlers() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern style = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
        for (String page : List.of("index.html", "display.html", "receipt.html")) {
            String html = resource(page);
            assertFalse(inlineScript.matcher(html).find(), page + " has an inline script");
            assertFalse(handler.matcher(html).find(), page + " has an inline event handler");
            assertFalse(style.matcher(html).find(), page + " has inline style");
            assertTrue(html.contains("/js/counter-api.js"), page + " must call the API through counter-api.js");
        }
        for (String script : List.of("js/counter.js", "js/display.js", "js/receipt.js", "js/counter-api.js", "js/scanner.js")) {
            String js = resource(script);
            assertFalse(Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(").matcher(js).find(),
                    script + " builds HTML from strings");
            assertFalse(Pattern.compile("(?<![A-Za-z.])fetch\\('/api/(?!session)").matcher(js).find(),
                    script + " calls the API without the token (use CounterApi.fetch)");
        }
    }

    @Test
    void aTokenFromABootBeforeIsRefused() {
        // what a page still open across a terminal restart sends: another boot's token
        String otherBoot = new CounterToken().value();
        refused(given().header(CounterApi.TOKEN_HEADER, otherBoot).get("/api/sale/state").then(), 403, "COUNTER_TOKEN_REQUIRED");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CounterGuardTest.class.getClassLoader().getResourceAsStream("META-INF/resources/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
