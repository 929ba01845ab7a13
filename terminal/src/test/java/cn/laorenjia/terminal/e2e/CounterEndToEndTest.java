package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.fixtures.sample.SampleCard;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.fixtures.vpcd.VirtualCard;
import cn.laorenjia.terminal.testing.CameraFrames;
import cn.laorenjia.terminal.testing.CounterApi;
import cn.laorenjia.terminal.testing.PcscStack;
import cn.laorenjia.terminal.testing.TestCashier;
import cn.laorenjia.terminal.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day at the counter in a real headless Chromium: the terminal (this Quarkus app) talks to a real settlement
 * service on real PostgreSQL. A senior taps a card, the cashier page shows them, the cashier presses Enter, the
 * ledger holds the meal and the senior display shows how many subsidised meals are left this week. A queue is
 * served by card, by a phone code through the keyboard-wedge scanner and by a printed card through the camera.
 * Screenshots are kept under target/e2e/.
 */
@QuarkusTest
@WithTestResource(SettlementProcess.class)
class CounterEndToEndTest {

    /** 张淑珍, 88, 海滨街道, eligible as an 80+ local (fixtures' StorySeniors.ZHANG_SHUZHEN_UID). */
    private static final String ZHANG_SHUZHEN_UID = "04A1B2C3D4E5F6";
    /** 赵桂兰, 66, low income with severe disability; 社会保障号码 (StorySeniors.ZHAO_GUILAN_ID). */
    private static final String ZHAO_GUILAN_ID = "120224196006182420";
    private static final Path ARTIFACTS = Path.of("target", "e2e");
    /** The canteen of the test's terminal (SettlementProcess.TERMINAL). */
    private static final String CANTEEN = "BD-HB-01";
    private static final Set<String> STORY_IDS = Set.of(StorySeniors.ZHANG_SHUZHEN_ID, StorySeniors.LIU_DEMING_ID,
            StorySeniors.ZHAO_GUILAN_ID, StorySeniors.SUN_JIANGUO_ID, StorySeniors.LI_YULAN_ID, StorySeniors.CHEN_FUSHENG_ID,
            StorySeniors.YANG_SHULIN_ID, StorySeniors.GAO_FENGYING_ID, StorySeniors.WANG_CHANGSHUN_ID, StorySeniors.ZHOU_XIURONG_ID);
    private static final java.util.function.Function<String, JsonNode> JSON_READER = text -> {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    };

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @TestHTTPResource("/")
    URL terminal;

    @Inject
    Event<IdentificationFailed> failed;

    private final ObjectMapper json = new ObjectMapper();
    private final List<VirtualCard> cardsOnReader = new java.util.ArrayList<>();

    @AfterEach
    void takeCardsOffTheReader() {
        cardsOnReader.forEach(VirtualCard::close);
        cardsOnReader.clear();
    }

    @Test
    void aCardTapIsConfirmedRecordedInTheLedgerAndShownToTheSenior() throws Exception {
        Files.createDirectories(ARTIFACTS);
        var context = chromium.counterScreen();
        Page cashier = context.newPage();
        Page display = context.newPage();
        cashier.navigate(terminal + "index.html");
        signIn();
        display.navigate(terminal + "display.html");
        int mealsBefore = settlement("/api/counter/totals").path("terminal").path("subsidisedMeals").asInt();
        assertThat(cashier.locator("#sets .set").first()).isVisible();
        assertThat(cashier.locator("#sets .set .ok").first()).hasText("可补贴");
        assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible(); // a qualifying set is chosen

        // the senior taps her card: a virtual card in vpcd's reader, read by the terminal's reader thread through
        // pcscd and javax.smartcardio (skipped without the PC/SC stack unless LAORENJIA_REQUIRE_PCSC=1)
        PcscStack.require();
        VirtualCard card = VirtualCard.uid(ZHANG_SHUZHEN_UID).insert(VirtualCard.SECOND_READER_PORT);
        cardsOnReader.add(card);

        assertThat(cashier.locator("#name")).hasText("张*珍");
        assertThat(cashier.locator("#id-masked")).hasText("120224********1223");
        assertThat(cashier.locator("#discount")).hasText("-3.00元");
        assertThat(cashier.locator("#how")).hasText("刷卡");
        assertThat(cashier.locator("#check-row")).isHidden(); // a card needs no second check; a printed code would
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).isInViewport();
        assertThat(display.locator("#headline")).containsText("减免3元");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-identified.png")));

