package cn.laorenjia.settlement.finance;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Pattern;

import static cn.laorenjia.settlement.security.TestApi.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 in real headless Chromium: signing in on the sign-in page, signing out (the back button shows no data),
 * and a page of another origin that tries to confirm a statement with the signed-in person's session, by an
 * auto-submitting form and by fetch: the statement stays a draft.
 */
@QuarkusTest
class SignInBrowserTest {

    @TestHTTPResource("/finance")
    URL financePage;

    @Test
    void aPersonSignsInUsesThePageAndSignsOutAndBackShowsNothing() {
        Path chromium = FinancePageBrowserTest.requireChromium();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = FinancePageBrowserTest.launch(playwright, chromium);
             BrowserContext context = FinancePageBrowserTest.financeUser(browser)) {
            Page page = context.newPage();
            page.navigate(financePage.toString());
            assertThat(page).hasURL(Pattern.compile(".*/signin$"));
            assertThat(page.locator("h2")).hasText("登录");

            // a wrong password: a Chinese message on the page, still signed out
            page.locator("#username").fill(TestApi.FINANCE);
            page.locator("#password").fill("not-the-password");
            page.locator("#submit").click();
            assertThat(page.locator("#message")).hasText("用户名或密码不正确，请重新输入");
            double size = Double.parseDouble(((String) page.locator("#password")
                    .evaluate("e => getComputedStyle(e).fontSize")).replace("px", ""));
            assertTrue(size >= 20, "large readable type: " + size);

            page.locator("#username").fill(TestApi.FINANCE);
            page.locator("#password").fill("test-finance-password");
            page.locator("#submit").click();
            // the page puts the month it shows into the address as soon as its script runs
            FinancePageBrowserTest.arrivesAt(page, Pattern.compile(".*/finance(\\?month=\\d{4}-\\d{2})?$"));
            assertThat(page.locator("h1")).hasText("老人家食堂助餐补贴结算 · 财务");
            assertThat(page.locator("#who")).containsText(TestApi.FINANCE);
            assertThat(page.locator("#ledger-check .verdict")).not().hasText("正在读取最近一次夜间结算…");
            boolean httpOnly = context.cookies().stream().anyMatch(c -> c.name.equals("laorenjia-session") && c.httpOnly);
            assertTrue(httpOnly, "the session cookie is HttpOnly");
            assertEquals("", page.evaluate("() => document.cookie"), "no cookie readable by script");

            page.locator("#signout").click();
            FinancePageBrowserTest.arrivesAt(page, Pattern.compile(".*/signin\\?out=1$"));
            assertThat(page.locator("#message")).hasText("您已退出登录");
            assertFalse(context.cookies().stream().anyMatch(c -> c.name.equals("laorenjia-session")));

            page.goBack();
            page.waitForLoadState();
            assertThat(page).hasURL(Pattern.compile(".*/signin(\\?.*)?$"));
            assertEquals(0, page.locator("#canteens").count(), "the finance page is not shown again after signing out");
        }
    }

    @Test
    void aPageOfAnotherOriginCannotConfirmAStatementWithTheSession() throws Exception {
        Path chromium = FinancePageBrowserTest.requireChromium();
        YearMonth month = SettlementFixture.monthsAgo(11);
        SettlementFixture canteen = SettlementFixture.newCanteen("牛道口镇");
        canteen.recordFixtureMonth(month);
        SettlementFixture.settle(month);
        long statement = statementId(canteen, month);
        String confirm = financePage.toString().replace("/finance", "/api/settlement/statements/" + statement + "/confirm");

        // same host, another port: another origin but the same site, so even the SameSite=Strict cookie goes along
        // and only the cross-site defence stands in the way
        HttpServer evil = HttpServer.create(new InetSocketAddress(financePage.getHost(), 0), 0);
        serve(evil, "/form.html", "<!DOCTYPE html><html><body><form id=f method=post action=\"" + confirm + "\">"
                + "<input name=x value=1></form><script src=\"/form.js\"></script></body></html>");
        serve(evil, "/form.js", "document.getElementById('f').submit();");
        serve(evil, "/fetch.html", "<!DOCTYPE html><html><body><p id=done></p><script src=\"/fetch.js\"></script></body></html>");
        serve(evil, "/fetch.js", "const u = " + jsString(confirm) + ";\n"
                + "const out = [];\n"
                + "fetch(u, {method: 'POST', credentials: 'include', mode: 'no-cors'}).then(r => out.push('plain sent'), e => out.push('plain failed'))\n"
                + ".then(() => fetch(u, {method: 'POST', credentials: 'include', headers: {'X-Requested-By': 'laorenjia', 'Content-Type': 'application/json'}, body: '{}'}))\n"
                + ".then(r => out.push('with header ' + r.status), e => out.push('with header blocked'))\n"
                + ".then(() => { document.getElementById('done').textContent = out.join('; '); });");
        evil.start();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = FinancePageBrowserTest.launch(playwright, chromium);
             BrowserContext context = FinancePageBrowserTest.financeUser(browser)) {
            Page page = context.newPage();
            FinancePageBrowserTest.signIn(page, financePage + "?month=" + month);
            assertThat(page.locator("#canteens tr[data-canteen='" + canteen.canteenCode + "']")).containsText("草稿");
            String evilOrigin = "http://" + financePage.getHost() + ":" + evil.getAddress().getPort();

            Page attack = context.newPage();
            attack.navigate(evilOrigin + "/form.html");
            FinancePageBrowserTest.arrivesAt(attack, Pattern.compile(".*/confirm$"));
            assertThat(attack.locator("body")).containsText("CROSS_SITE_REQUEST_REFUSED");
            assertEquals("DRAFT", statusOf(statement), "the cross-site form confirmed nothing");

            attack.navigate(evilOrigin + "/fetch.html");
            assertThat(attack.locator("#done")).containsText("with header blocked");
            assertEquals("DRAFT", statusOf(statement), "the cross-site fetch confirmed nothing");

            // the person, on the finance page itself, still can
            page.onDialog(dialog -> dialog.accept());
            page.locator("#canteens tr[data-canteen='" + canteen.canteenCode + "'] button.confirm").click();
            assertThat(page.locator("#message")).containsText("结算单已确认");
            assertEquals("CONFIRMED", statusOf(statement));
        } finally {
            evil.stop(0);
        }
    }

    private static void serve(HttpServer server, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String type = path.endsWith(".js") ? "text/javascript; charset=UTF-8" : "text/html; charset=UTF-8";
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static long statementId(SettlementFixture canteen, YearMonth month) {
        JsonPath all = as(TestApi.FINANCE).get("/api/settlement/statements?month=" + month).then().statusCode(200)
                .extract().jsonPath();
        Object mine = all.get("find { it.canteenId == " + canteen.canteenId + " }");
        return ((Number) ((Map<?, ?>) mine).get("id")).longValue();
    }

    private static String statusOf(long statement) {
        return as(TestApi.FINANCE).get("/api/settlement/statements/" + statement).then().statusCode(200)
                .extract().path("status");
    }
}
