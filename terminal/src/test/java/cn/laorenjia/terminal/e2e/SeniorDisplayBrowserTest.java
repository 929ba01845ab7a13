package cn.laorenjia.terminal.e2e;

import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.terminal.display.DisplayConfig;
import cn.laorenjia.terminal.offline.OfflineConfig;
import cn.laorenjia.terminal.testing.CounterApi;
import cn.laorenjia.terminal.testing.TestCashier;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The senior display in a real headless Chromium, on the counter's 1024×600 screen and on a small 800×480 one, driven
 * through the real flow (the cashier page, the terminal, the settlement service on real PostgreSQL): a refused senior
 * (李玉兰, deceased, looked up by ID number) sees "本餐按原价" and the amount to pay, never why; the cashier's panel gives
 * the reason in one line and 本周剩余 "—"; a subsidised senior sees her discount, the amount and the week's remainder;
 * paid, voided and please-wait follow. Every state has its own background colour, and no line of the display leaves
 * the screen or is cut. Screenshots under target/e2e/display-*.png.
 */
@QuarkusTest
@WithTestResource(SettlementProcess.class)
class SeniorDisplayBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "e2e");
    /** The canteen of the test's terminal (SettlementProcess.TERMINAL). */
    private static final String CANTEEN = "BD-HB-01";
    /** What the public display must never say of a refusal. */
    private static final List<String> REASON_WORDS = List.of("已故", "低保", "不符合", "用完", "不享受", "补贴次数");

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @TestHTTPResource("/")
    URL terminal;

    @Inject
    DisplayConfig displayConfig;

    @Inject
    OfflineConfig offlineConfig;

    @Test
    void everyStateHasItsColourTheAmountAndFitsTheScreenAndARefusalSaysNoReason() throws Exception {
        Files.createDirectories(ARTIFACTS);
        // the canteen's prompt file is looked for in the terminal's data directory unless configured elsewhere
        assertEquals(offlineConfig.dataDir().resolve("voice-prompts.properties"), displayConfig.voicePrompts());
        String password = ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
        URI central = URI.create(ConfigProvider.getConfig().getValue("laorenjia.terminal.settlement-url", String.class));
        TestCashier.register(central, password, CANTEEN);
        TestCashier.signInAt(URI.create(terminal.toString()), central, password, CANTEEN);

        BrowserContext context = chromium.counterScreen();
        try {
            Page cashier = context.newPage();
            cashier.navigate(terminal + "index.html");
            assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible();
            cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));
            Page large = context.newPage(); // the counter's own 1024×600
            large.navigate(terminal + "display.html");
            Page small = context.newPage();
            small.setViewportSize(800, 480);
            small.navigate(terminal + "display.html");
            List<Page> displays = List.of(large, small);
            Map<String, String> colours = new LinkedHashMap<>();

            seen(displays, "WELCOME", colours);
            assertThat(large.locator("#headline")).hasText("欢迎光临");

            // 李玉兰 died in February; her ID number is looked up (she forgot her card, says whoever brought it)
            lookUp(cashier, StorySeniors.LI_YULAN_ID);
            assertThat(cashier.locator("#name")).hasText("李*兰");
            seen(displays, "FULL_PRICE", colours);
            String price = (String) cashier.evaluate("window.counterPage.state().preview.amountToPay");
            for (Page display : displays) {
                assertThat(display.locator("#headline")).hasText("本餐按原价");
                assertThat(display.locator("#amount")).hasText("应付 " + price + " 元");
                assertThat(display.locator("#note")).hasText("如有疑问请问收银员");
                String shown = display.locator("body").innerText();
                for (String word : REASON_WORDS) {
                    assertFalse(shown.contains(word), () -> "the public display says " + word + ": " + shown);
                }
                assertFalse(shown.contains("本周"), "no quota for a senior who is not subsidised: " + shown);
            }
            // the cashier alone reads why: one line and at most the first reason, the rest behind 详情; no quota figure
            String refusal = (String) cashier.evaluate("window.counterPage.state().preview.refusalMessage");
            assertThat(cashier.locator("#reasons > li").first()).hasText(refusal);
            assertThat(cashier.locator("#reasons")).containsText("老人已故");
            assertTrue(cashier.locator("#reasons > li").count() <= 3);
            assertEquals(0, cashier.locator("#reasons details[open]").count(), "the rest stays folded");
            assertThat(cashier.locator("#left-week")).hasText("—");
            shoot(displays, "refused", cashier);

            // 张淑珍, 88, by ID number too: subsidised, blue, her discount, the amount and her week's remainder
            nextSenior(cashier);
            lookUp(cashier, StorySeniors.ZHANG_SHUZHEN_ID);
            assertThat(cashier.locator("#name")).hasText("张*珍");
            seen(displays, "PREVIEW", colours);
            String toPay = (String) cashier.evaluate("window.counterPage.state().preview.amountToPay");
            int left = ((Number) cashier.evaluate("window.counterPage.state().preview.remainingThisWeek")).intValue();
            for (Page display : displays) {
                assertThat(display.locator("#headline")).hasText("减免3元 本周还剩" + left + "次");
                assertThat(display.locator("#amount")).hasText("应付 " + toPay + " 元");
            }
            assertThat(cashier.locator("#left-week")).hasText(left + "次");
            shoot(displays, "preview", cashier);

            // checked and confirmed: paid, green
            cashier.keyboard().press("F6");
            TillSteps.payExactCash(cashier);
            assertThat(cashier.locator("#banner")).containsText("已确认");
            seen(displays, "PAID", colours);
            for (Page display : displays) {
                assertThat(display.locator("#amount")).hasText("应付 " + toPay + " 元");
            }
            shoot(displays, "paid", cashier);

            // voided while the display still shows that sale (F4, the sale, a reason, confirmed): amber, the money
            // given back, no quota figure
            VoidSteps.voidTheSaleJustPaid(cashier);
            assertThat(cashier.locator("#banner")).containsText("已撤销");
            seen(displays, "VOIDED", colours);
            for (Page display : displays) {
                assertThat(display.locator("#amount")).hasText(Pattern.compile("退还 \\d+\\.\\d{2} 元"));
                assertFalse(display.locator("body").innerText().contains("本周"));
            }
            shoot(displays, "voided", cashier);

            // a picture that is no picture: the cashier deals with it, the senior is asked to wait
            CounterApi.given().contentType("image/png").body(new byte[] {1, 2, 3}).post("/api/scan/image")
                    .then().statusCode(400);
            seen(displays, "PROBLEM", colours);
            for (Page display : displays) {
                assertThat(display.locator("#headline")).hasText("请稍候");
            }
            shoot(displays, "problem", cashier);

            assertEquals(6, colours.size(), colours::toString);
            assertEquals(6, colours.values().stream().distinct().count(), () -> "every state its own colour: " + colours);
        } finally {
            context.close();
        }
    }

    private static void lookUp(Page cashier, String idNumber) {
        cashier.keyboard().press("F2");
        Locator id = cashier.locator("#lookup-id");
        assertThat(id).isFocused();
        id.fill(idNumber);
        cashier.locator("#lookup-reason").selectOption("CARD_FORGOTTEN");
        cashier.waitForResponse("**/api/sale/lookup", () -> id.press("Enter"));
    }

    private static void nextSenior(Page cashier) {
        cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));
    }

    /**
     * Both displays show {@code tone}, with one background colour for it, and every line inside the screen: not wider
     * than its box (nothing cut), its box inside the window, and the page not scrolled.
     */
    private static void seen(List<Page> displays, String tone, Map<String, String> colours) {
        for (Page display : displays) {
            assertThat(display.locator("body")).hasClass(tone);
            String colour = (String) display.evaluate("getComputedStyle(document.body).backgroundColor");
            String before = colours.putIfAbsent(tone, colour);
            assertTrue(before == null || before.equals(colour), () -> tone + ": " + before + " and " + colour);
            @SuppressWarnings("unchecked")
            List<Object> problems = (List<Object>) display.evaluate("() => { const out = [];"
                    + " const w = window.innerWidth, h = window.innerHeight;"
                    + " if (document.documentElement.scrollWidth > w || document.documentElement.scrollHeight > h)"
                    + "   out.push('page scrolls ' + document.documentElement.scrollWidth + 'x' + document.documentElement.scrollHeight);"
                    + " for (const el of document.querySelectorAll('#board > div, #headline .phrase')) {"
                    + "   if (el.hidden || !el.textContent) continue;"
                    + "   const r = el.getBoundingClientRect();"
                    + "   if (el.scrollWidth > el.clientWidth + 1) out.push(el.id + ' cut: ' + el.scrollWidth + ' > ' + el.clientWidth);"
                    + "   if (r.left < 0 || r.top < 0 || r.right > w + 0.5 || r.bottom > h + 0.5)"
                    + "     out.push((el.id || el.textContent) + ' outside ' + JSON.stringify(r));"
                    + " } return out; }");
            assertEquals(List.of(), new ArrayList<>(problems),
                    () -> tone + " at " + display.viewportSize().width + "×" + display.viewportSize().height);
        }
    }

    private static void shoot(List<Page> displays, String state, Page cashier) {
        for (Page display : displays) {
            display.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve(
                    "display-" + state + "-" + display.viewportSize().width + "x" + display.viewportSize().height + ".png")));
        }
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("display-" + state + "-cashier.png")));
    }
}
