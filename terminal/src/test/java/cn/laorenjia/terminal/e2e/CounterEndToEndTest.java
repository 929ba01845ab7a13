package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.fixtures.vpcd.VirtualCard;
import cn.laorenjia.terminal.testing.PcscStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A day at the counter in a real headless Chromium: the terminal (this Quarkus app) talks to a real settlement
 * service on real PostgreSQL. A senior taps a card, the cashier page shows them, the cashier presses Enter, the
 * ledger holds the meal and the senior display shows how many subsidised meals are left this week.
 * Screenshots are kept under target/e2e/.
 */
@QuarkusTest
@WithTestResource(SettlementProcess.class)
class CounterEndToEndTest {

    /** 张淑珍, 88, 海滨街道, eligible as an 80+ local (fixtures' StorySeniors.ZHANG_SHUZHEN_UID). */
    private static final String ZHANG_SHUZHEN_UID = "04A1B2C3D4E5F6";
    /** 赵桂兰, 66, low income with severe disability; 社会保障号码 (StorySeniors.ZHAO_GUILAN_ID). */
    private static final String ZHAO_GUILAN_ID = "120224196006182420";
    private static final Path ARTIFACTS = Path.of("target", "e2e");

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL terminal;

    @Inject
    Event<IdentificationFailed> failed;

    private final ObjectMapper json = new ObjectMapper();
    private final List<VirtualCard> cardsOnReader = new java.util.ArrayList<>();

    @AfterEach
    void takeCardsOffTheReader() {
        cardsOnReader.forEach(VirtualCard::close);
        cardsOnReader.clear();
    }

    @BeforeAll
    static void startBrowser() {
        boolean required = "1".equals(System.getenv("LAORENJIA_REQUIRE_BROWSER"));
        Optional<String> unavailable = ConfigProvider.getConfig().getOptionalValue(SettlementProcess.UNAVAILABLE, String.class);
        Optional<Path> chromium = chromium();
        String why = unavailable.orElse(chromium.isEmpty()
                ? "Debian's chromium is not installed (apt-get install -y chromium chromium-driver fonts-noto-cjk fonts-wqy-microhei)"
                : null);
        if (why != null) {
            if (required) {
                fail("End-to-end browser test required (LAORENJIA_REQUIRE_BROWSER=1) but " + why);
            }
            abort("Skipping the end-to-end browser test: " + why);
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium.get()).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void aCardTapIsConfirmedRecordedInTheLedgerAndShownToTheSenior() throws Exception {
        Files.createDirectories(ARTIFACTS);
        var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 600).setLocale("zh-CN"));
        Page cashier = context.newPage();
        Page display = context.newPage();
        cashier.navigate(terminal + "index.html");
        display.navigate(terminal + "display.html");
        assertThat(cashier.locator("#sets .set").first()).isVisible();
        assertThat(cashier.locator("#sets .set .ok").first()).hasText("可补贴");
        assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible(); // a qualifying set is chosen

        // the senior taps her card: a virtual card in vpcd's reader, read by the terminal's reader thread through
        // pcscd and javax.smartcardio (skipped without the PC/SC stack unless LAORENJIA_REQUIRE_PCSC=1)
        PcscStack.require();
        VirtualCard card = VirtualCard.uid(ZHANG_SHUZHEN_UID).insert(VirtualCard.SECOND_READER_PORT);
        cardsOnReader.add(card);

