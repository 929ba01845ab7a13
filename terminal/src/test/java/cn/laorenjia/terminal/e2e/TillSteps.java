package cn.laorenjia.terminal.e2e;

import com.microsoft.playwright.Page;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The cashier's keys to take the money for the meal on screen (js/till.js), as the browser tests press them. */
final class TillSteps {

    private TillSteps() {
    }

    /** Enter opens the tender step; Enter again takes exact cash. Waits for the banner saying the sale is made. */
    static void payExactCash(Page cashier) {
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#till-tender-dialog")).isVisible();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#till-tender-dialog")).isHidden();
    }
}
