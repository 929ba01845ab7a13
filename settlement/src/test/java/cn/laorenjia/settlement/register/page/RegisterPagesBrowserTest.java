package cn.laorenjia.settlement.register.page;

import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Pattern;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An administrator keeps the register from its pages in Debian's headless chromium, at 1280×800 and 1024×600: finds a
 * senior, records an institution entry with its last day inclusive and sees eligibility change, ends it, issues a
 * card and reports it lost, prints the QR card; registers a canteen with its menu and terminals. One test does it with
 * the keyboard alone. Screenshots of each page go to settlement/target/screenshots/.
 */
@QuarkusTest
class RegisterPagesBrowserTest {

    @TestHTTPResource("/register")
    URL register;

    @Test
    void anAdministratorKeepsASeniorsRecordFromThePages() {
        JsonPath senior = RegisterPagesApiTest.newSenior("浏览器甲");
        long id = senior.getLong("id");
        String idNumber = senior.getString("idNumber");
        String masked = IdNumber.parse(idNumber).masked();
        LocalDate today = TestClock.current().today();
        try (PageBrowser b = new PageBrowser(1280, 800)) {
            Page page = b.page;
            b.signInAsAdministrator(register.toString());
            assertThat(page).hasURL(Pattern.compile(".*/register/seniors$"));
            assertThat(page.locator("#who")).containsText("test-admin");
            b.screenshot("01-seniors-search-empty");

            // find the senior by the last four characters of the ID number, in their 街镇
            page.locator("#q").fill(idNumber.substring(14));
            page.locator("#subdistrict").selectOption("海滨街道");
            page.locator("#search-go").click();
            Locator row = page.locator("#results tr[data-senior='" + id + "']");
            assertThat(row).containsText(masked);
            assertFalse(page.content().contains(idNumber), "no full ID number in the list");
            b.screenshot("02-seniors-search-results");
            row.locator("a").click();
            page.waitForURL(Pattern.compile(".*/register/seniors/" + id + "$"));
            assertThat(page.locator("#senior-id")).hasText(masked);
            assertThat(page.locator("#verdict")).hasText("今天可以享受助餐补贴");
            assertThat(page.locator("#routes")).containsText("80");
            b.screenshot("03-senior-eligible");

            // an error from the service, in Chinese next to its form; nothing changed
            page.locator("#issue-card-go").click();
            assertThat(page.locator("#issue-card .form-error")).containsText("请填写卡号");
            b.screenshot("04-senior-form-error");

            // enters an institution three days ago, still there: not eligible, and why
            page.locator("#fact-kind").selectOption("INSTITUTION_RESIDENCE");
            page.locator("#fact-from").fill(today.minusDays(3).toString());
            page.locator("#add-fact-go").click();
            assertThat(page.locator("#notice")).hasText("已记录。");
            assertThat(page.locator("#verdict")).hasText("今天不能享受助餐补贴");
            assertThat(page.locator("#reasons")).containsText("已入住养老机构");
            b.screenshot("05-senior-in-institution");

            // leaves it: today is the last day (inclusive), so today still is not subsidised
            Locator fact = page.locator("#facts tr", new Page.LocatorOptions().setHasText("入住养老机构"));
            fact.locator("input[name=lastDay]").fill(today.toString());
            fact.locator("button").click();
            assertThat(page.locator("#notice")).hasText("已设置最后一天。");
            assertThat(page.locator("#facts tr", new Page.LocatorOptions().setHasText("入住养老机构"))
                    .locator(".last-day")).hasText(today.toString());
            assertThat(page.locator("#verdict")).hasText("今天不能享受助餐补贴");
            String storedTo = as(ADMIN).get("/api/register/seniors/" + id).then().extract().jsonPath()
                    .getString("facts.find { it.kind == 'INSTITUTION_RESIDENCE' }.to");
            assertEquals(today.plusDays(1).toString(), storedTo, "stored as the exclusive end");
            b.screenshot("06-senior-institution-ended");
            // the next day the senior is subsidised again
            TestClock.current().advance(Duration.ofDays(1));
            page.reload();
            assertThat(page.locator("#verdict")).hasText("今天可以享受助餐补贴");
            TestClock.current().reset();
            page.reload();

            // a card issued, then reported lost
            String uid = TestApi.newUid();
            page.locator("#card-kind").selectOption("UID");
            page.locator("#card-identifier").fill(uid);
            page.locator("#issue-card-go").click();
            assertThat(page.locator("#notice")).hasText("已发卡。");
            Locator card = page.locator("#cards tbody tr").last();
            assertThat(card.locator(".card-status")).hasText("有效");
            assertFalse(page.content().contains(uid), "the card number masked");
            card.locator("select[name=status]").selectOption("LOST");
            card.locator("button").click();
            assertThat(page.locator("#notice")).containsText("已挂失或注销");
            assertThat(page.locator("#cards tbody tr").last().locator(".card-status")).hasText("已挂失");
            b.screenshot("07-senior-card-lost");

            // personal data in full only with a reason, which the audit keeps
            page.locator("#unmask-reason").fill("核对老人证件");
            page.locator("#unmask button").click();
            assertThat(page.locator("#senior-id")).hasText(idNumber);
            assertThat(page.locator("#unmasked-note")).containsText("核对老人证件");

            // the printable QR card
            page.navigate(register + "/seniors/" + id);
            page.locator("#print-card").click();
            page.waitForURL(Pattern.compile(".*/register/seniors/" + id + "/card$"));
            page.waitForFunction("() => { const i = document.getElementById('qr-card'); return i.complete && i.naturalWidth > 0; }");
            assertEquals(1011, ((Number) page.evaluate("() => document.getElementById('qr-card').naturalWidth")).intValue());
            assertFalse(page.content().contains(idNumber));
            b.screenshot("08-senior-qr-card-print");
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            assertThat(page.locator("header")).isHidden();
            b.screenshot("09-senior-qr-card-as-printed");
        }
    }

