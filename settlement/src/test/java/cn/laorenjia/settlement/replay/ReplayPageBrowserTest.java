package cn.laorenjia.settlement.replay;

import cn.laorenjia.settlement.finance.FinancePageBrowserTestAccess;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy replay as an administrator uses it, in Debian's chromium at 1024x600 (a small office screen): a draft
 * refused with the line of its mistake, a 4-yuan draft read from a file and saved, a period with real sales chosen,
 * the comparison run (正在计算… while it runs), its figures, the 区 → 街镇 → 食堂 drill-down and the XLSX downloaded
 * and read back. Screenshots go to settlement/target/screenshots/replay/ (copies kept in docs/screenshots/replay/).
 */
@QuarkusTest
class ReplayPageBrowserTest {

    static final Path SHOTS = Path.of("target", "screenshots", "replay");
    static final YearMonth MONTH = SettlementFixture.monthsAgo(23);

    @TestHTTPResource("/")
    URL root;

    @Test
    void anAdministratorUploadsAFourYuanDraftComparesARealMonthAndDownloadsTheWorkbook() throws Exception {
        SettlementFixture canteen = SettlementFixture.newCanteen("宝平街道");
        String a = SettlementFixture.newSenior("页面甲");
        String b = SettlementFixture.newSenior("页面乙");
        for (int day = 6; day <= 8; day++) {
            canteen.lunch(a, MONTH.atDay(day));
        }
        canteen.lunch(b, MONTH.atDay(6));
        String id = TestApi.unique("tianjin-4yuan").toLowerCase();
        Path draftFile = Files.createTempFile("draft", ".yaml");
        Files.writeString(draftFile, Drafts.withDiscount(id, "4.00"));
        Files.createDirectories(SHOTS);

        try (Session s = new Session(1024, 600)) {
            Page page = s.page;
            page.navigate(root + "replay");
            assertThat(page.locator("form#signin")).isVisible();
            page.locator("#username").fill("test-admin");
            page.locator("#password").fill("test-admin-password");
            page.locator("#submit").click();
            page.waitForURL(Pattern.compile(".*/replay$"));
            assertThat(page.locator("h1")).hasText("政策测算");
            assertThat(page.locator("#catalogue tr[data-version='tianjin-2022']")).isVisible();

            // a mistake: the administrator is told the line and the cursor is put on it
            String wrong = Drafts.withDiscount(id, "4.00").replace("operating_subsidy_per_meal: 2.00",
                    "operating_subsidy_per_meal: two");
            int line = Drafts.lineOf(wrong, "operating_subsidy_per_meal:");
            page.locator("#draft-yaml").fill(wrong);
            page.locator("#draft-save").click();
            assertThat(page.locator("#draft-error")).isVisible();
            assertThat(page.locator("#draft-error")).containsText("第 " + line + " 行");
            assertThat(page.locator("#draft-error")).hasAttribute("data-line", String.valueOf(line));
            page.locator("#h-draft").scrollIntoViewIfNeeded();
            assertNoSidewaysScroll(page);
            shot(page, "01-draft-refused-with-its-line");

            // the file read into the text box, then saved
            page.locator("#draft-file").setInputFiles(draftFile);
            page.waitForFunction("id => document.getElementById('draft-yaml').value.includes('id: ' + id)", id);
            page.locator("#draft-save").click();
            page.waitForURL(Pattern.compile(".*/replay\\?done=saved.*"));
            assertThat(page.locator("#notice")).hasText("政策草案已保存。");
            assertThat(page.locator("#drafts tr[data-draft='" + id + "'] .state")).hasText("已上传");
            assertThat(page.locator("#run-version")).hasValue(id);

            // the quick pick fills the period; then the month with the canteen's sales
            page.locator("#pick-last-quarter").click();
            assertThat(page.locator("#run-from")).hasValue(page.locator("#pick-last-quarter").getAttribute("data-from"));
            page.locator("#run-from").fill(MONTH.atDay(1).toString());
            page.locator("#run-to").fill(MONTH.atEndOfMonth().toString());
            // hold the request back a moment, so the page is seen while it waits
            page.evaluate("() => { const f = window.fetch; window.fetch = (u, o) => "
                    + "new Promise(r => setTimeout(r, 1500)).then(() => f(u, o)); }");
            page.locator("#run-go").click();
            assertThat(page.locator("#run-status")).isVisible();
            assertThat(page.locator("#run-status")).containsText("正在计算");
            assertThat(page.locator("#run-go")).isDisabled();
            page.locator("#h-run").scrollIntoViewIfNeeded();
            shot(page, "02-running", false);
            page.waitForURL(Pattern.compile(".*/replay/runs/\\d+$"), new Page.WaitForURLOptions().setTimeout(120_000));

            assertThat(page.locator("h1")).hasText("测算结果：" + id);
            assertThat(page.locator("#unknowable")).containsText("无法得知");
            assertThat(page.locator("#source")).containsText("主库");
            assertThat(page.locator("#totals tr[data-line='total'] .proposed")).isVisible();
            String canteenKey = "宝坻区|宝平街道|" + canteen.canteenCode;
            assertThat(page.locator("#areas tr[data-key='" + canteenKey + "']")).isHidden();
            page.locator("#areas tr[data-key='宝坻区|宝平街道'] button.fold").click();
            assertThat(page.locator("#areas tr[data-key='" + canteenKey + "']")).isVisible();
            assertThat(page.locator("#areas tr[data-key='" + canteenKey + "'] .meals-actual")).hasText("4");
            assertThat(page.locator("#areas tr[data-key='" + canteenKey + "'] .total-actual")).hasText("20.00");
            assertThat(page.locator("#areas tr[data-key='" + canteenKey + "'] .total-proposed")).hasText("24.00");
            assertThat(page.locator("#areas tr[data-key='" + canteenKey + "'] .total-difference")).hasText("+4.00");
            assertThat(page.locator("#routes tr[data-route='AGE_80_LOCAL']")).isVisible();
            String totalText = page.locator("#totals tr[data-line='total'] .actual").textContent();
            assertTrue(totalText.matches("\\d{1,3}(,\\d{3})*\\.\\d{2}"), "grouped yuan: " + totalText);
            assertNoSidewaysScroll(page);
            page.locator("#areas tr[data-key='" + canteenKey + "']").scrollIntoViewIfNeeded();
            shot(page, "03-comparison-canteen-opened", false);
            shot(page, "04-comparison-whole-page", true);

            Download download = page.waitForDownload(() -> page.locator("#download-xlsx").click());
            Path saved = SHOTS.resolve("comparison.xlsx");
            download.saveAs(saved);
            assertTrue(download.suggestedFilename().endsWith(".xlsx"), download.suggestedFilename());
            try (InputStream in = Files.newInputStream(saved); XSSFWorkbook wb = new XSSFWorkbook(in)) {
                assertEquals(List.of("总览", "区街镇食堂", "按资格类型"),
                        List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)));
                Sheet areas = wb.getSheet("区街镇食堂");
                Row found = null;
                for (Row r : areas) {
                    if (r.getCell(3) != null && canteen.canteenCode.equals(r.getCell(3).getStringCellValue())) {
                        found = r;
                    }
                }
                assertNotNull(found, "the canteen's row in the workbook");
                assertEquals(4, (long) found.getCell(5).getNumericCellValue());
                assertEquals(16.00, found.getCell(9).getNumericCellValue(), 0.0);
                assertEquals(4.00, found.getCell(14).getNumericCellValue(), 0.0);
            }

