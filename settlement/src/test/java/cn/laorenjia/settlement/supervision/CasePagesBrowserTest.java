package cn.laorenjia.settlement.supervision;

import cn.laorenjia.settlement.finance.FinancePageBrowserTestAccess;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 19's "done when", in Debian's headless chromium at 1024×768: a supervisor walks a flag from the queue to a
 * decision — filters the queue, opens the case, reads the evidence (the senior masked), starts the review, is refused
 * a confirmation without a reason, confirms with one, and sees the history. Screenshots 60-….
 */
@QuarkusTest
class CasePagesBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/supervision/cases?month=2025-03")
    URL queue;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSupervisorWalksAFlagFromTheQueueToADecision() throws Exception {
        AnomalyWorld world = AnomalyWorld.plant(dataSource);
        AnomalyRulesTest.scan();
        Path chromium = FinancePageBrowserTestAccess.requireChromium();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = FinancePageBrowserTestAccess.launch(playwright, chromium)) {
            Page page = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(1024, 768))
                    .newPage();
            page.navigate(queue.toString());
            assertThat(page.locator("form#signin")).isVisible();
            page.locator("#username").fill("test-supervisor");
            page.locator("#password").fill("test-supervisor-password");
            page.locator("#submit").click();
            page.waitForURL(Pattern.compile(".*/supervision/cases.*"));
            assertThat(page.locator("header nav")).containsText("异常线索");
            assertThat(page.locator("#queue tbody tr").first()).isVisible();
            screenshot(page, "60-supervision-queue");

            // the queue filtered to one rule's open flags
            page.locator("#rule").selectOption("CLOSING_BURST");
            page.locator("#state").selectOption("OPEN");
            page.locator("#filter-go").click();
            page.waitForURL(Pattern.compile(".*rule=CLOSING_BURST.*"));
            assertThat(page.locator("#queue tbody tr")).not().hasCount(0);
            assertThat(page.locator("#queue")).containsText(world.codes.get("CLOSING_BURST"));
            page.locator("#queue tbody tr", new Page.LocatorOptions().setHasText(world.codes.get("CLOSING_BURST")))
                    .locator("a.case-link").click();

            // the case and its evidence, masked
            page.waitForURL(Pattern.compile(".*/supervision/cases/\\d+$"));
            assertThat(page.locator("#case-state")).hasText("待核查");
            assertThat(page.locator("#case-subject")).containsText(world.codes.get("CLOSING_BURST"));
            assertThat(page.locator("#evidence tbody tr").first()).isVisible();
            assertThat(page.locator("#evidence .id-number").first()).hasText(Pattern.compile("^\\*{14}[0-9X]{4}$"));
            assertFalse(page.content().contains("监管测试老人"), "the seniors' names are masked");
            assertThat(page.locator("#evidence td.identified").first()).hasText(Pattern.compile("^(刷卡|扫码|人工核验)$"));
            assertThat(page.locator("#evidence tbody tr")).hasCount(50);
            screenshot(page, "61-supervision-case");

            page.locator("#review-note").fill("调取监控和收银小票");
            page.locator("#review-go").click();
            assertThat(page.locator("#notice")).hasText("已开始核查。");
            assertThat(page.locator("#case-state")).hasText("核查中");
            assertThat(page.locator("#review")).hasCount(0);

            // a decision needs its reason
            page.locator("#confirm-go").click();
            assertThat(page.locator("#confirm .form-error")).containsText("CASE_NOTE_REQUIRED");
            page.locator("#confirm-note").fill("监控显示结束前无人就餐，系补录虚报");
            page.locator("#confirm-go").click();
            assertThat(page.locator("#notice")).hasText("已确认：该线索属实，已记录。");
            assertThat(page.locator("#case-state")).hasText("已确认");
            assertThat(page.locator("#case-decided")).containsText("test-supervisor");
            assertThat(page.locator("#case-note")).hasText("监控显示结束前无人就餐，系补录虚报");
            assertThat(page.locator("#confirm")).hasCount(0);
            assertThat(page.locator("#clear")).hasCount(0);
            assertThat(page.locator("#events tbody tr")).hasCount(3);
            assertThat(page.locator("#events")).containsText("确认（属实）");
            screenshot(page, "62-supervision-case-confirmed");

            // back in the queue the decided flag has left the open ones
            page.locator("#back").click();
            page.locator("#rule").selectOption("CLOSING_BURST");
            page.locator("#state").selectOption("OPEN");
            page.locator("#filter-go").click();
            page.waitForURL(Pattern.compile(".*state=OPEN.*"));
            assertThat(page.locator("main")).not().containsText(world.codes.get("CLOSING_BURST"));
        }
    }

    private static void screenshot(Page page, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
