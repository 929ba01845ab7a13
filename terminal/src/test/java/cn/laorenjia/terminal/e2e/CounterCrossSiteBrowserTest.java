package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.terminal.testing.CounterApi;
import cn.laorenjia.terminal.testing.TestCashier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages of another origin, open in the same Chromium as the counter, try what the issue found possible: a form that
 * voids the last sale, a text/plain "simple" request that injects a scan, reading the token. Nothing changes at the
 * counter. And names from the register carrying HTML stay text on the cashier, display and receipt pages.
 */
@QuarkusTest
@WithTestResource(PayloadCanteenProcess.class)
class CounterCrossSiteBrowserTest {

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();
    /** The foreign site: another origin on this machine (as a page of another local program would be). */
    private static HttpServer foreign;
    private static final Map<String, String> FOREIGN_PAGES = new ConcurrentHashMap<>();

    @TestHTTPResource("/")
    URL terminal;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        foreign = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        foreign.createContext("/", exchange -> {
            byte[] page = FOREIGN_PAGES.getOrDefault(exchange.getRequestURI().getPath(), "<p>nothing here</p>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        foreign.start();
    }

    @AfterAll
    static void stop() {
        if (foreign != null) {
            foreign.stop(0);
        }
    }

    /** The test cashier signs in at this counter before anything is sold or looked up (TestCashier). */
    @BeforeEach
    void signIn() {
        TestCashier.signInAt(URI.create(terminal.toString()), settlement(""),
                ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class), PayloadCanteenProcess.CANTEEN);
    }

    @Test
    void pagesOfAnotherOriginCanNeitherVoidNorScanNorReadTheToken() throws Exception {
        // a sale at the counter: the last sale a foreign page would like to void
        sellToZhaoGuilan();
        JsonNode before = state();
        String lastSale = before.path("lastSale").path("saleId").asText();
        assertTrue(!lastSale.isEmpty() && before.path("lastVoid").isNull(), before::toString);
        // a phone code a foreign page would like to inject as a scan (a real one, issued by the central)
        String phoneCode = phoneCodeOf(StorySeniors.ZHANG_SHUZHEN_ID);

        String counter = "http://127.0.0.1:" + terminal.getPort();
        FOREIGN_PAGES.put("/void.html", "<form method=post action='" + counter + "/api/sale/void'><input name=x value=1></form>"
                + "<script>document.forms[0].submit()</script>");
        // the classic JSON-over-text/plain form: the body reads {"text":"<code>","x":"="}
        FOREIGN_PAGES.put("/scan-form.html", "<form method=post enctype='text/plain' action='" + counter + "/api/scan'>"
                + "<input name='{\"text\":\"" + phoneCode + "\",\"x\":\"' value='\"}'></form><script>document.forms[0].submit()</script>");
        FOREIGN_PAGES.put("/scan-fetch.html", "<script>window.__done = Promise.all(["
                + "fetch('" + counter + "/api/scan', {method:'POST', mode:'no-cors', headers:{'Content-Type':'text/plain'},"
                + " body:JSON.stringify({text:'" + phoneCode + "'})}).catch(function(){}),"
                + "fetch('" + counter + "/api/sale/void', {method:'POST', mode:'no-cors'}).catch(function(){})"
                + "]).then(function(){ return 'sent'; });</script>");
        FOREIGN_PAGES.put("/steal.html", "<iframe id=f src='" + counter + "/api/session'></iframe><script>"
                + "window.__stolen = [];"
                + "window.__done = new Promise(function (resolve) {"
                + " var tried = false;"
                + " function tryAll() {"
                + "  if (tried) { return; } tried = true;"
                + "  try { window.__stolen.push(document.getElementById('f').contentDocument.body.textContent); } catch (e) {}"
                + "  fetch('" + counter + "/api/session').then(function (r) { return r.text(); })"
                + "   .then(function (t) { window.__stolen.push(t); }, function () {}).then(function () { resolve('tried'); });"
                + " }"
                + " document.getElementById('f').onload = tryAll;"
                + " setTimeout(tryAll, 3000);" // a frame the counter refuses to be framed in may never say it loaded
                + "});</script>");
        String site = "http://127.0.0.1:" + foreign.getAddress().getPort();

        try (BrowserContext context = chromium.counterScreen()) {
            Page cashier = context.newPage();
            cashier.navigate(terminal + "index.html"); // the counter's own page is open beside the foreign one
            assertThat(cashier.locator("#last")).containsText("实收");
            Page attacker = context.newPage();

            Response voidAnswer = attacker.waitForResponse(r -> r.url().endsWith("/api/sale/void"),
                    () -> attacker.navigate(site + "/void.html"));
            assertEquals(403, voidAnswer.status());
            assertTrue(voidAnswer.text().contains("ORIGIN_NOT_ALLOWED"), voidAnswer.text());

            Response scanAnswer = attacker.waitForResponse(r -> r.url().endsWith("/api/scan"),
                    () -> attacker.navigate(site + "/scan-form.html"));
            assertEquals(403, scanAnswer.status());

            attacker.navigate(site + "/scan-fetch.html");
            assertEquals("sent", attacker.evaluate("window.__done"));

            attacker.navigate(site + "/steal.html");
            assertEquals("tried", attacker.evaluate("window.__done"));
            String stolen = String.valueOf(attacker.evaluate("JSON.stringify(window.__stolen)"));
            assertTrue(!stolen.contains("token") && !stolen.contains(CounterApi.token()), stolen);

            // nothing changed at the counter: the sale stands, no senior was presented, the cashier page says so
            JsonNode after = state();
            assertEquals(lastSale, after.path("lastSale").path("saleId").asText(), after::toString);
            assertTrue(after.path("lastVoid").isNull(), after::toString);
            assertTrue(after.path("preview").isNull() && after.path("presented").isNull(), after::toString);
            assertThat(cashier.locator("#last")).not().containsText("已撤销");
            assertThat(cashier.locator("#void")).isEnabled();
        }
        // the phone code never reached the scanner: it is still good for its one scan at the counter
        CounterApi.given().contentType(ContentType.JSON).body(Map.of("text", phoneCode)).post("/api/scan").then()
                .statusCode(200).body("kind", org.hamcrest.Matchers.equalTo("PHONE_QR"));
        clearAndVoid();
    }

    @Test
    void namesCarryingHtmlStayTextOnTheCashierDisplayAndReceipt() throws Exception {
        try (BrowserContext context = chromium.counterScreen()) {
            Page cashier = context.newPage();
            Page display = context.newPage();
            cashier.navigate(terminal + "index.html");
            display.navigate(terminal + "display.html");
            assertThat(cashier.locator("#canteen")).containsText(PayloadCanteenProcess.CANTEEN_NAME);
            assertThat(cashier.locator("#sets .set").first()).containsText(PayloadCanteenProcess.SET_PREFIX);

            sellToZhaoGuilan();
            assertThat(cashier.locator("#last")).containsText(PayloadCanteenProcess.SET_PREFIX);
            assertThat(display.locator("#headline")).containsText("本周还剩");
            String saleId = state().path("lastSale").path("saleId").asText();
            Page receipt = context.newPage();
            receipt.navigate(terminal + "receipt.html?sale=" + saleId);
            assertThat(receipt.locator("#receipt h1")).hasText(PayloadCanteenProcess.CANTEEN_NAME);
            assertThat(receipt.locator("#receipt")).containsText(PayloadCanteenProcess.SET_PREFIX);

            for (Page page : new Page[]{cashier, display, receipt}) {
                assertNull(page.evaluate("window.__xss"), page.url());
                assertEquals(0, ((Number) page.evaluate("document.querySelectorAll('img').length")).intValue(), page.url());
            }
        }
        clearAndVoid();
    }

    @Test
    void aPageHoldingATokenFromAnEarlierBootReadsTheNewOneAndCarriesOn() {
        try (BrowserContext context = chromium.counterScreen()) {
            Page cashier = context.newPage();
            // the page's first token is one of an earlier boot, as for a page left open while the terminal restarted
            AtomicInteger sessions = new AtomicInteger();
            String earlierBoot = "A".repeat(43);
            cashier.route("**/api/session", route -> {
                if (sessions.incrementAndGet() == 1) {
                    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json")
                            .setBody("{\"token\":\"" + earlierBoot + "\"}"));
                } else {
                    route.resume();
                }
            });
            cashier.navigate(terminal + "index.html");
            assertThat(cashier.locator("#sets .set").first()).isVisible(); // the requests were repeated with the new token
            // the event stream was refused with the old token and reopened with the new one: a senior looked up
            // elsewhere reaches the page only through it
            CounterApi.given().contentType(ContentType.JSON).body("{}").post("/api/sale/clear").then().statusCode(200);
            CounterApi.given().contentType(ContentType.JSON)
                    .body(Map.of("idNumber", StorySeniors.ZHAO_GUILAN_ID, "reason", "CARD_FORGOTTEN"))
                    .post("/api/sale/lookup").then().statusCode(200);
            assertThat(cashier.locator("#name")).hasText("赵*兰");
            assertTrue(sessions.get() >= 2, "the page read the token again");
        }
        CounterApi.given().contentType(ContentType.JSON).body("{}").post("/api/sale/clear").then().statusCode(200);
    }

