package cn.laorenjia.terminal.e2e;

import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.terminal.testing.TestCashier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The senior's own phone page in a real headless Chromium against a real settlement service on real PostgreSQL (issue
 * 21): a clerk issues an activation code on the register's page, a family member's phone (360×740) redeems it and
 * shows the meal code; the test reads the code the way a scanner does (ZXing on a screenshot of the phone), types it
 * into the cashier page through the keyboard-wedge path and sells; the phone then shows one fewer meal left this week.
 * Then: the code kept offline and what the page says when it has expired, a reused activation code refused, a revoked
 * phone given no code, and the page at 1024×600 and at 200 % text size without sideways scroll. Screenshots under
 * target/e2e/phone/.
 */
@QuarkusTest
@WithTestResource(SettlementProcess.class)
class SeniorPhoneBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "e2e", "phone");
    /** The canteen of the test's terminal (SettlementProcess.TERMINAL), in 海滨街道. */
    private static final String CANTEEN = "BD-HB-01";
    private static final String NO_CODE_OFFLINE = "手机没有网络，餐码已过期，请连网后刷新，或出示老年卡";

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @TestHTTPResource("/")
    URL terminal;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFamilyMemberBindsAPhoneTheSeniorEatsWithItsCodeAndThePageShowsTheNewRemainder() throws Exception {
        Files.createDirectories(ARTIFACTS);
        SampleSenior senior = pickSenior();
        long seniorId = seniorId(senior.idNumber().value());

        // the clerk, on the senior's page in the register: 手机绑定 → 生成激活码
        BrowserContext office = chromium.counterScreen();
        Page clerk = office.newPage();
        clerk.navigate(central() + "/signin");
        clerk.locator("#username").fill("admin");
        clerk.locator("#password").fill(adminPassword());
        clerk.locator("#submit").click();
        assertThat(clerk).not().hasURL(Pattern.compile(".*/signin.*"));
        clerk.navigate(central() + "/register/seniors/" + seniorId);
        clerk.locator("#phones").click();
        clerk.locator("#issue-activation").click();
        assertThat(clerk.locator("#activation-code")).hasText(Pattern.compile("[0-9]{4} [0-9]{4} [0-9]{4}"));
        String activation = clerk.locator("#activation-code").textContent();
        clerk.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("clerk-activation.png")));

        // the daughter's phone opens the page and types the code (the clerk's QR would fill it in)
        BrowserContext daughters = chromium.phoneScreen();
        daughters.clock().install();
        Page phone = daughters.newPage();
        long opened = System.nanoTime();
        phone.navigate(central() + "/senior");
        assertThat(phone.locator("#activate")).isVisible();
        phone.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("phone-activate-360.png")));
        phone.locator("#code").fill(activation);
        phone.locator("#name").fill("女儿的手机");
        phone.locator("#activate-go").click();
        assertThat(phone.locator("#code-status")).containsText("餐码有效", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
        long boundMillis = (System.nanoTime() - opened) / 1_000_000;
        assertThat(phone.locator("#name")).hasText(PersonName.masked(senior.name()));
        assertTrue(!phone.content().contains(senior.name()) && !phone.content().contains(senior.idNumber().value()),
                "the page shows the name masked and no ID number");
        int before = Integer.parseInt(phone.locator("#left-week").textContent().strip());
        assertTrue(before > 0, "the senior has meals left this week");
        assertThat(phone.locator("#canteens .canteen").first()).containsText("本街镇");
        assertThat(phone.locator("#devices")).containsText("女儿的手机");
        phone.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("phone-code-360.png")));

        // what a scanner reads from the phone's screen
        String token = decode(phone.locator("#qr").screenshot());
        assertTrue(token.startsWith("LRJ:"), token);

        // the counter: the cashier's page reads it through the keyboard-wedge path and sells
        BrowserContext counter = chromium.counterScreen();
        Page cashier = counter.newPage();
        cashier.navigate(terminal + "index.html");
        TestCashier.signInAt(URI.create(terminal.toString()), URI.create(central()), adminPassword(), CANTEEN);
        assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible();
        Request scan = cashier.waitForRequest("**/api/scan",
                () -> cashier.keyboard().type(token + "\n", new Keyboard.TypeOptions().setDelay(4)));
        assertEquals(token, json.readTree(scan.postData()).path("text").asText());
        assertThat(cashier.locator("#name")).hasText(PersonName.masked(senior.name()));
        assertThat(cashier.locator("#how")).hasText("手机二维码");
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#till-tender-dialog")).isVisible();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#banner")).containsText("已确认");

        // the phone's next code comes with the new remainder, and the meal is listed
        long asked = System.nanoTime();
        phone.waitForResponse("**/senior/api/code", () -> phone.locator("#refresh").click());
        long codeMillis = (System.nanoTime() - asked) / 1_000_000;
        assertThat(phone.locator("#left-week")).hasText(Integer.toString(before - 1));
        assertThat(phone.locator("#speak")).hasAttribute("data-speech", "本周还剩" + (before - 1) + "次，今天还剩0次");
        phone.reload();
        assertThat(phone.locator("#meals li").first()).containsText("实付");
        assertThat(phone.locator("#left-week")).hasText(Integer.toString(before - 1));
        assertThat(phone.locator("#code-status")).containsText("餐码有效");
        phone.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("phone-after-meal-360.png"))
                .setFullPage(true));
        long pageBytes = pageWeight(daughters);

        // at the counter without network: the kept code is shown while it is good, then the page says it has none
        daughters.setOffline(true);
        daughters.clock().fastForward(20_000);
        assertThat(phone.locator("#code-status")).containsText("手机没有网络");
        assertThat(phone.locator("#code-status")).containsText("还可用");
        assertThat(phone.locator("#qr")).isVisible();
        daughters.clock().fastForward(45_000);
        assertThat(phone.locator("#code-status")).hasText(NO_CODE_OFFLINE);
        assertThat(phone.locator("#qr")).isHidden();
        phone.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("phone-offline-expired-360.png")));
        daughters.setOffline(false);
        daughters.clock().fastForward(2_000);
        assertThat(phone.locator("#code-status")).containsText("餐码有效");

        // a tablet or a wider screen, and a phone set to 200 % text: no sideways scroll
        phone.setViewportSize(1024, 600);
        assertNoSidewaysScroll(phone, "1024×600");
        phone.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("phone-1024x600.png")));
        phone.setViewportSize(360, 740);
        // the phone's text size doubles the root size the page's rem units follow (the stylesheet's 125 %)
        phone.evaluate("document.documentElement.style.fontSize = '250%'");
        assertNoSidewaysScroll(phone, "360 px at 200 % text");
        phone.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("phone-200pct-360.png")));
        phone.evaluate("document.documentElement.style.fontSize = ''");

        // the same activation code on another phone: refused, it was used
        BrowserContext strangers = chromium.phoneScreen();
        Page other = strangers.newPage();
        other.navigate(central() + "/senior?code=" + activation.replace(" ", ""));
        assertThat(other.locator("#code")).hasValue(activation.replace(" ", ""));
        other.locator("#activate-go").click();
        assertThat(other.locator("#activate-error")).containsText("激活码已经用过");
        other.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("phone-reused-code-360.png")));
        strangers.close();

        // the phone is lost: the clerk revokes it on the register page; it gets no code any more
        clerk.reload();
        clerk.locator("#devices form button").first().click();
        assertThat(clerk.locator("#notice")).containsText("已解除绑定");
        assertThat(clerk.locator("#devices .device-status").first()).containsText("已解除");
        phone.waitForResponse("**/senior/api/code", () -> phone.locator("#refresh").click());
        assertThat(phone.locator("#code-status")).containsText("绑定已解除");
        assertThat(phone.locator("#qr")).isHidden();
        assertThat(phone.locator("#left-week")).isHidden(); // the senior's data off the screen at once
        assertThat(phone.locator("#meals")).isHidden();
        assertTrue(phone.evaluate("localStorage.getItem('laorenjia-phone-code')") == null, "the kept code is forgotten");
        phone.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("phone-revoked-360.png")));
        daughters.clock().fastForward(5_000);
        assertThat(phone.locator("#activate")).isVisible();
        JsonNode devices = admin("/api/register/seniors/" + seniorId + "/phone-devices");
        assertEquals(1, devices.size());
        assertEquals("admin", devices.get(0).path("revokedBy").asText());

        System.out.printf("senior phone: bound and first code shown in %d ms, a code fetched in %d ms, page %d bytes%n",
                boundMillis, codeMillis, pageBytes);
        daughters.close();
        counter.close();
        office.close();
    }

    private static void assertNoSidewaysScroll(Page page, String what) {
        Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, ((Number) overflow).intValue(), what + ": the page scrolls sideways");
    }

    /** The bound phone's page with its script, style and QR script, as the phone downloads them (uncompressed). */
    private static long pageWeight(BrowserContext phone) {
        long total = 0;
        for (String path : List.of("/senior", "/senior/assets/phone.js", "/senior/assets/qr.js", "/senior/assets/phone.css")) {
            total += phone.request().get(central() + path).body().length;
        }
        return total;
    }

    private static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
                DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    /** An 80+ senior of the sample register's 海滨街道 (eligible by age), none the other tests eat with. */
    private static SampleSenior pickSenior() {
        List<SampleSenior> candidates = SampleRegister.baodi().seniors(SampleProfile.ROUTE_AGE_80).stream()
                .filter(s -> s.subdistrict().equals("海滨街道")).toList();
        return candidates.get(candidates.size() - 1);
    }

    private long seniorId(String idNumber) throws IOException, InterruptedException {
        JsonNode items = admin("/api/register/seniors?q=" + idNumber).path("items");
        assertEquals(1, items.size(), items::toString);
        return items.get(0).path("id").asLong();
    }

    private JsonNode admin(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(Central.asAdmin(URI.create(central() + path),
                adminPassword()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), () -> path + " answered " + r.body());
        return json.readTree(r.body());
    }

    private static String central() {
        String url = ConfigProvider.getConfig().getValue("laorenjia.terminal.settlement-url", String.class);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String adminPassword() {
        return ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
    }
}