            // the draft edited (a second revision, 5 yuan), then withdrawn
            page.navigate(root + "replay");
            page.locator("#drafts tr[data-draft='" + id + "'] a.edit-link").click();
            page.waitForURL(Pattern.compile(".*/replay\\?edit=.*"));
            assertThat(page.locator("#draft-yaml")).hasValue(Pattern.compile(".*subsidy_per_meal: 4\\.00.*", Pattern.DOTALL));
            String edited = page.locator("#draft-yaml").inputValue().replace("subsidy_per_meal: 4.00", "subsidy_per_meal: 5.00");
            page.locator("#draft-yaml").fill(edited);
            page.locator("#draft-save").click();
            page.waitForURL(Pattern.compile(".*/replay\\?done=saved.*"));
            assertThat(page.locator("#drafts tr[data-draft='" + id + "'] .state")).hasText("已修改");
            assertThat(page.locator("#drafts tr[data-draft='" + id + "']")).containsText("第 2 版");
            assertThat(page.locator("#runs tr").first()).isVisible();
            shot(page, "05-draft-edited", false);
            page.onceDialog(dialog -> dialog.accept());
            page.locator("#drafts tr[data-draft='" + id + "'] form.withdraw button").click();
            page.waitForURL(Pattern.compile(".*/replay\\?done=withdrawn.*"));
            assertThat(page.locator("#drafts tr[data-draft='" + id + "'] .state")).hasText("已撤回");
            assertThat(page.locator("#run-version option[value='" + id + "']")).hasCount(0);
        } finally {
            Files.deleteIfExists(draftFile);
        }
    }

    private static void assertNoSidewaysScroll(Page page) {
        List<?> w = (List<?>) page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
        int scroll = ((Number) w.get(0)).intValue();
        int inner = ((Number) w.get(1)).intValue();
        assertTrue(scroll <= inner, "the page is no wider than the screen: " + scroll + " > " + inner + " at " + page.url());
    }

    private static void shot(Page page, String name) {
        shot(page, name, true);
    }

    private static void shot(Page page, String name, boolean fullPage) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(fullPage));
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
                    .setViewportSize(width, height).setAcceptDownloads(true));
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
