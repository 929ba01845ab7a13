package cn.laorenjia.settlement.finance;

import cn.laorenjia.settlement.settling.SettlementFixture;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A finance user settles, drills down, confirms and downloads a month in real headless Chromium (Debian's),
 * signed in with HTTP Basic. Keeps a screenshot at settlement/target/finance-page.png. Without chromium the
 * test is skipped with a message, unless LAORENJIA_REQUIRE_BROWSER=1 (CI), where it fails.
 */
@QuarkusTest
class FinancePageBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "finance-page.png");

    @TestHTTPResource("/finance")
    URL financePage;

    @Test
    void aFinanceUserSettlesConfirmsAndDownloadsAMonth() throws Exception {
        Path chromium = chromium().orElse(null);
        if (chromium == null) {
            String message = "Debian's chromium is not installed (apt-get install -y chromium fonts-wqy-microhei "
                    + "fonts-noto-cjk): the finance page browser test cannot run";
            if ("1".equals(System.getenv("LAORENJIA_REQUIRE_BROWSER"))) {
                fail(message + ", and LAORENJIA_REQUIRE_BROWSER=1 requires it");
            }
            Assumptions.abort(message);
        }
        YearMonth month = SettlementFixture.monthsAgo(9);
        SettlementFixture canteen = SettlementFixture.newCanteen("牛道口镇");
        canteen.recordFixtureMonth(month);

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(chromium).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run")));
             BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                     .setHttpCredentials("test-finance", "test-finance-password").setAcceptDownloads(true)
                     .setLocale("zh-CN").setViewportSize(1400, 1100))) {
            Page page = context.newPage();
            page.onDialog(dialog -> dialog.accept());
            page.navigate(financePage + "?month=" + month);
            assertThat(page.locator("h1")).hasText("老人家食堂助餐补贴结算 · 财务");

            page.locator("#settle").click();
            assertThat(page.locator("#message")).containsText("结算完成");
            assertThat(page.locator("#message")).containsText("与台账核对一致");
            Locator row = page.locator("#canteens tr[data-canteen='" + canteen.canteenCode + "']");
            assertThat(row).containsText("25.00");
            assertThat(row).containsText("草稿");
            assertThat(page.locator("#subdistricts")).containsText("牛道口镇");
            assertThat(page.locator("#chart svg rect.bar[data-day='3']")).hasAttribute("data-meals",
                    Pattern.compile("[1-9][0-9]*"));

            // drill down: days, then the meals of a day with the seniors masked
            row.locator("button.detail").click();
            assertThat(page.locator("#days tbody tr")).hasCount(5);
            page.locator("#days tbody tr").first().locator("button.meals").click();
            assertThat(page.locator("#meals tbody tr")).hasCount(2);
            assertThat(page.locator("#meals")).containsText("王*英");
            assertFalse(page.locator("#meals").innerText().contains("王秀英"), "names are masked for finance");
            assertThat(page.locator("#meals")).containsText("********");

            // confirm the statement
            row.locator("button.confirm").click();
            assertThat(page.locator("#message")).containsText("结算单已确认");
            assertThat(row).containsText("已确认");
            assertEquals(0, row.locator("button.confirm").count());

            // the screenshot shows the confirmed month with a canteen's days and one day's (masked) meals open
            row.locator("button.detail").click();
            page.locator("#days tbody tr").first().locator("button.meals").click();
            assertThat(page.locator("#meals tbody tr")).hasCount(2);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT).setFullPage(true));

            // downloads: the workbook read back says what the page says
            Download xlsx = page.waitForDownload(() -> page.locator("#xlsx").click());
            Path saved = Path.of("target", "finance-download.xlsx");
            xlsx.saveAs(saved);
            try (InputStream in = Files.newInputStream(saved); XSSFWorkbook wb = new XSSFWorkbook(in)) {
                Sheet sheet = null;
                for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                    if (wb.getSheetName(i).startsWith(canteen.canteenCode)) {
                        sheet = wb.getSheetAt(i);
                    }
                }
                assertNotNull(sheet);
                Row total = sheet.getRow(sheet.getLastRowNum());
                assertEquals(25.00, total.getCell(9).getNumericCellValue(), 0.0);
                assertTrue(sheet.getRow(4).getCell(1).getStringCellValue().startsWith("已确认"));
            }
            Download pdf = page.waitForDownload(() -> row.locator("a.pdf").click());
            Path pdfPath = Path.of("target", "finance-download.pdf");
            pdf.saveAs(pdfPath);
            assertTrue(Files.size(pdfPath) > 1000);
            assertEquals("%PDF", new String(Files.readAllBytes(pdfPath), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot kept at " + SCREENSHOT.toAbsolutePath());
    }

    static Optional<Path> chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }
}
