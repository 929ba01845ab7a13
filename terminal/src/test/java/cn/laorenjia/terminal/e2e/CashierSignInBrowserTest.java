package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.terminal.testing.CounterApi;
import cn.laorenjia.terminal.testing.TestCashier;
import cn.laorenjia.terminal.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cashier's sign-in at the counter in a real headless Chromium (1024×600), against a real settlement service on
 * real PostgreSQL: signed out, no shortcut sells, voids or looks anyone up; a wrong PIN is refused in Chinese and the
 * panel stays; the right PIN, typed as fast as a scanner types, signs in (it is never taken for a scan); the sale and
 * its void carry the cashier's number into the central's ledger ({@code meal_entry.cashier_number}) and the sale into
 * the counter's journal; the X report lists the cashier; F10, a refused call and the idle time bring the panel back.
 * Screenshots are kept under target/e2e/.
 */
@QuarkusTest
@WithTestResource(SettlementProcess.class)
class CashierSignInBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "e2e");
    /** The canteen of the test's terminal (SettlementProcess.TERMINAL). */
    private static final String CANTEEN = "BD-HB-01";
    private static final Set<String> STORY_IDS = Set.of(StorySeniors.ZHANG_SHUZHEN_ID, StorySeniors.LIU_DEMING_ID,
            StorySeniors.ZHAO_GUILAN_ID, StorySeniors.SUN_JIANGUO_ID, StorySeniors.LI_YULAN_ID, StorySeniors.CHEN_FUSHENG_ID,
            StorySeniors.YANG_SHULIN_ID, StorySeniors.GAO_FENGYING_ID, StorySeniors.WANG_CHANGSHUN_ID, StorySeniors.ZHOU_XIURONG_ID);
    /** Requests that sell, void, look up, choose a set, clear, report or scan: none may leave a signed-out page. */
    private static final Pattern SELLING = Pattern.compile(".*/api/(sale/(confirm|void|voidable|lookup|select|clear|totals)|scan.*)");

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @TestHTTPResource("/")
    URL terminal;

    @Inject
    OfflineCounter offline;

    private final ObjectMapper json = new ObjectMapper();
    private BrowserContext context;

    @BeforeEach
    void nobodySignedIn() throws IOException {
        Files.createDirectories(ARTIFACTS);
        // a shift is open at this counter (it stays open across sign-outs): the sign-in leads straight to selling
        TestCashier.signInAt(URI.create(terminal.toString()), central(),
                config().getValue(SettlementProcess.ADMIN_PASSWORD, String.class), CANTEEN);
        signOutThroughTheApi();
        context = chromium.counterScreen();
    }

    @AfterEach
    void closePages() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void signedOutNothingSellsThenTheCashierSignsSellsVoidsAndSignsOut() throws Exception {
        Page cashier = context.newPage();
        List<String> sent = new CopyOnWriteArrayList<>();
        cashier.onRequest(r -> sent.add(r.url()));
        cashier.navigate(terminal + "index.html");

        // signed out: the sign-in panel is open, the number field has the focus, the header says nobody is signed in
        assertThat(cashier.locator("#cashier-dialog")).isVisible();
        assertThat(cashier.locator("#cashier-number")).isFocused();
        assertThat(cashier.locator("#cashier")).hasText("未登录");
        assertThat(cashier.locator("#sets .set").first()).isAttached(); // the menu is read all the same
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-sign-in.png")));

        // no shortcut works: F2 look-up, F3 photo, F4 void, F8 report, F9 receipt, Esc, a set's digit
        for (String key : List.of("F2", "F3", "F4", "F8", "F9", "Escape", "1", "2")) {
            cashier.keyboard().press(key);
        }
        cashier.waitForTimeout(500);
        assertEquals(List.of(), selling(sent));
        assertThat(cashier.locator("#lookup-dialog")).isHidden();
        assertThat(cashier.locator("#report-dialog")).isHidden();
        assertThat(cashier.locator("#cashier-dialog")).isVisible(); // Esc does not put the panel away
        assertThat(cashier.locator("#cashier-number")).hasValue("12"); // the digits are the number's, not shortcuts
        // and the local API refuses a void while nobody is signed in, whoever asks
        CounterApi.given().contentType("application/json").body("{}").post("/api/sale/void")
                .then().statusCode(403).body("code", equalTo("CASHIER_SIGN_IN_REQUIRED"));
        // nor shows the shift's takings or its sales (masked names) to whoever stands at a counter left alone
        for (String read : List.of("/api/till/shift", "/api/till/x", "/api/till/sales", "/api/sale/voidable")) {
            CounterApi.given().get(read).then().statusCode(403).body("code", equalTo("CASHIER_SIGN_IN_REQUIRED"));
        }

        // a wrong PIN, typed as fast as a scanner would type it: refused in Chinese, the panel stays; the PIN went to
        // the sign-in, never to the scan endpoint
        cashier.locator("#cashier-number").fill("");
        cashier.keyboard().type(TestCashier.NUMBER);
        cashier.keyboard().press("Tab");
        Request wrong = cashier.waitForRequest("**/api/cashier/sign-in", () -> cashier.keyboard().type("975318\n"));
        assertEquals("975318", json.readTree(wrong.postData()).path("pin").asText());
        assertThat(cashier.locator("#cashier-problem")).isVisible();
        // the central's one answer for every refused sign-in (unknown number, wrong PIN, inactive, another canteen)
        assertThat(cashier.locator("#cashier-problem")).hasText("工号或密码不正确，请重新输入");
        assertThat(cashier.locator("#cashier-dialog")).isVisible();
        assertThat(cashier.locator("#cashier-pin")).isFocused();
        assertThat(cashier.locator("#cashier-pin")).hasValue("");
        assertThat(cashier.locator("#cashier")).hasText("未登录");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-wrong-pin.png")));

        // the right PIN, as fast, then Enter: signed in, the header names the cashier
        cashier.keyboard().type(TestCashier.PIN + "\n");
        assertThat(cashier.locator("#cashier-dialog")).isHidden();
        assertThat(cashier.locator("#cashier")).hasText("收银员 " + TestCashier.NAME + "(" + TestCashier.NUMBER + ")");
        assertEquals(List.of(), selling(sent)); // neither PIN nor number was ever taken for a scan

        // a sale: a senior's phone code typed by the keyboard-wedge scanner, confirmed with Enter
        assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible();
        cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));
        String phoneCode = adminPost("/api/qr/seniors/" + seniorId(phoneSenior().idNumber().value()) + "/phone-code")
                .path("token").asText();
        Request scan = cashier.waitForRequest("**/api/scan",
                () -> cashier.keyboard().type(phoneCode + "\n", new Keyboard.TypeOptions().setDelay(4)));
        assertEquals(phoneCode, json.readTree(scan.postData()).path("text").asText());
        assertThat(cashier.locator("#how")).hasText("手机二维码");
        cashier.keyboard().press("Enter"); // the tender step
        assertThat(cashier.locator("#till-tender-dialog")).isVisible();
        cashier.keyboard().press("Enter"); // exact cash
        assertThat(cashier.locator("#banner")).containsText("已确认");
        UUID saleId = UUID.fromString((String) cashier.evaluate("window.counterPage.state().lastSale.saleId"));

        // recorded with the cashier's number at the central, and so journalled on the counter
        assertEquals(TestCashier.NUMBER, ledgerCashier("entry_id", saleId));
        List<String> journalled = journalLinesOf(saleId);
        assertTrue(journalled.stream().anyMatch(l -> l.contains("\"t\":\"SALE\"") && l.contains("\"cashier\":\"" + TestCashier.NUMBER + "\"")),
                () -> String.join("\n", journalled));

        // the X report lists the cashier's sales at this counter today
        cashier.keyboard().press("F8");
        assertThat(cashier.locator("#report-body table.report-cashiers tbody"))
                .containsText(TestCashier.NAME + "（" + TestCashier.NUMBER + "）"); // full-width, as js/till.js writes it
        assertThat(cashier.locator("#report-body table.report-cashiers thead th")).hasText(new String[] {"收银员", "收款笔数", "其中待上传"});
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("x-report-cashiers.png")));
        cashier.keyboard().press("Escape");
        assertThat(cashier.locator("#report-dialog")).isHidden();

        // the void is signed for too (and gives the senior's quota back)
        VoidSteps.voidTheSaleJustPaid(cashier);
        assertEquals(TestCashier.NUMBER, ledgerCashier("reverses_entry_id", saleId));

        // F10: signed out, the panel is back and nothing sells again
        cashier.keyboard().press("F10");
        assertThat(cashier.locator("#cashier-dialog")).isVisible();
        assertThat(cashier.locator("#cashier")).hasText("未登录");
        assertThat(cashier.locator("#cashier-pin")).hasValue("");
        assertThat(cashier.locator("#cashier-problem")).isHidden(); // signed out on purpose: nothing to explain
        int before = selling(sent).size();
        for (String key : List.of("F4", "F2", "F8", "Enter")) {
            cashier.keyboard().press(key);
        }
        cashier.waitForTimeout(500);
        assertEquals(before, selling(sent).size(), () -> selling(sent).toString());
        assertThat(cashier.locator("#lookup-dialog")).isHidden();
        CounterApi.given().contentType("application/json").body("{\"identityChecked\":true}").post("/api/sale/confirm")
                .then().statusCode(403).body("code", equalTo("CASHIER_SIGN_IN_REQUIRED"));
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-signed-out.png")));
    }

    @Test
    void aPageThatMissedTheSignOutLearnsItFromItsNextCall() {
        // the page's event stream cut (a stalled connection): it learns of the sign-out only from its next call
        context.route("**/api/sale/events**", route -> route.abort());
        Page cashier = context.newPage();
        TestCashier.signInAt(URI.create(terminal.toString()), central(),
                config().getValue(SettlementProcess.ADMIN_PASSWORD, String.class), CANTEEN);
        cashier.navigate(terminal + "index.html");
        assertThat(cashier.locator("#cashier")).hasText("收银员 " + TestCashier.NAME + "(" + TestCashier.NUMBER + ")");
        assertThat(cashier.locator("#cashier-dialog")).isHidden();

        signOutThroughTheApi(); // as the idle check or another page would
        // F4 asks for this counter's sales to void from: refused, and the page learns it was signed out
        cashier.waitForResponse("**/api/sale/voidable", () -> cashier.keyboard().press("F4"));
        assertThat(cashier.locator("#cashier-dialog")).isVisible();
        assertThat(cashier.locator("#cashier-problem")).hasText("请先登录收银员（工号和密码）再收款或撤销");
        assertThat(cashier.locator("#cashier")).hasText("未登录");
    }

    @Test
    void afterTheIdleTimeThePageReturnsToTheSignInPanel() {
        Page cashier = context.newPage();
        TestCashier.signInAt(URI.create(terminal.toString()), central(),
                config().getValue(SettlementProcess.ADMIN_PASSWORD, String.class), CANTEEN);
        cashier.navigate(terminal + "index.html");
        assertThat(cashier.locator("#cashier-dialog")).isHidden();
        assertThat(cashier.locator("#cashier")).containsText(TestCashier.NAME);

        // half an hour without a sale, void or look-up (the default idle time): the terminal signs the cashier out
        // at its next check (every second in tests) and the page, told through its event stream, shows the panel
        TestClock.current().advance(Duration.ofMinutes(30).plusSeconds(5));
        assertThat(cashier.locator("#cashier-dialog")).isVisible();
        assertThat(cashier.locator("#cashier")).hasText("未登录");
        assertThat(cashier.locator("#cashier-problem")).hasText("收银员已退出登录（长时间未操作，或已在别处退出），请重新登录");
        CounterApi.given().get("/api/cashier").then().statusCode(200).body("signedIn", equalTo(false));
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-idle-signed-out.png")));
    }

    private static List<String> selling(List<String> urls) {
        List<String> hits = new ArrayList<>();
        urls.forEach(u -> {
            if (SELLING.matcher(u).matches()) {
                hits.add(u);
            }
        });
        return hits;
    }

    private static void signOutThroughTheApi() {
        CounterApi.given().contentType("application/json").body("{}").post("/api/cashier/sign-out")
                .then().statusCode(200).body("signedIn", equalTo(false));
    }

    /** A senior of the sample register aged 80+ whom no other test records a meal for (the end-to-end test takes the first). */
    private static SampleSenior phoneSenior() {
        return SampleRegister.baodi().seniors(SampleProfile.ROUTE_AGE_80).stream()
                .filter(s -> !STORY_IDS.contains(s.idNumber().value())).skip(1).findFirst().orElseThrow();
    }

    /** The cashier number the central's ledger holds for the entry whose {@code column} is {@code saleId}. */
    private static String ledgerCashier(String column, UUID saleId) throws SQLException {
        Config config = config();
        try (Connection c = DriverManager.getConnection(config.getValue(SettlementProcess.LEDGER_JDBC_URL, String.class),
                config.getValue(SettlementProcess.LEDGER_USER, String.class),
                config.getValue(SettlementProcess.LEDGER_PASSWORD, String.class));
             PreparedStatement q = c.prepareStatement("select cashier_number from meal_entry where " + column + " = ?")) {
            q.setObject(1, saleId);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), () -> "no ledger entry with " + column + " = " + saleId);
                String number = rs.getString(1);
                assertTrue(!rs.next(), () -> "more than one ledger entry with " + column + " = " + saleId);
                return number;
            }
        }
    }

    private List<String> journalLinesOf(UUID saleId) throws IOException {
        return Files.readAllLines(offline.journal().file(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(saleId.toString())).toList();
    }

    private long seniorId(String idNumber) throws IOException, InterruptedException {
        JsonNode items = json.readTree(admin(HttpRequest.newBuilder(central().resolve("/api/register/seniors?q=" + idNumber)).GET()))
                .path("items");
        assertEquals(1, items.size(), items::toString);
        return items.get(0).path("id").asLong();
    }

    private JsonNode adminPost(String path) throws IOException, InterruptedException {
        return json.readTree(admin(HttpRequest.newBuilder(central().resolve(path)).POST(HttpRequest.BodyPublishers.noBody())));
    }

    private static String admin(HttpRequest.Builder request) throws IOException, InterruptedException {
        String password = config().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
        HttpResponse<String> r = HttpClient.newHttpClient().send(Central.asAdmin(request, password).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        return r.body();
    }

    private static URI central() {
        return URI.create(config().getValue("laorenjia.terminal.settlement-url", String.class));
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
