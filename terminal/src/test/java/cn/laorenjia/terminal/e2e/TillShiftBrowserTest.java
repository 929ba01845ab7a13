package cn.laorenjia.terminal.e2e;

import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.terminal.testing.CounterApi;
import cn.laorenjia.terminal.testing.SwitchableProxy;
import cn.laorenjia.terminal.testing.TestCashier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shift at the till in a real headless Chromium at 1024×600, against the real settlement service on real
 * PostgreSQL: the cashier signs in and opens the shift with a 200-yuan float; a senior's phone code, subsidised, paid
 * by 微信 (Enter, W); the same senior with a set that does not qualify, sold at full price in cash with the change in
 * large type; a walk-in buys the selected set (Enter asks first, A: 支付宝); the link to the central is cut and F8
 * still shows the shift's figures from the till journal; the cashier closes the shift with the counted cash and the Z
 * report has the right figures by tender and kind, the cash difference, and a printable page; with the link back the
 * till's records reach the central, whose own Z report agrees to the fen. Screenshots under target/e2e/.
 */
@QuarkusTest
@WithTestResource(SettlementBehindASwitch.class)
class TillShiftBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "e2e");
    private static final String CANTEEN = "BD-HB-01";
    private static final Set<String> STORY_IDS = Set.of(StorySeniors.ZHANG_SHUZHEN_ID, StorySeniors.LIU_DEMING_ID,
            StorySeniors.ZHAO_GUILAN_ID, StorySeniors.SUN_JIANGUO_ID, StorySeniors.LI_YULAN_ID, StorySeniors.CHEN_FUSHENG_ID,
            StorySeniors.YANG_SHULIN_ID, StorySeniors.GAO_FENGYING_ID, StorySeniors.WANG_CHANGSHUN_ID, StorySeniors.ZHOU_XIURONG_ID);
    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @TestHTTPResource("/")
    URL terminal;

    @SettlementBehindASwitch.CounterLink
    SwitchableProxy link;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aShiftFromItsFloatToItsZReport() throws Exception {
        assertNotNull(link, "the relay between the counter and the central was not injected");
        Files.createDirectories(ARTIFACTS);
        // the test cashier signs in; a shift left open by an earlier test is closed, so this one starts from its float
        TestCashier.register(direct(""), adminPassword(), CANTEEN);
        CounterApi.given().contentType("application/json")
                .body(Map.of("number", TestCashier.NUMBER, "pin", TestCashier.PIN)).post("/api/cashier/sign-in")
                .then().statusCode(200);
        int closed = CounterApi.given().contentType("application/json").body(Map.of("countedCash", "0"))
                .post("/api/till/shift/close").statusCode();
        assertTrue(closed == 200 || closed == 409, "closing a shift left open answered " + closed);
        SampleSenior senior = SampleRegister.baodi().seniors(SampleProfile.ROUTE_AGE_80).stream()
                .filter(s -> !STORY_IDS.contains(s.idNumber().value())).skip(2).findFirst().orElseThrow();
        long seniorId = seniorId(senior.idNumber().value());

        BrowserContext context = chromium.counterScreen();
        try {
            Page cashier = context.newPage();
            cashier.navigate(terminal + "index.html");

            // no shift open: the page asks for the float
            assertThat(cashier.locator("#till-float-dialog")).isVisible(SLOW);
            assertThat(cashier.locator("#till-shift")).hasText("未开班");
            assertThat(cashier.locator("#till-float")).isFocused();
            cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("till-float.png")));
            cashier.keyboard().type("二百\n");
            assertThat(cashier.locator("#till-float-problem")).hasText("金额格式不正确：请输入元，例如 200 或 200.00");
            cashier.locator("#till-float").fill("");
            cashier.keyboard().type("200\n");
            assertThat(cashier.locator("#till-float-dialog")).isHidden();
            assertThat(cashier.locator("#till-shift")).containsText("备用金 200.00 元");
            assertThat(cashier.locator("#sets .set[aria-pressed=true]")).isVisible();

            // 1. a senior's phone code, subsidised, paid by 微信: Enter, W
            String code = adminPost("/api/qr/seniors/" + seniorId + "/phone-code").path("token").asText();
            cashier.keyboard().type(code + "\n", new Keyboard.TypeOptions().setDelay(4));
            assertThat(cashier.locator("#how")).hasText("手机二维码");
            cashier.waitForFunction("() => { const s = window.counterPage.state(); return s.preview && s.preview.subsidised; }");
            long subsidisedDue = number(cashier, "window.counterPage.state().preview.amountToPayFen");
            long subsidisedPrice = number(cashier, "window.counterPage.state().preview.priceFen");
            cashier.keyboard().press("Enter");
            assertThat(cashier.locator("#till-tender-dialog")).isVisible();
            assertThat(cashier.locator("#till-tender-title")).hasText("收款");
            assertThat(cashier.locator("#till-due")).hasText(yuan(subsidisedDue));
            assertWithinTheScreen(cashier, "#till-tender-dialog");
            cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("till-tender.png")));
            cashier.keyboard().press("w");
            assertThat(cashier.locator("#till-tender-dialog")).isHidden();
            assertThat(cashier.locator("#till-change")).containsText("微信 收款 " + yuan(subsidisedDue) + " 元");
            assertThat(cashier.locator("#banner")).containsText("已确认");
            assertThat(cashier.locator("#till-change-amount")).isHidden(); // nothing to give back

            // 2. the same senior with a set that does not qualify: full price, in cash, 50 yuan handed over
            cashier.keyboard().press("Escape");
            String code2 = adminPost("/api/qr/seniors/" + seniorId + "/phone-code").path("token").asText();
            cashier.keyboard().type(code2 + "\n", new Keyboard.TypeOptions().setDelay(4));
            assertThat(cashier.locator("#how")).hasText("手机二维码");
            int notQualifying = ((Number) cashier.evaluate("window.counterPage.state().menu.sets.findIndex(s => !s.qualifies)")).intValue();
            assertTrue(notQualifying >= 0 && notQualifying < 9, "the sample menu has a set that does not qualify");
            String setCode = (String) cashier.evaluate("window.counterPage.state().menu.sets[" + notQualifying + "].code");
            cashier.waitForTimeout(150); // a person's pace after the scan: the digit is a shortcut
            cashier.keyboard().press(String.valueOf(notQualifying + 1));
            cashier.waitForFunction("code => { const s = window.counterPage.state(); return s.preview && !s.preview.subsidised "
                    + "&& s.preview.mealSet.code === code; }", setCode);
            long fullPrice = number(cashier, "window.counterPage.state().preview.priceFen");
            assertTrue(fullPrice < 5000, "a set under 50 yuan: " + fullPrice);
            cashier.keyboard().press("Enter");
            assertThat(cashier.locator("#till-tender-title")).hasText("本餐不享受补贴：按原价收款");
            assertThat(cashier.locator("#till-due")).hasText(yuan(fullPrice));
            cashier.keyboard().type("20");
            if (fullPrice > 2000) {
                assertThat(cashier.locator("#till-live-change")).containsText("收款不足");
            }
            cashier.keyboard().type("0"); // 200: the change would be a 100-yuan note or more
            cashier.keyboard().press("Enter");
            assertThat(cashier.locator("#till-tender-problem")).hasText("找零不能达到或超过100元，请核对收款金额");
            cashier.locator("#till-tendered").fill("50");
            assertThat(cashier.locator("#till-live-change")).hasText("找零 " + yuan(5000 - fullPrice) + " 元");
            cashier.keyboard().press("Enter");
            assertThat(cashier.locator("#till-tender-dialog")).isHidden();
            assertThat(cashier.locator("#till-change-amount")).hasText("找零 " + yuan(5000 - fullPrice) + " 元");
            assertThat(cashier.locator("#banner")).containsText("已按原价收款");
            double changePx = ((Number) cashier.evaluate(
                    "parseFloat(getComputedStyle(document.getElementById('till-change-amount')).fontSize)")).doubleValue();
            assertTrue(changePx >= 40, "the change in large type: " + changePx + " px");
            assertWithinTheScreen(cashier, "#till-change-amount");
            cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("till-change.png")));

            // 3. a walk-in: nobody identified, Enter asks first, A: 支付宝 at the selected set's price
            cashier.keyboard().press("Escape");
            assertThat(cashier.locator("#till-change")).isHidden();
            cashier.waitForFunction("() => { const s = window.counterPage.state(); return !s.preview && !s.presented; }");
            long walkInPrice = number(cashier, "(() => { const s = window.counterPage.state(); "
                    + "return s.menu.sets.find(x => x.code === s.selectedSet).priceFen; })()");
            // an amount the cashier did not see (the set changed under the dialog) sells nothing
            String changed = CounterApi.given().contentType("application/json")
                    .body(Map.of("walkIn", true, "tender", "CASH", "dueFen", walkInPrice + 100)).post("/api/till/sell")
                    .then().statusCode(200).extract().path("state.error.code");
            assertEquals("DUE_CHANGED", changed);
            cashier.keyboard().press("Enter");
            assertThat(cashier.locator("#till-tender-title")).hasText("未识别老人：按原价售出？");
            assertThat(cashier.locator("#till-due")).hasText(yuan(walkInPrice));
            cashier.keyboard().press("a");
            assertThat(cashier.locator("#till-change")).containsText("支付宝 收款 " + yuan(walkInPrice) + " 元（原价）");

            // the shift's sales, newest first, as the void dialog will list them
            JsonNode sales = json.readTree(CounterApi.given().get("/api/till/sales").then().statusCode(200).extract().asString());
            assertEquals(List.of("ALIPAY", "CASH", "WECHAT"), List.of(sales.get(0).path("tender").asText(),
                    sales.get(1).path("tender").asText(), sales.get(2).path("tender").asText()), sales::toString);
            assertEquals(List.of(false, false, true), List.of(sales.get(0).path("subsidised").asBoolean(),
                    sales.get(1).path("subsidised").asBoolean(), sales.get(2).path("subsidised").asBoolean()));

            // 4. the link to the central is cut: F8 shows the shift's figures from the till journal all the same
            long cashTakings = fullPrice;
            long expectedCash = 20000 + cashTakings;
            link.cut();
            cashier.keyboard().press("F8");
            assertThat(cashier.locator("#report-body .till-offline-note")).isVisible(SLOW);
            assertThat(cashier.locator("#report-body table.till-tenders tbody tr")).hasText(new String[] {
                    "现金1" + yuan(cashTakings), "微信1" + yuan(subsidisedDue), "支付宝1" + yuan(walkInPrice), "刷卡00.00"});
            assertThat(cashier.locator("#report-body table.till-totals")).containsText("应有现金" + yuan(expectedCash) + " 元");
            assertWithinTheScreen(cashier, "#report-dialog");
            cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("till-x-offline.png")));
            cashier.keyboard().press("Escape");
            assertThat(cashier.locator("#report-dialog")).isHidden();

            // 5. the close, still offline: one yuan short in the drawer
            cashier.keyboard().press("F5");
            assertThat(cashier.locator("#till-close-dialog")).isVisible();
            cashier.keyboard().type(yuan(expectedCash - 100) + "\n");
            assertThat(cashier.locator("#till-z-dialog")).isVisible();
            assertThat(cashier.locator("#till-shift")).hasText("未开班");
            assertThat(cashier.locator("#till-z-body table.till-kinds tbody tr")).hasText(new String[] {
                    "补贴餐1" + yuan(subsidisedPrice - subsidisedDue) + yuan(subsidisedDue),
                    "原价餐20.00" + yuan(fullPrice + walkInPrice)});
            assertThat(cashier.locator("#till-z-body table.till-totals")).containsText("现金差额-1.00 元（短款）");
            assertWithinTheScreen(cashier, "#till-z-dialog");
            assertEquals(Boolean.FALSE, cashier.evaluate("(() => { const d = document.getElementById('till-z-dialog'); "
                    + "return d.scrollHeight > d.clientHeight; })()"), "the Z report fits the screen without scrolling");
            cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("till-z-report.png")));
            String shiftId = (String) cashier.evaluate("document.getElementById('till-z-dialog').dataset.shift");

            // the Z report is kept on the counter by its shift, with the right figures
            JsonNode z = json.readTree(CounterApi.given().get("/api/till/shifts/" + shiftId + "/z")
                    .then().statusCode(200).extract().asString());
            assertEquals(20000, z.path("floatFen").asLong());
            assertEquals(1, z.path("subsidised").path("meals").asLong());
            assertEquals(2, z.path("fullPrice").path("meals").asLong());
            assertEquals(subsidisedDue + fullPrice + walkInPrice,
                    z.path("subsidised").path("paidFen").asLong() + z.path("fullPrice").path("paidFen").asLong());
            assertEquals(expectedCash, z.path("expectedCashFen").asLong());
            assertEquals(-100, z.path("cashDifferenceFen").asLong());
            assertEquals(0, z.path("voids").asLong());
            assertEquals(TestCashier.NUMBER, z.path("openedBy").asText());
            for (JsonNode line : z.path("byTender")) {
                long want = switch (line.path("tender").asText()) {
                    case "CASH" -> fullPrice;
                    case "WECHAT" -> subsidisedDue;
                    case "ALIPAY" -> walkInPrice;
                    default -> 0;
                };
                assertEquals(want, line.path("takingsFen").asLong(), line::toString);
            }

            // printable, like the receipt
            Page print = context.newPage();
            print.setViewportSize(320, 600);
            print.navigate(terminal + "zreport.html?shift=" + shiftId);
            assertThat(print.locator("#zreport")).containsText("现金差额");
            assertThat(print.locator("#zreport")).containsText("-1.00元");
            print.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("till-z-print.png")));
            print.close();

            // the Z report put away: the next shift starts from its float
            cashier.keyboard().press("Escape");
            assertThat(cashier.locator("#till-float-dialog")).isVisible();
            String refusal = CounterApi.given().contentType("application/json").body(Map.of("identityChecked", true))
                    .post("/api/sale/confirm").then().statusCode(200).extract().path("error.code");
            assertEquals("SHIFT_NOT_OPEN", refusal, "nothing is sold without an open shift");

            // the link back: the till's records reach the central in order (opening, sales, closing), and the central's
            // own Z report, computed from what it received, agrees with the counter's to the fen
            link.restore();
            JsonNode kept = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> zReportAtTheCentral(shiftId), r -> r != null);
            assertTrue(kept.path("agrees").asBoolean(), kept::toString);
            assertEquals(z.path("expectedCashFen").asLong(), kept.path("central").path("expectedCashFen").asLong());
            assertEquals(-100, kept.path("central").path("cashDifferenceFen").asLong());
            assertEquals(2, kept.path("central").path("fullPrice").path("meals").asLong());
            assertEquals(1, kept.path("central").path("subsidised").path("meals").asLong());
            assertEquals(0, kept.path("unconfirmedSubsidisedNow").asLong(), "the subsidised sale matches its ledger entry");
        } finally {
            link.restore();
            context.close();
        }
    }

    /** Inside the 1024×600 screen, not cut. */
    private static void assertWithinTheScreen(Page page, String selector) {
        @SuppressWarnings("unchecked")
        List<Object> box = (List<Object>) page.evaluate("sel => { const r = document.querySelector(sel).getBoundingClientRect(); "
                + "return [r.left, r.top, r.right, r.bottom]; }", selector);
        double right = ((Number) box.get(2)).doubleValue();
        double bottom = ((Number) box.get(3)).doubleValue();
        assertTrue(((Number) box.get(0)).doubleValue() >= 0 && ((Number) box.get(1)).doubleValue() >= 0
                && right <= 1024 && bottom <= 600, selector + " at " + box);
    }

    private static long number(Page page, String expression) {
        return ((Number) page.evaluate(expression)).longValue();
    }

    private static String yuan(long fen) {
        return (fen < 0 ? "-" : "") + Math.abs(fen) / 100 + "." + String.format("%02d", Math.abs(fen) % 100);
    }

    private long seniorId(String idNumber) throws IOException, InterruptedException {
        JsonNode items = json.readTree(admin(HttpRequest.newBuilder(direct("/api/register/seniors?q=" + idNumber)).GET()))
                .path("items");
        assertEquals(1, items.size(), items::toString);
        return items.get(0).path("id").asLong();
    }

    /** The central's Z report of the shift once it holds the closing; null until then. */
    private JsonNode zReportAtTheCentral(String shiftId) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(Central.asAdmin(
                HttpRequest.newBuilder(direct("/api/settlement/till/shifts/" + shiftId + "/z-report")).GET(),
                adminPassword()).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? json.readTree(r.body()) : null;
    }

    private JsonNode adminPost(String path) throws IOException, InterruptedException {
        return json.readTree(admin(HttpRequest.newBuilder(direct(path)).POST(HttpRequest.BodyPublishers.noBody())));
    }

    private static String admin(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(Central.asAdmin(request, adminPassword()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        return r.body();
    }

    private static String adminPassword() {
        return ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
    }

    private static URI direct(String path) {
        return URI.create(ConfigProvider.getConfig().getValue(SettlementBehindASwitch.DIRECT_URL, String.class) + path);
    }
}