    @Test
    void anAdministratorRegistersACanteenWithItsMenuAndTerminalsOnASmallScreen() {
        String code = TestApi.unique("BR");
        try (PageBrowser b = new PageBrowser(1024, 600)) {
            Page page = b.page;
            b.signInAsAdministrator(register + "/canteens");
            assertThat(page).hasURL(Pattern.compile(".*/register/canteens$"));
            b.screenshot("10-canteens-list");
            page.locator("#new-canteen").click();
            page.locator("#code").fill(code);
            page.locator("#name").fill("浏览器测试老人家食堂");
            page.locator("#district").fill("宝坻区");
            page.locator("#subdistrict").fill("海滨街道");
            page.locator("#address").fill("测试路3号");
            page.locator("#standardSetPrice").fill("15.00");
            page.locator("#menu0-code").fill("L-STD");
            page.locator("#menu0-name").fill("标准午餐套餐");
            page.locator("#menu0-price").fill("15.00");
            page.locator("#menu1-code").fill("D-STD");
            page.locator("#menu1-name").fill("标准晚餐套餐");
            page.locator("#menu1-slot").selectOption("DINNER");
            page.locator("#menu1-price").fill("15");
            page.locator("#terminal0-code").fill(code + "-T1");
            page.locator("#terminal0-name").fill("1号收银台");
            b.screenshot("11-canteen-new-form");
            page.locator("#new-canteen-go").click();
            Locator secret = page.locator(".once code.secret[data-terminal='" + code + "-T1']");
            assertThat(secret).containsText("Terminal " + code + "-T1:");
            b.screenshot("12-canteen-registered-secret-once");
            String authorization = secret.innerText();
            page.locator("#once-continue").click();
            page.waitForURL(Pattern.compile(".*/register/canteens/" + code + "$"));
            assertThat(page.locator("#menu tr[data-set='D-STD']")).containsText("晚餐");
            assertFalse(page.content().contains(authorization), "a secret is never shown again");
            // the terminal works with its secret
            TestApi.asTerminal(authorization).get("/api/counter/ping").then().statusCode(204);

            // the menu: a price changed, a set added
            page.locator("#set-code").fill("L-STD");
            page.locator("#set-name").fill("标准午餐套餐");
            page.locator("#set-price").fill("16.50");
            page.locator("#put-meal-set-go").click();
            assertThat(page.locator("#notice")).hasText("菜单已更新。");
            assertThat(page.locator("#menu tr[data-set='L-STD']")).containsText("16.50");
            assertThat(page.locator("#menu tr[data-set='L-STD']")).containsText("午餐");

            // a second terminal, its secret shown once; the first one deactivated
            page.locator("#terminal-code").fill(code + "-T2");
            page.locator("#terminal-name").fill("2号收银台");
            page.locator("#add-terminal-go").click();
            assertThat(page.locator(".once code.secret[data-terminal='" + code + "-T2']")).isVisible();
            page.locator("#once-continue").click();
            page.locator("#terminals tr[data-terminal='" + code + "-T1'] button.deactivate").click();
            assertThat(page.locator("#notice")).hasText("终端状态已更新。");
            assertThat(page.locator("#terminals tr[data-terminal='" + code + "-T1'] .terminal-status")).hasText("已停用");
            TestApi.asTerminal(authorization).get("/api/counter/ping").then().statusCode(401);
            b.screenshot("13-canteen-menu-and-terminals");
        }
    }