        assertThat(cashier.locator("#name")).hasText("张*珍");
        assertThat(cashier.locator("#id-masked")).hasText("120224********1223");
        assertThat(cashier.locator("#discount")).hasText("-3.00元");
        assertThat(cashier.locator("#how")).hasText("刷卡");
        assertThat(cashier.locator("#check-row")).isHidden(); // a card needs no second check; a printed code would
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).isInViewport();
        assertThat(display.locator("#headline")).containsText("减免3元");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-identified.png")));

        cashier.locator("body").press("Enter"); // the cashier confirms with the keyboard
        assertThat(cashier.locator("#banner")).containsText("已确认");

        // the ledger holds the meal
        JsonNode quota = settlement("/api/meals/quota?cardKind=UID&identifier=" + ZHANG_SHUZHEN_UID);
        assertEquals(1, quota.path("usedToday").asInt());
        int left = quota.path("remainingThisWeek").asInt();
        JsonNode totals = settlement("/api/counter/totals");
        assertEquals(1, totals.path("terminal").path("subsidisedMeals").asInt());

        // and the senior display says how many are left
        assertThat(display.locator("#headline")).containsText("本周还剩" + left + "次");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-confirmed.png")));
        display.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("senior-display.png")));

        // the X report reads the same ledger
        cashier.keyboard().press("F8");
        assertThat(cashier.locator("#report-body table")).containsText("补贴餐数");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("x-report.png")));
        cashier.keyboard().press("Escape");

        // the receipt: a printable page, and GBK ESC/POS bytes for a thermal printer
        String saleId = (String) cashier.evaluate("window.counterPage.state().lastSale.saleId");
        Page receipt = context.newPage();
        receipt.setViewportSize(320, 600);
        receipt.navigate(terminal + "receipt.html?sale=" + saleId);
        assertThat(receipt.locator("#receipt")).containsText("实付");
        assertThat(receipt.locator("#receipt")).containsText("张*珍");
        receipt.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("receipt.png")));
        byte[] escPos = receipt.request().get(terminal + "api/receipts/" + saleId + "/escpos").body();
        assertEquals("1b401c26", java.util.HexFormat.of().formatHex(escPos, 0, 4));
        assertTrue(new String(escPos, java.nio.charset.Charset.forName("GBK")).contains("助餐消费小票"));

        // a mistake: void the last sale; the quota comes back
        cashier.keyboard().press("F4");
        assertThat(cashier.locator("#banner")).containsText("已撤销上一笔");
        assertEquals(0, settlement("/api/meals/quota?cardKind=UID&identifier=" + ZHANG_SHUZHEN_UID).path("usedToday").asInt());
        context.close();
    }

    @Test
    void aManualLookupNeedsTheCashiersCheckAndAScanNeverLandsInAField() throws Exception {
        var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 600).setLocale("zh-CN"));
        Page cashier = context.newPage();
        cashier.navigate(terminal + "index.html");
        assertThat(cashier.locator("#sets .set").first()).isVisible();
        cashier.keyboard().press("Escape");

        // a card pulled off the reader too early: the cashier reads what happened and what to do
        failed.fire(new IdentificationFailed("CARD_REMOVED", "卡片离开过快,请让老人把卡放在读卡器上再刷一次", Instant.now()));
        assertThat(cashier.locator("#banner")).hasText("卡片离开过快,请让老人把卡放在读卡器上再刷一次");

        cashier.keyboard().press("F2");
        Locator id = cashier.locator("#lookup-id");
        assertThat(id).isFocused();
        // a keyboard-wedge scanner types a whole code within milliseconds, then Enter: it must not land in the field
        Request scan = cashier.waitForRequest("**/api/scan", () -> cashier.keyboard().type("BDQR7K3M9P2Q4R6T\n"));
        assertEquals("{\"text\":\"BDQR7K3M9P2Q4R6T\"}", scan.postData());
        assertThat(id).hasValue("");
        // a person types at a person's pace
        id.pressSequentially(ZHAO_GUILAN_ID, new Locator.PressSequentiallyOptions().setDelay(300));
        assertThat(id).hasValue(ZHAO_GUILAN_ID);
        cashier.getByRole(AriaRole.COMBOBOX).selectOption("CARD_FORGOTTEN");
        id.press("Enter");

        assertThat(cashier.locator("#name")).hasText("赵*兰");
        assertThat(cashier.locator("#how")).hasText("手工查询");
        assertThat(cashier.locator("#check-row")).isVisible();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#banner")).containsText("请核对老人本人或身份证");
        cashier.keyboard().press("F6");
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#banner")).containsText("已确认");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-manual.png")));
        cashier.keyboard().press("F4"); // leave the senior's quota as it was
        assertThat(cashier.locator("#banner")).containsText("已撤销上一笔");
        context.close();
    }

    private JsonNode settlement(String path) throws IOException, InterruptedException {
        var config = ConfigProvider.getConfig();
        String base = config.getValue("laorenjia.terminal.settlement-url", String.class);
        String auth = "Terminal " + config.getValue("laorenjia.terminal.code", String.class) + ":"
                + config.getValue("laorenjia.terminal.secret", String.class);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200, () -> path + " answered " + r.statusCode() + " " + r.body());
        return json.readTree(r.body());
    }

    private static Optional<Path> chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