        cashier.locator("body").press("Enter"); // the cashier confirms with the keyboard: the tender step
        assertThat(cashier.locator("#till-tender-dialog")).isVisible();
        cashier.keyboard().press("Enter"); // exact cash
        assertThat(cashier.locator("#banner")).containsText("已确认");

        // the ledger holds the meal
        JsonNode quota = settlement("/api/meals/quota?cardKind=UID&identifier=" + ZHANG_SHUZHEN_UID);
        assertEquals(1, quota.path("usedToday").asInt());
        int left = quota.path("remainingThisWeek").asInt();
        JsonNode totals = settlement("/api/counter/totals");
        assertEquals(mealsBefore + 1, totals.path("terminal").path("subsidisedMeals").asInt());

        // and the senior display says how many are left
        assertThat(display.locator("#headline")).containsText("本周还剩" + left + "次");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-confirmed.png")));
        display.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("senior-display.png")));

        // the X report reads the same ledger
        cashier.keyboard().press("F8");
        assertThat(cashier.locator("#report-body table.report")).containsText("补贴餐数");
        // and this counter's sales per cashier from its journal (CashierSignInBrowserTest checks it in detail)
        assertThat(cashier.locator("#report-body table.report-cashiers")).containsText(TestCashier.NAME);
        // built from elements with text (no HTML from the data): the header, seven figures, the terminal's code
        assertThat(cashier.locator("#report-body table.report thead th")).hasCount(3);
        assertThat(cashier.locator("#report-body table.report tbody tr")).hasCount(7);
        assertThat(cashier.locator("#report-body p")).containsText(SettlementProcess.TERMINAL);
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("x-report.png")));
        cashier.keyboard().press("Escape");

        // the receipt: a printable page, and GBK ESC/POS bytes for a thermal printer
        String saleId = (String) cashier.evaluate("window.counterPage.state().lastSale.saleId");
        Page receipt = context.newPage();
        receipt.setViewportSize(320, 600);
        receipt.navigate(terminal + "receipt.html?sale=" + saleId);
        assertThat(receipt.locator("#receipt")).containsText("实付");
        assertThat(receipt.locator("#receipt")).containsText("张*珍");
        receipt.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("receipt.png")));
        byte[] escPos = receipt.request().get(terminal + "api/receipts/" + saleId + "/escpos",
                com.microsoft.playwright.options.RequestOptions.create().setHeader(CounterApi.TOKEN_HEADER, CounterApi.token())).body();
        assertEquals("1b401c26", java.util.HexFormat.of().formatHex(escPos, 0, 4));
        assertTrue(new String(escPos, java.nio.charset.Charset.forName("GBK")).contains("助餐消费小票"));

        // a mistake: void the last sale; the quota comes back
        VoidSteps.voidTheSaleJustPaid(cashier);
        assertEquals(0, settlement("/api/meals/quota?cardKind=UID&identifier=" + ZHANG_SHUZHEN_UID).path("usedToday").asInt());
        context.close();
    }

    @Test
    void aManualLookupNeedsTheCashiersCheckAndAScanNeverLandsInAField() throws Exception {
        var context = chromium.counterScreen();
        Page cashier = context.newPage();
        cashier.navigate(terminal + "index.html");
        signIn();
        assertThat(cashier.locator("#sets .set").first()).isVisible();
        nextSenior(cashier);

        // a card pulled off the reader too early: the cashier reads what happened and what to do
        failed.fire(new IdentificationFailed("CARD_REMOVED", "卡片离开过快，请让老人把卡放在读卡器上再刷一次", TestClock.current().instant()));
        assertThat(cashier.locator("#banner")).hasText("卡片离开过快，请让老人把卡放在读卡器上再刷一次");

        cashier.keyboard().press("F2");
        Locator id = cashier.locator("#lookup-id");
        assertThat(id).isFocused();
        // a keyboard-wedge scanner types a whole code within milliseconds, then Enter: it must not land in the field
        Request scan = cashier.waitForRequest("**/api/scan", () -> cashier.keyboard().type("BDQR7K3M9P2Q4R6T\n"));
        assertEquals("{\"text\":\"BDQR7K3M9P2Q4R6T\"}", scan.postData());
        assertThat(id).hasValue("");
        // a person types at a person's pace
        id.pressSequentially(ZHAO_GUILAN_ID, new Locator.PressSequentiallyOptions().setDelay(300));
        assertThat(id).hasValue(ZHAO_GUILAN_ID);
        cashier.getByRole(AriaRole.COMBOBOX).selectOption("CARD_FORGOTTEN");
        id.press("Enter");

        assertThat(cashier.locator("#name")).hasText("赵*兰");
        assertThat(cashier.locator("#how")).hasText("手工查询");
        assertThat(cashier.locator("#check-row")).isVisible();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#banner")).containsText("请核对老人本人或身份证");
        cashier.keyboard().press("F6");
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#till-tender-dialog")).isVisible();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#banner")).containsText("已确认");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cashier-manual.png")));
        VoidSteps.voidTheSaleJustPaid(cashier); // leave the senior's quota as it was
        context.close();
    }

    @Test
    void aQueueIsServedByCardPhoneCodeAndPrintedCardAndAReplayedCodeIsRefused() throws Exception {
        PcscStack.require();
        Files.createDirectories(ARTIFACTS);
        String today = TestClock.current().today().toString();
        long canteenId = admin("/api/register/canteens/" + CANTEEN).path("id").asLong();
        String mealsToday = "/api/settlement/canteens/" + canteenId + "/days/" + today + "/meals";
        Set<String> ledgerBefore = entryIds(admin(mealsToday));
        // the queue: three seniors no other test records a meal for
        SampleSenior phoneSenior = SampleRegister.baodi().seniors(SampleProfile.ROUTE_AGE_80).stream()
                .filter(s -> !STORY_IDS.contains(s.idNumber().value())).findFirst().orElseThrow();
        SampleCard phoneSeniorsCard = phoneSenior.primaryCard();
        long phoneSeniorId = seniorId(phoneSenior.idNumber().value());
        long printedSeniorId = seniorId(StorySeniors.SUN_JIANGUO_ID);

        var context = chromium.counterScreen();
        Page cashier = context.newPage();
        Page display = context.newPage();
        cashier.navigate(terminal + "index.html");
        signIn();
        display.navigate(terminal + "display.html");
        assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible();
        nextSenior(cashier);
        List<String> sold = new java.util.ArrayList<>();

        // 1. 王长顺 taps his card on the reader
        try (VirtualCard card = VirtualCard.uid(StorySeniors.WANG_CHANGSHUN_UID).insert(VirtualCard.SECOND_READER_PORT)) {
            assertThat(cashier.locator("#name")).hasText("王*顺");
            assertThat(cashier.locator("#how")).hasText("刷卡");
            assertThat(cashier.locator("#check-row")).isHidden();
            sold.add(confirmAndSeeTheWeekLeft(cashier, display, byCard("UID", StorySeniors.WANG_CHANGSHUN_UID)));
        }
        nextSenior(cashier);
        assertThat(display.locator("#headline")).containsText("欢迎光临");

        // 2. a senior shows the code the settlement service issued to her phone; the counter's keyboard-wedge
        //    scanner types it into the page, a few milliseconds a key, then Enter
        String phoneCode = adminPost("/api/qr/seniors/" + phoneSeniorId + "/phone-code").path("token").asText();
        assertTrue(phoneCode.startsWith("LRJ:"), phoneCode);
        scanWithTheWedgeScanner(cashier, phoneCode);
        assertThat(cashier.locator("#name")).hasText(PersonName.masked(phoneSenior.name()));
        assertThat(cashier.locator("#how")).hasText("手机二维码");
        assertThat(cashier.locator("#check-row")).isHidden(); // a phone code is good for one sale: no second check
        assertThat(display.locator("#headline")).containsText("减免3元");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("qr-sale.png")));
        sold.add(confirmAndSeeTheWeekLeft(cashier, display, byCard(phoneSeniorsCard.kind().name(), phoneSeniorsCard.identifier())));
        nextSenior(cashier);

        // the same phone code again (a screenshot passed on, or scanned twice): refused, and the cashier reads why;
        // this time the page stalls for 300 ms mid-code (a busy counter PC): still one scan, nothing lands elsewhere
        String chosenSet = cashier.locator("#sets .set[aria-pressed=true]").getAttribute("data-code");
        Request replay = cashier.waitForRequest("**/api/scan", () -> {
            cashier.keyboard().type(phoneCode.substring(0, 40), new Keyboard.TypeOptions().setDelay(4));
            cashier.waitForTimeout(300);
            cashier.keyboard().type(phoneCode.substring(40) + "\n", new Keyboard.TypeOptions().setDelay(4));
        });
        assertEquals(phoneCode, JSON_READER.apply(replay.postData()).path("text").asText());
        assertThat(cashier.locator("#banner")).hasText("该手机助餐码已使用过，请老人刷新手机上的二维码后重新扫描");
        assertThat(cashier.locator("#who")).isHidden();
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", chosenSet); // no digit became a shortcut
        assertThat(cashier.locator("#confirm")).isDisabled();
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("qr-replayed.png")));
        nextSenior(cashier);

        // 3. 孙建国 shows his printed senior card (as the service prints it) to the counter's camera: F3 takes the photo
        BufferedImage printedCard = ImageIO.read(new ByteArrayInputStream(adminBytes("/api/qr/seniors/" + printedSeniorId + "/card.png")));
        byte[] photo = CameraFrames.jpeg(CameraFrames.photographed(new Random(5), printedCard, -9, 0.85));
        // the photo goes into the page's camera input (what F3 opens); set directly, as waiting for the browser's
        // file chooser timed out on a loaded CI machine
        cashier.locator("#photo-input").setInputFiles(new FilePayload("camera.jpg", "image/jpeg", photo));
        assertThat(cashier.locator("#name")).hasText("孙*国");
        assertThat(cashier.locator("#how")).hasText("卡面二维码");
        assertThat(cashier.locator("#check-row")).isVisible(); // a printed code only says who: the cashier checks
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#banner")).containsText("请核对老人本人或身份证");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("printed-code-check.png")));
        cashier.keyboard().press("F6");
        assertThat(cashier.locator("#identity-checked")).isChecked();
        // a printed code counts only as its signed text: any code printed for his card names him
        String printedCode = adminPost("/api/qr/seniors/" + printedSeniorId + "/printed-code").path("token").asText();
        sold.add(confirmAndSeeTheWeekLeft(cashier, display,
                "qrToken=" + java.net.URLEncoder.encode(printedCode, java.nio.charset.StandardCharsets.UTF_8)));
        display.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("senior-display-queue.png")));

        // the ledger holds exactly these three meals, subsidised, recorded by this terminal, and nothing else
        List<JsonNode> recorded = new java.util.ArrayList<>();
        admin(mealsToday).forEach(row -> {
            if (!ledgerBefore.contains(row.path("entryId").asText())) {
                recorded.add(row);
            }
        });
        assertEquals(sold, recorded.stream().map(row -> row.path("entryId").asText()).toList());
        assertEquals(List.of("王*顺", PersonName.masked(phoneSenior.name()), "孙*国"),
                recorded.stream().map(row -> row.path("seniorNameMasked").asText()).toList());
        for (JsonNode row : recorded) {
            assertEquals("SALE", row.path("type").asText(), row::toString);
            assertTrue(row.path("subsidised").asBoolean(), row::toString);
            assertEquals(300, row.path("discountFen").asLong(), row::toString);
            assertEquals(SettlementProcess.TERMINAL, row.path("terminal").asText(), row::toString);
        }
        context.close();
    }

    /** Enter; the sale is recorded; the senior display says how many subsidised meals are left this week. */
    private String confirmAndSeeTheWeekLeft(Page cashier, Page display, String quotaQuery) throws Exception {
        cashier.keyboard().press("Enter"); // the tender step, then exact cash
        assertThat(cashier.locator("#till-tender-dialog")).isVisible();
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#banner")).containsText("已确认");
        JsonNode quota = settlement("/api/meals/quota?" + quotaQuery);
        assertEquals(1, quota.path("usedToday").asInt(), quota::toString);
        assertThat(display.locator("#headline")).hasText("减免3元 本周还剩" + quota.path("remainingThisWeek").asInt() + "次");
        return (String) cashier.evaluate("window.counterPage.state().lastSale.saleId");
    }

    private static String byCard(String cardKind, String identifier) {
        return "cardKind=" + cardKind + "&identifier=" + identifier;
    }

    /** Esc, and the terminal has cleared the counter before anything else happens (page requests may overtake). */
    private static void nextSenior(Page cashier) {
        cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));
    }

    /** A keyboard-wedge scanner types the code a few milliseconds a key and ends it with Enter. */
    private static void scanWithTheWedgeScanner(Page cashier, String code) {
        Request scan = cashier.waitForRequest("**/api/scan",
                () -> cashier.keyboard().type(code + "\n", new Keyboard.TypeOptions().setDelay(4)));
        assertEquals(code, JSON_READER.apply(scan.postData()).path("text").asText());
    }

    private JsonNode settlement(String path) throws IOException, InterruptedException {
        var config = ConfigProvider.getConfig();
        String base = config.getValue("laorenjia.terminal.settlement-url", String.class);
        String auth = "Terminal " + config.getValue("laorenjia.terminal.code", String.class) + ":"
                + config.getValue("laorenjia.terminal.secret", String.class);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200, () -> path + " answered " + r.statusCode() + " " + r.body());
        return json.readTree(r.body());
    }

    private long seniorId(String idNumber) throws IOException, InterruptedException {
        JsonNode items = admin("/api/register/seniors?q=" + idNumber).path("items");
        assertEquals(1, items.size(), items::toString);
        return items.get(0).path("id").asLong();
    }

    private static Set<String> entryIds(JsonNode rows) {
        Set<String> ids = new java.util.HashSet<>();
        rows.forEach(row -> ids.add(row.path("entryId").asText()));
        return ids;
    }

    private JsonNode admin(String path) throws IOException, InterruptedException {
        return json.readTree(adminBytes(path));
    }

    private JsonNode adminPost(String path) throws IOException, InterruptedException {
        return json.readTree(adminSend(HttpRequest.newBuilder(settlementUri(path)).POST(HttpRequest.BodyPublishers.noBody()), path));
    }

    private byte[] adminBytes(String path) throws IOException, InterruptedException {
        return adminSend(HttpRequest.newBuilder(settlementUri(path)).GET(), path);
    }

    private static byte[] adminSend(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
        String password = ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(Central.asAdmin(request, password).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(r.statusCode() == 200, () -> path + " answered " + r.statusCode() + " " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        return r.body();
    }

    private static URI settlementUri(String path) {
        return URI.create(ConfigProvider.getConfig().getValue("laorenjia.terminal.settlement-url", String.class) + path);
    }

    /** The test cashier signs in at this counter before anything is sold (TestCashier). */
    private void signIn() {
        TestCashier.signInAt(URI.create(terminal.toString()), URI.create(ConfigProvider.getConfig().getValue("laorenjia.terminal.settlement-url", String.class)),
                ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class), CANTEEN);
    }
}