    /**
     * A page of another origin (same host, another port: the same site, so even the SameSite=Strict session cookie
     * goes along) tries to record a death for a senior with the administrator's session, by an auto-submitting form
     * and by a fetch with the proof header: both refused, nothing recorded.
     */
    @Test
    void aPageOfAnotherOriginCannotChangeTheRegisterThroughThePages() throws Exception {
        long id = RegisterPagesApiTest.newSenior("跨站甲").getLong("id");
        String target = register + "/seniors/" + id + "/facts";
        String today = TestClock.current().today().toString();
        com.sun.net.httpserver.HttpServer evil = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(register.getHost(), 0), 0);
        serve(evil, "/form.html", "<!DOCTYPE html><html><body><form id=f method=post action=\"" + target + "\">"
                + "<input name=kind value=DEATH><input name=from value=" + today + "></form>"
                + "<script src=\"/form.js\"></script></body></html>");
        serve(evil, "/form.js", "document.getElementById('f').submit();");
        serve(evil, "/fetch.html", "<!DOCTYPE html><html><body><p id=done></p><script src=\"/fetch.js\"></script></body></html>");
        serve(evil, "/fetch.js", "fetch('" + target + "', {method: 'POST', credentials: 'include', headers: "
                + "{'X-Requested-By': 'laorenjia', 'Content-Type': 'application/json'}, body: JSON.stringify({kind: 'DEATH', from: '"
                + today + "'})}).then(r => 'answered ' + r.status, e => 'blocked')"
                + ".then(t => { document.getElementById('done').textContent = t; });");
        evil.start();
        try (PageBrowser b = new PageBrowser(1280, 800)) {
            b.signInAsAdministrator(register.toString());
            String evilOrigin = "http://" + register.getHost() + ":" + evil.getAddress().getPort();
            Page attack = b.context.newPage();
            attack.navigate(evilOrigin + "/form.html");
            attack.waitForURL(Pattern.compile(".*/facts$"));
            assertThat(attack.locator("body")).containsText("CROSS_SITE_REQUEST_REFUSED");
            attack.navigate(evilOrigin + "/fetch.html");
            assertThat(attack.locator("#done")).hasText("blocked");
            as(ADMIN).get("/api/register/seniors/" + id).then().statusCode(200)
                    .body("deceased", org.hamcrest.Matchers.equalTo(false))
                    .body("facts.kind", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("DEATH")));
        } finally {
            evil.stop(0);
        }
    }

    private static void serve(com.sun.net.httpserver.HttpServer server, String path, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String type = path.endsWith(".js") ? "text/javascript; charset=UTF-8" : "text/html; charset=UTF-8";
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    /** Tab, Enter and typing only: no mouse, no element clicked or filled by the test. */
    @Test
    void everythingWithTheKeyboardAlone() {
        JsonPath senior = RegisterPagesApiTest.newSenior("键盘甲");
        long id = senior.getLong("id");
        String idNumber = senior.getString("idNumber");
        String code = TestApi.unique("KB");
        try (PageBrowser b = new PageBrowser(1024, 600)) {
            Page page = b.page;
            page.navigate(register.toString());
            assertThat(page.locator("form#signin")).isVisible();
            // the sign-in form: the user name field has the focus already
            b.type("test-admin");
            b.press("Tab");
            b.type("test-admin-password");
            b.press("Enter");
            page.waitForURL(Pattern.compile(".*/register/seniors$"));

            b.tabTo("#q", 10);
            b.type(idNumber.substring(14));
            b.press("Enter");
            page.waitForURL(Pattern.compile(".*/register/seniors\\?.*"));
            b.tabTo("a[href='/register/seniors/" + id + "']", 200);
            b.screenshot("20-keyboard-focus-on-result");
            b.press("Enter");
            page.waitForURL(Pattern.compile(".*/register/seniors/" + id + "$"));
            assertThat(page.locator("#verdict")).hasText("今天可以享受助餐补贴");

            // record an institution entry from today (the form's default): the kind chosen with the arrow keys
            b.tabTo("#fact-kind", 60);
            for (int i = 0; i < 6; i++) {
                b.press("ArrowDown");
            }
            assertEquals("INSTITUTION_RESIDENCE", page.locator("#fact-kind").inputValue());
            b.tabTo("#add-fact-go", 10);
            b.screenshot("21-keyboard-recording-a-fact");
            b.press("Enter");
            assertThat(page.locator("#notice")).hasText("已记录。");
            assertThat(page.locator("#reasons")).containsText("已入住养老机构");
            assertTrue((Boolean) page.evaluate("() => document.activeElement.id === 'notice'"),
                    "after an action the focus is on what was done");

            // end it: its last day is today (the form's default)
            Locator endButton = page.locator("#facts tr", new Page.LocatorOptions().setHasText("入住养老机构")).locator("button");
            endButton.evaluate("e => e.setAttribute('data-target', '1')");
            b.tabTo("button[data-target='1']", 60);
            b.press("Enter");
            assertThat(page.locator("#notice")).hasText("已设置最后一天。");

            // a card issued and reported lost
            b.tabTo("#card-identifier", 80);
            b.type(TestApi.newUid());
            b.tabTo("#issue-card-go", 5);
            b.press("Enter");
            assertThat(page.locator("#notice")).hasText("已发卡。");
            b.tabTo("#cards tbody tr:last-child button", 80);
            b.press("Enter");
            assertThat(page.locator("#cards tbody tr").last().locator(".card-status")).hasText("已挂失");

            // the QR card page
            b.tabTo("#print-card", 80);
            b.press("Enter");
            page.waitForURL(Pattern.compile(".*/card$"));
            b.tabTo("#print", 20);

            // the canteens, through the navigation
            b.tabTo("nav a[href='/register/canteens']", 20);
            b.press("Enter");
            page.waitForURL(Pattern.compile(".*/register/canteens$"));
            b.tabTo("#new-canteen", 20);
            b.press("Enter");
            page.waitForURL(Pattern.compile(".*/register/canteens/new$"));
            b.tabTo("#code", 20);
            b.type(code);
            b.press("Tab");
            b.type("键盘测试老人家食堂");
            b.press("Tab"); // the jurisdiction: tianjin is chosen already
            b.press("Tab");
            b.type("宝坻区");
            b.press("Tab");
            b.type("海滨街道");
            b.press("Tab");
            b.press("Tab");
            b.type("15.00");
            b.press("Tab");
            b.type("L-STD");
            b.press("Tab");
            b.type("标准午餐套餐");
            b.press("Tab"); // the slot: 午餐 already
            b.press("Tab");
            b.type("15.00");
            b.tabTo("#terminal0-code", 20);
            b.type(code + "-T1");
            b.press("Tab");
            b.type("1号收银台");
            b.tabTo("#new-canteen-go", 5);
            b.press("Enter");
            assertThat(page.locator(".once code.secret")).containsText("Terminal " + code + "-T1:");
            assertTrue((Boolean) page.evaluate("() => document.activeElement.id === 'once-continue'"));
            b.press("Enter");
            page.waitForURL(Pattern.compile(".*/register/canteens/" + code + "$"));
            assertThat(page.locator("#menu tr[data-set='L-STD']")).containsText("15.00");

            // signing out
            b.tabTo("#signout button", 20);
            b.press("Enter");
            page.waitForURL(Pattern.compile(".*/signin\\?out=1$"));
        }
    }
}
