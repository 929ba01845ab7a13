package cn.laorenjia.settlement.finance;

import cn.laorenjia.settlement.settling.SettlementFixture;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A finance clerk closes a month with a late correction in Debian's chromium (issue 19): confirms the month, a meal
 * of it syncs late, the month is settled again, the next month shows the correction as an adjustment statement
 * linked to the original, the clerk confirms it, and the original says where its difference went. A supervisor of
 * the district then reads the same page without any confirm button. Screenshot: target/finance-late-correction.png.
 */
@QuarkusTest
class FinanceLateCorrectionBrowserTest {

    @TestHTTPResource("/finance")
    URL financePage;

    private static String monthZh(YearMonth m) {
        return "%d年%02d月".formatted(m.getYear(), m.getMonthValue());
    }

    @Test
    void aClerkConfirmsAMonthThenItsLateCorrectionOnTheNextMonth() {
        Path chromium = FinancePageBrowserTest.requireChromium();
        YearMonth month = SettlementFixture.monthsAgo(27); // with its correction in monthsAgo(26): months of no other test
        YearMonth next = month.plusMonths(1);
        SettlementFixture canteen = SettlementFixture.newCanteen("宝平街道");
        canteen.recordFixtureMonth(month);

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = FinancePageBrowserTest.launch(playwright, chromium)) {
            try (BrowserContext context = FinancePageBrowserTest.financeUser(browser)) {
                Page page = context.newPage();
                page.onDialog(dialog -> dialog.accept());
                FinancePageBrowserTest.signIn(page, financePage + "?month=" + month);
                assertThat(page.locator("#settle")).hasText("重新结算所选月份");

                // the month: settled, found by its code, confirmed
                page.locator("#settle").click();
                assertThat(page.locator("#message")).containsText("结算完成");
                Locator row = search(page, canteen.canteenCode);
                assertThat(row).containsText("草稿");
                row.locator("button.confirm").click();
                assertThat(page.locator("#message")).containsText("结算单已确认");
                assertThat(page.locator("#message")).containsText("贰拾伍元整");
                assertThat(row).containsText("已确认");
                assertThat(row).containsText("25.00");

                // a meal of the confirmed month syncs late; the clerk settles the month again
                canteen.lunch(SettlementFixture.newSenior("孙桂兰"), month.atDay(13));
                page.locator("#settle").click();
                assertThat(page.locator("#message")).containsText("结算完成");
                row = search(page, canteen.canteenCode);
                assertThat(row).containsText("已确认");
                assertThat(row).containsText("25.00");
                assertThat(row).containsText("台账另有迟到记录 5.00 元");

                // the next month: nothing else settled there, yet the adjustment statement is listed and linked
                page.locator("#month").fill(next.toString());
                page.locator("#load").click();
                page.locator("#settle").click();
                assertThat(page.locator("#message")).containsText("结算完成");
                Locator later = search(page, canteen.canteenCode);
                assertThat(later).containsText("草稿");
                assertThat(later.locator(".original")).containsText("含 " + monthZh(month) + "调整 5.00 元(原结算单 JS");
                assertThat(later).containsText("5.00");
                later.locator("button.confirm").click();
                assertThat(page.locator("#message")).containsText("结算单已确认");
                assertThat(later).containsText("已确认");
                assertEquals(0, later.locator("button.confirm").count());

                // back on the original month: untouched, and it says where the difference went
                page.locator("#month").fill(month.toString());
                page.locator("#load").click();
                row = search(page, canteen.canteenCode);
                assertThat(row).containsText("25.00");
                assertThat(row.locator(".later")).containsText("已转入 " + monthZh(next) + "调整 5.00 元,后续调整见 "
                        + monthZh(next) + "结算单");
                assertThat(row).not().containsText("不一致");
                assertThat(page.locator("#totals")).containsText("大写");
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "finance-late-correction.png"))
                        .setFullPage(true));
            }

            // a supervisor of 宝坻区 reads the page: the statements, no confirm buttons
            try (BrowserContext context = FinancePageBrowserTest.financeUser(browser)) {
                Page page = context.newPage();
                page.navigate(financePage + "?month=" + next);
                page.locator("#username").fill("test-supervisor-bd");
                page.locator("#password").fill("test-supervisor-bd-password");
                page.locator("#submit").click();
                FinancePageBrowserTest.arrivesAt(page, Pattern.compile(".*/finance.*"));
                Locator row = search(page, canteen.canteenCode);
                assertThat(row).containsText("已确认");
                assertThat(page.locator("#confirm-all")).isHidden();
                assertThat(page.locator("#settle")).isHidden();
                assertEquals(0, page.locator("#canteens button.confirm").count());
            }
        }
    }

    /** Types the code into the search box and answers its row, once the list shows only it. */
    private static Locator search(Page page, String code) {
        page.locator("#f-q").fill(code);
        page.locator("#f-apply").click();
        assertThat(page.locator("#canteens tbody tr")).hasCount(1);
        Locator row = page.locator("#canteens tr[data-canteen='" + code + "']");
        assertThat(row).isVisible();
        return row;
    }
}
