package cn.laorenjia.settlement.supervision;

import cn.laorenjia.settlement.finance.FinancePageBrowserTestAccess;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Pattern;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supervision roll-up walked by a supervisor in Debian's chromium, 区 → 街镇 → canteen by its links, and the
 * public page used without signing in, each at 1024x600 (a small office screen) and 360x740 (a phone): nothing wider
 * than the screen, large type on the public page. Screenshots go to settlement/docs/screenshots/supervision/ and
 * settlement/docs/screenshots/public/.
 */
@QuarkusTest
class SupervisionPagesBrowserTest {

    static final Path SUPERVISION_SHOTS = Path.of("docs", "screenshots", "supervision");
    static final Path PUBLIC_SHOTS = Path.of("docs", "screenshots", "public");
    static final YearMonth MONTH = SettlementFixture.monthsAgo(17);

    @TestHTTPResource("/")
    URL root;

    @Test
    void aSupervisorDrillsDownFromTheDistrictsToACanteen() throws Exception {
        SettlementFixture canteen = SupervisionFixture.settledCanteen("宝平街道", MONTH);
        SupervisionFixture.otherDistrictCanteen("南营门老人家食堂");
        for (int[] size : new int[][] {{1024, 600}, {360, 740}}) {
            String suffix = size[0] + "x" + size[1];
            try (Session s = new Session(size[0], size[1])) {
                Page page = s.page;
                page.navigate(root + "supervision?month=" + MONTH);
                assertThat(page.locator("form#signin")).isVisible();
                page.locator("#username").fill("test-supervisor");
                page.locator("#password").fill("test-supervisor-password");
                page.locator("#submit").click();
                page.waitForURL(Pattern.compile(".*/supervision\\?month=" + MONTH));
                assertThat(page.locator("h1")).hasText("监管概览");
                assertThat(page.locator("#areas tr[data-area='和平区']")).isVisible();
                assertThat(page.locator("#months-chart svg rect.bar")).hasCount(6);
                assertNoSidewaysScroll(page);
                shot(page, SUPERVISION_SHOTS, "01-districts-" + suffix);

                page.locator("#areas tr[data-area='宝坻区'] a").click();
                page.waitForURL(Pattern.compile(".*/supervision/districts/.*"));
                assertThat(page.locator("h1")).hasText("宝坻区 概览");
                assertThat(page.locator("#areas tr[data-area='宝坻区|宝平街道']")).isVisible();
                assertNoSidewaysScroll(page);
                shot(page, SUPERVISION_SHOTS, "02-district-subdistricts-" + suffix);

                page.locator("#areas tr[data-area='宝坻区|宝平街道'] a").click();
                page.waitForURL(Pattern.compile(".*/subdistricts/.*"));
                assertThat(page.locator("h1")).hasText("宝平街道 概览");
                // sort by code, then by meals (most first): the canteen with the fixture month is on the first page
                page.locator("#canteen-table th a.sort", new Page.LocatorOptions().setHasText("补贴餐次")).click();
                page.waitForURL(Pattern.compile(".*sort=meals.*"));
                assertNoSidewaysScroll(page);
                shot(page, SUPERVISION_SHOTS, "03-subdistrict-canteens-" + suffix);

                page.navigate(root + "supervision/districts/%E5%AE%9D%E5%9D%BB%E5%8C%BA/subdistricts/"
                        + "%E5%AE%9D%E5%B9%B3%E8%A1%97%E9%81%93?month=" + MONTH + "&sort=code&dir=desc");
                while (page.locator("#canteen-table tr[data-canteen='" + canteen.canteenCode + "']").count() == 0
                        && page.locator("#canteens-next").count() > 0) {
                    page.locator("#canteens-next").click();
                    page.waitForLoadState();
                }
                page.locator("#canteen-table tr[data-canteen='" + canteen.canteenCode + "'] a").click();
                page.waitForURL(Pattern.compile(".*/supervision/canteens/.*"));
                assertThat(page.locator("#total-meals")).hasText("6");
                assertThat(page.locator("#total-owed")).hasText("30.00");
                assertThat(page.locator("#days-chart svg rect.bar[data-key='3']")).hasAttribute("data-value", "2");
                assertThat(page.locator("#no-cases")).isVisible();
                assertFalse(page.content().contains("王秀英"), "no senior named");
                assertNoSidewaysScroll(page);
                shot(page, SUPERVISION_SHOTS, "04-canteen-profile-" + suffix);
            }
        }
    }

