package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.fixtures.vpcd.VirtualCard;
import cn.laorenjia.terminal.testing.SwitchableProxy;
import cn.laorenjia.terminal.testing.PcscStack;
import cn.laorenjia.terminal.testing.TestCashier;
import cn.laorenjia.terminal.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network between the counter and the central goes down during lunch, in a real headless Chromium: the cashier
 * page shows the yellow 「离线模式」 banner, a senior taps her card (a virtual card in vpcd's reader, through pcscd
 * and javax.smartcardio), the cashier sells from the offline copy, and the banner counts the sale waiting to be
 * uploaded. The link comes back: the terminal syncs the sale, the banner goes, nothing waits, and the central
 * ledger holds the sale exactly once, paid: a claim synced within the live window (10 minutes) is decided like a live
 * sale, whatever the central answered the terminal around it (core CentralContact.heldAgainst; the contact rule for
 * backdated claims is tested in settlement's OfflineDoorTest). The link is a relay the test cuts and restores
 * ({@link SettlementBehindASwitch}); the settlement service is the real one on real PostgreSQL.
 * Screenshots under target/e2e/.
 */
@QuarkusTest
@WithTestResource(SettlementBehindASwitch.class)
class OfflineBannerBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "e2e");
    /** The canteen of the test's terminal (SettlementProcess.TERMINAL). */
    private static final String CANTEEN = "BD-HB-01";
    /** Waits long enough for a loaded two-core CI machine: the sync runs every 0.5 s after a 2 s back-off. */
    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @TestHTTPResource("/")
    URL terminal;

    @SettlementBehindASwitch.CounterLink
    SwitchableProxy link;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theBannerCountsSalesMadeOfflineAndGoesWhenTheyAreSynced() throws Exception {
        PcscStack.require();
        assertNotNull(link, "the relay between the counter and the central was not injected");
        Files.createDirectories(ARTIFACTS);
        String today = TestClock.current().today().toString();
        long canteenId = admin("/api/register/canteens/" + CANTEEN).path("id").asLong();
        String mealsToday = "/api/settlement/canteens/" + canteenId + "/days/" + today + "/meals";

        var context = chromium.counterScreen();
        Page cashier = context.newPage();
        cashier.navigate(terminal + "index.html");
        signIn();
        assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible();
        // online, nothing waits: no banner; and the offline copy of today's register is in place
        cashier.waitForFunction("() => { const s = window.counterPage.state(); "
                + "return s && s.connection && s.connection.online && s.connection.copySeniors > 0; }", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        Locator banner = cashier.locator("#connection");
        assertThat(banner).isHidden();

        try {
            // the uplink dies
            link.cut();

            // 张淑珍 taps her card: the terminal cannot reach the central and decides from its offline copy
            try (VirtualCard card = VirtualCard.uid(StorySeniors.ZHANG_SHUZHEN_UID).insert(VirtualCard.SECOND_READER_PORT)) {
                assertThat(cashier.locator("#name")).hasText("张*珍");
                assertThat(banner).isVisible(SOON);
                assertThat(banner).containsText("离线模式");
                assertThat(cashier.locator("#offline-waiting")).hasText("0");
                assertThat(cashier.locator("#discount")).hasText("-3.00元");

                cashier.locator("body").press("Enter"); // the cashier confirms: the tender step
                assertThat(cashier.locator("#till-tender-dialog")).isVisible();
                cashier.keyboard().press("Enter"); // exact cash: sold offline, journalled on this PC
                assertThat(cashier.locator("#banner")).containsText("离线收款");
            }
            assertThat(cashier.locator("#offline-waiting")).hasText("1");
            assertThat(banner).containsText(Pattern.compile("离线模式.*待上传\\s*1\\s*笔"));
            assertYellowAndLarge(cashier);
            cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-offline.png")));
            String saleId = (String) cashier.evaluate("window.counterPage.state().lastSale.saleId");
            assertEquals(0, entries(admin(mealsToday), saleId), "nothing reached the central while the link was down");
            assertEquals(1, ((Number) cashier.evaluate("window.counterPage.state().connection.waiting")).intValue());

            // the uplink comes back: the queued sale is synced, the banner goes, nothing waits
            link.restore();
            assertThat(banner).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(60_000));
            assertEquals(0, ((Number) cashier.evaluate("window.counterPage.state().connection.waiting")).intValue());
            assertEquals(Boolean.TRUE, cashier.evaluate("window.counterPage.state().connection.online"));
            cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-back-online.png")));

            // the central ledger holds the sale exactly once, subsidised, with the quota taken once
            JsonNode rows = admin(mealsToday);
            assertEquals(1, entries(rows, saleId), rows::toString);
            for (JsonNode row : rows) {
                if (row.path("entryId").asText().equals(saleId)) {
                    assertEquals("SALE", row.path("type").asText(), row::toString);
                    assertTrue(row.path("subsidised").asBoolean(), row::toString);
                    assertEquals(300, row.path("discountFen").asLong(), row::toString);
                }
            }
            JsonNode quota = direct("/api/meals/quota?cardKind=UID&identifier=" + StorySeniors.ZHANG_SHUZHEN_UID);
            assertEquals(1, quota.path("usedToday").asInt(), quota::toString);
            // and stays so: another round of the sync thread sends nothing again
            cashier.waitForTimeout(2_000);
            assertEquals(1, entries(admin(mealsToday), saleId));
        } finally {
            link.restore();
            context.close();
        }
    }

    /** The banner a cashier cannot miss: yellow, in type larger than the page's, the count larger still. */
    private static void assertYellowAndLarge(Page cashier) {
        @SuppressWarnings("unchecked")
        List<Object> style = (List<Object>) cashier.evaluate("() => { const b = document.getElementById('connection'); "
                + "const n = document.getElementById('offline-waiting'); const body = getComputedStyle(document.body); "
                + "return [getComputedStyle(b).backgroundColor, parseFloat(getComputedStyle(b).fontSize), "
                + "parseFloat(getComputedStyle(n).fontSize), parseFloat(body.fontSize), b.getBoundingClientRect().width]; }");
        String background = (String) style.get(0);
        double bannerPx = ((Number) style.get(1)).doubleValue();
        double countPx = ((Number) style.get(2)).doubleValue();
        double bodyPx = ((Number) style.get(3)).doubleValue();
        double width = ((Number) style.get(4)).doubleValue();
        var rgb = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(background);
        assertTrue(rgb.find(), background);
        int r = Integer.parseInt(rgb.group(1));
        int g = Integer.parseInt(rgb.group(2));
        int b = Integer.parseInt(rgb.group(3));
        assertTrue(r > 200 && g > 170 && b < 120, "the banner is yellow: " + background);
        assertTrue(bannerPx > bodyPx, "banner type " + bannerPx + " px, page " + bodyPx + " px");
        assertTrue(countPx >= bannerPx, "count type " + countPx + " px, banner " + bannerPx + " px");
        assertTrue(width >= 900, "the banner spans the counter screen: " + width + " px of 1024");
    }

    private static int entries(JsonNode rows, String entryId) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.path("entryId").asText()));
        return (int) ids.stream().filter(entryId::equals).count();
    }

    /** The settlement service directly (not through the counter's link), as this terminal. */
    private JsonNode direct(String path) throws IOException, InterruptedException {
        var config = ConfigProvider.getConfig();
        String auth = "Terminal " + config.getValue("laorenjia.terminal.code", String.class) + ":"
                + config.getValue("laorenjia.terminal.secret", String.class);
        return send(HttpRequest.newBuilder(directUri(path)).header("Authorization", auth).build(), path);
    }

    private JsonNode admin(String path) throws IOException, InterruptedException {
        String password = ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
        return send(Central.asAdmin(HttpRequest.newBuilder(directUri(path)), password).build(), path);
    }

    private JsonNode send(HttpRequest request, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200, () -> path + " answered " + r.statusCode() + " " + r.body());
        return json.readTree(r.body());
    }

    private static URI directUri(String path) {
        return URI.create(ConfigProvider.getConfig().getValue(SettlementBehindASwitch.DIRECT_URL, String.class) + path);
    }

    /** The test cashier signs in at this counter before anything is sold (TestCashier). */
    private void signIn() {
        TestCashier.signInAt(URI.create(terminal.toString()), URI.create(ConfigProvider.getConfig().getValue(SettlementBehindASwitch.DIRECT_URL, String.class)),
                ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class), CANTEEN);
    }
}
