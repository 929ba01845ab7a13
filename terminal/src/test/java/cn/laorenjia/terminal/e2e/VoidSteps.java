package cn.laorenjia.terminal.e2e;

import com.microsoft.playwright.Page;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The cashier's keys to void a sale through the void dialog (js/void.js), as the browser tests press them. */
final class VoidSteps {

    private VoidSteps() {
    }

    /**
     * F4 with the sale just paid still on screen: it is chosen in the list; Enter, reason 1 (收错套餐), Enter, then the
     * confirmation (which names the sale) and Enter. Waits for the banner saying what to give back.
     */
    static void voidTheSaleJustPaid(Page cashier) {
        cashier.keyboard().press("F4");
        assertThat(cashier.locator("#void-list [aria-selected=true]")).isVisible();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#void-why")).isVisible();
        cashier.keyboard().press("1");
        assertThat(cashier.locator("input[name=void-reason][value=收错套餐]")).isChecked();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#void-confirm")).isVisible();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#void-dialog")).isHidden();
        assertThat(cashier.locator("#banner")).containsText("请退还");
    }
}