    /** 赵桂兰 by manual lookup, checked by the cashier, confirmed: through the local API as the page sends it. */
    private void sellToZhaoGuilan() {
        CounterApi.given().contentType(ContentType.JSON).body("{}").post("/api/sale/clear").then().statusCode(200);
        CounterApi.given().contentType(ContentType.JSON)
                .body(Map.of("idNumber", StorySeniors.ZHAO_GUILAN_ID, "reason", "CARD_FORGOTTEN"))
                .post("/api/sale/lookup").then().statusCode(200).body("preview.subsidised", org.hamcrest.Matchers.equalTo(true));
        CounterApi.given().contentType(ContentType.JSON).body(Map.of("identityChecked", true))
                .post("/api/sale/confirm").then().statusCode(200).body("lastSale.saleId", org.hamcrest.Matchers.notNullValue());
    }

    /** Leaves the senior's quota as it was. */
    private static void clearAndVoid() {
        String sale = CounterApi.given().contentType(ContentType.JSON).body("{}").post("/api/sale/clear").then().statusCode(200)
                .extract().path("lastSale.saleId");
        // a void names its sale and says why
        CounterApi.given().contentType(ContentType.JSON).body(Map.of("saleId", sale, "reason", "测试结束，恢复次数"))
                .post("/api/sale/void").then().statusCode(200).body("error", org.hamcrest.Matchers.nullValue());
    }

    private JsonNode state() throws IOException {
        return json.readTree(CounterApi.given().get("/api/sale/state").then().statusCode(200).extract().asString());
    }

    private String phoneCodeOf(String idNumber) throws IOException, InterruptedException {
        JsonNode items = admin(HttpRequest.newBuilder(settlement("/api/register/seniors?q=" + idNumber)).GET()).path("items");
        long id = items.get(0).path("id").asLong();
        return admin(HttpRequest.newBuilder(settlement("/api/qr/seniors/" + id + "/phone-code"))
                .POST(HttpRequest.BodyPublishers.noBody())).path("token").asText();
    }

    private JsonNode admin(HttpRequest.Builder request) throws IOException, InterruptedException {
        String password = ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
        HttpResponse<String> r = HttpClient.newHttpClient().send(Central.asAdmin(request, password).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        return json.readTree(r.body());
    }

    private static URI settlement(String path) {
        return URI.create(ConfigProvider.getConfig().getValue("laorenjia.terminal.settlement-url", String.class) + path);
    }
}
