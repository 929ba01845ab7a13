package cn.laorenjia.settlement.finance;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;

import java.nio.file.Path;

/** The finance page tests' way of finding and launching Debian's chromium, for browser tests of other packages. */
public final class FinancePageBrowserTestAccess {

    private FinancePageBrowserTestAccess() {
    }

    public static Path requireChromium() {
        return FinancePageBrowserTest.requireChromium();
    }

    public static Browser launch(Playwright playwright, Path chromium) {
        return FinancePageBrowserTest.launch(playwright, chromium);
    }
}
