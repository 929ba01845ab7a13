package cn.laorenjia.settlement.register.page;

import cn.laorenjia.settlement.finance.FinancePageBrowserTestAccess;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's chromium for the register pages' tests, launched as the finance page's tests launch it, with an
 * administrator signed in on the sign-in page; screenshots go to settlement/target/screenshots/.
 */
final class PageBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;
    final BrowserContext context;
    final Page page;

    PageBrowser(int width, int height) {
        Path chromium = FinancePageBrowserTestAccess.requireChromium();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = FinancePageBrowserTestAccess.launch(playwright, chromium);
        context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(width, height));
        page = context.newPage();
    }

    /** Signs the administrator in by mouse-free form filling, from a page of the register (sent to sign-in first). */
    void signInAsAdministrator(String url) {
        signIn(url, "test-admin", "test-admin-password");
    }

    /** Signs that person in on the sign-in page reached from {@code url}; waits for a register page. */
    void signIn(String url, String username, String password) {
        page.navigate(url);
        assertThat(page.locator("form#signin")).isVisible();
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("#submit").click();
        page.waitForURL(Pattern.compile(".*/register.*"));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /**
     * Presses Tab until the element matching {@code selector} has the focus (at most {@code max} presses), checking on
     * the way that every element reached shows its focus (an outline).
     */
    void tabTo(String selector, int max) {
        for (int i = 0; i < max; i++) {
            page.keyboard().press("Tab");
            Object outline = page.evaluate("() => { const e = document.activeElement; if (!e || e === document.body) return 'body';"
                    + " const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth; }");
            if (!"body".equals(outline)) {
                assertNotEquals("none 0px", outline, "visible focus on " + page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)"));
                assertTrue(!String.valueOf(outline).startsWith("none"), "visible focus: " + outline + " on "
                        + page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)"));
            }
            if ((Boolean) page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector)) {
                return;
            }
        }
        fail("the keyboard never reached " + selector + " in " + max + " presses of Tab");
    }

    void type(String text) {
        page.keyboard().type(text);
    }

    void press(String key) {
        page.keyboard().press(key);
    }

    @Override
    public void close() {
        context.close();
        browser.close();
        playwright.close();
    }
}