    @Test
    void anyoneFindsACanteenOnThePublicPageWithoutSigningIn() throws Exception {
        String name = "浏览器公开" + TestApi.unique("食堂");
        String code = SupervisionFixture.publicCanteen(name);
        as(ADMIN).body(Map.of("openingHours", "周一至周日 10:30-13:00，16:30-18:00", "publicPhone", "022-29241234"))
                .put("/api/register/canteens/" + code + "/public-contact").then().statusCode(200);
        for (int[] size : new int[][] {{1024, 600}, {360, 740}}) {
            String suffix = size[0] + "x" + size[1];
            try (Session s = new Session(size[0], size[1])) {
                Page page = s.page;
                page.navigate(root + "signin");
                page.locator("#public-link").click();
                page.waitForURL(Pattern.compile(".*/public/canteens"));
                assertThat(page.locator("h1")).containsText("老人家食堂");
                assertNoSidewaysScroll(page);
                shot(page, PUBLIC_SHOTS, "01-all-canteens-" + suffix, false);

                page.locator("#area").selectOption("宝坻区|宝平街道");
                page.locator("#q").fill(name);
                page.locator("#search").click();
                page.waitForURL(Pattern.compile(".*/public/canteens\\?.*q=.*"));
                assertThat(page.locator("li.canteen")).hasCount(1);
                assertThat(page.locator("li.canteen[data-canteen='" + code + "']")).containsText("022-29241234");
                assertThat(page.locator("li.canteen .hours")).hasText("周一至周日 10:30-13:00，16:30-18:00");
                assertThat(page.locator("li.canteen table.menu")).containsText("营养早餐");
                String fontSize = (String) page.evaluate("() => getComputedStyle(document.querySelector('li.canteen dd')).fontSize");
                assertTrue(Double.parseDouble(fontSize.replace("px", "")) >= 20, "large type: " + fontSize);
                assertNoSidewaysScroll(page);
                shot(page, PUBLIC_SHOTS, "02-search-result-" + suffix);
            }
        }
    }

    private static void assertNoSidewaysScroll(Page page) {
        Object widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
        java.util.List<?> w = (java.util.List<?>) widths;
        int scroll = ((Number) w.get(0)).intValue();
        int inner = ((Number) w.get(1)).intValue();
        assertTrue(scroll <= inner, "the page is no wider than the screen: " + scroll + " > " + inner + " at " + page.url());
    }

    private static void shot(Page page, Path dir, String name) throws Exception {
        shot(page, dir, name, true);
    }

    /** The whole page, or only what the screen shows (a list of twenty canteens would be a very long picture). */
    private static void shot(Page page, Path dir, String name, boolean fullPage) throws Exception {
        Files.createDirectories(dir);
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(fullPage));
    }

    /** Debian's chromium at a size, as the finance page's tests launch it. */
    private static final class Session implements AutoCloseable {
        final Playwright playwright;
        final Browser browser;
        final BrowserContext context;
        final Page page;

        Session(int width, int height) {
            Path chromium = FinancePageBrowserTestAccess.requireChromium();
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = FinancePageBrowserTestAccess.launch(playwright, chromium);
            context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                    .setViewportSize(width, height));
            page = context.newPage();
        }

        @Override
        public void close() {
            context.close();
            browser.close();
            playwright.close();
        }
    }
}
