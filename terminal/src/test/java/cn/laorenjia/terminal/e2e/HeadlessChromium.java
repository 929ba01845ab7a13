package cn.laorenjia.terminal.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Debian's chromium, headless, driven by Playwright, for the browser tests against a real settlement service: one
 * browser per test class, registered as a JUnit extension
 * ({@code @RegisterExtension static final HeadlessChromium chromium = new HeadlessChromium();}), started before the
 * class's tests (or the class skipped, failed in CI, when the browser or the service is missing) and closed after.
 */
final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        requireOrAbort();
        Playwright started = playwright();
        try {
            browser = launch(started);
            playwright = started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            playwright.close();
            browser = null;
            playwright = null;
        }
    }

    /** A fresh browser context the size of the counter's screen (1024×600), in Chinese. */
    BrowserContext counterScreen() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 600).setLocale("zh-CN"));
    }

    /** A fresh browser context the size of a small phone (360×740, touch, twice the pixels), in Chinese. */
    BrowserContext phoneScreen() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setDeviceScaleFactor(2)
                .setIsMobile(true).setHasTouch(true).setLocale("zh-CN"));
    }

    /**
     * Skips the test when the browser or the settlement service is missing, with the reason; fails instead when
     * LAORENJIA_REQUIRE_BROWSER=1 (CI).
     */
    private static void requireOrAbort() {
        boolean required = "1".equals(System.getenv("LAORENJIA_REQUIRE_BROWSER"));
        Optional<String> unavailable = ConfigProvider.getConfig().getOptionalValue(SettlementProcess.UNAVAILABLE, String.class);
        String why = unavailable.orElse(binary().isEmpty()
                ? "Debian's chromium is not installed (apt-get install -y chromium chromium-driver fonts-noto-cjk fonts-wqy-microhei)"
                : null);
        if (why != null) {
            if (required) {
                fail("End-to-end browser test required (LAORENJIA_REQUIRE_BROWSER=1) but " + why);
            }
            abort("Skipping the end-to-end browser test: " + why);
        }
    }

    /** Playwright with its bundled driver, never downloading a browser. */
    private static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    private static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(binary().orElseThrow()).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
