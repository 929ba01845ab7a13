package cn.laorenjia.terminal.e2e;

import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.terminal.testing.CounterApi;
import cn.laorenjia.terminal.testing.TestCashier;
import cn.laorenjia.terminal.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Voids that cannot hit the wrong person, in a real headless Chromium (1024×600) against a real settlement service on
 * real PostgreSQL. The problem as it was: one F4 voided the previous senior's sale while the next senior was already on
 * screen, with no confirmation, reason or cashier, and the display told the new senior the other one's figures. Now F4
 * opens a dialog that preselects nothing while the next senior is shown, voids nothing without a confirmation that
 * names the sale, records the reason and the cashier at the central (read back through its API), and leaves the
 * display of the next senior as it was. Screenshots under target/e2e/.
 */
@QuarkusTest
@WithTestResource(SettlementProcess.class)
class VoidDialogBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "e2e");
    private static final String CANTEEN = "BD-HB-01";
    private static final Set<String> STORY_IDS = Set.of(StorySeniors.ZHANG_SHUZHEN_ID, StorySeniors.LIU_DEMING_ID,
            StorySeniors.ZHAO_GUILAN_ID, StorySeniors.SUN_JIANGUO_ID, StorySeniors.LI_YULAN_ID, StorySeniors.CHEN_FUSHENG_ID,
            StorySeniors.YANG_SHULIN_ID, StorySeniors.GAO_FENGYING_ID, StorySeniors.WANG_CHANGSHUN_ID, StorySeniors.ZHOU_XIURONG_ID);
    private static final String TYPED_REASON = "老人临时改主意";

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @TestHTTPResource("/")
    URL terminal;

    private final ObjectMapper json = new ObjectMapper();
    private BrowserContext context;

    @BeforeEach
    void signedIn() throws IOException {
        Files.createDirectories(ARTIFACTS);
        TestCashier.signInAt(URI.create(terminal.toString()), central(), config().getValue(SettlementProcess.ADMIN_PASSWORD, String.class), CANTEEN);
        context = chromium.counterScreen();
    }

    @AfterEach
    void closePages() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void f4WhileTheNextSeniorIsShownVoidsNothingUnconfirmedAndTheChosenSaleIsVoidedWithItsReasonAndCashier() throws Exception {
        SampleSenior first = senior(3);
        SampleSenior next = senior(4);
        Page cashier = context.newPage();
        Page display = context.newPage();
        List<String> voidsSent = new CopyOnWriteArrayList<>();
        cashier.onRequest(r -> {
            if (r.url().endsWith("/api/sale/void")) {
                voidsSent.add(r.postData());
            }
        });
        cashier.navigate(terminal + "index.html");
        display.navigate(terminal + "display.html");
        assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible();
        cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));

        // the first senior pays
        present(cashier, first);
        String firstName = cashier.locator("#name").textContent();
        TillSteps.payExactCash(cashier);
        assertThat(cashier.locator("#banner")).containsText("已确认");
        String firstSale = (String) cashier.evaluate("window.counterPage.state().lastSale.saleId");
        String firstSet = (String) cashier.evaluate("window.counterPage.state().lastSale.mealSet.name");
        String firstPaid = (String) cashier.evaluate("window.counterPage.state().lastSale.amountToPay");

        // the next senior is already on screen, and on the public display
        present(cashier, next);
        String nextName = cashier.locator("#name").textContent();
        assertTrue(!nextName.equals(firstName), "two different seniors: " + firstName + " / " + nextName);
        assertThat(display.locator("#detail")).containsText(nextName);
        String displayBefore = displayText(display);
        JsonNode stateDisplayBefore = json.valueToTree(cashier.evaluate("window.counterPage.state().display"));
        int voidsBefore = entries("VOID").size();

        // F4, Enter, Esc as a hurried cashier presses them: the dialog lists the previous sale, chooses nothing, voids nothing
        cashier.keyboard().press("F4");
        assertThat(cashier.locator("#void-dialog")).isVisible();
        Locator firstRow = cashier.locator("#void-list li[data-sale-id='" + firstSale + "']");
        assertThat(firstRow).isVisible();
        assertThat(cashier.locator("#void-list [aria-selected=true]")).hasCount(0);
        assertThat(cashier.locator("#void-now")).containsText(nextName);
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("void-list-next-senior-shown.png")));
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#void-problem")).hasText("请先用 ↑↓ 选择要撤销的交易");
        cashier.keyboard().press("Enter");
        cashier.keyboard().press("Escape");
        assertThat(cashier.locator("#void-dialog")).isHidden();
        cashier.waitForTimeout(300);
        assertEquals(List.of(), voidsSent);
        assertEquals(voidsBefore, entries("VOID").size(), "nothing voided at the central");
        assertThat(cashier.locator("#name")).hasText(nextName); // the next senior is still being served

        // now on purpose: the newest sale (the previous senior's), a typed reason, and the confirmation that names it
        cashier.keyboard().press("F4");
        assertThat(firstRow).isVisible();
        cashier.keyboard().press("ArrowDown");
        assertThat(cashier.locator("#void-list [aria-selected=true]")).hasAttribute("data-sale-id", firstSale);
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#void-chosen")).containsText(firstName);
        cashier.keyboard().press("4");
        assertThat(cashier.locator("#void-other")).isFocused();
        cashier.keyboard().press("Enter"); // 其他 without a typed reason: refused, nothing sent
        assertThat(cashier.locator("#void-problem")).hasText("选择“其他”时请填写原因");
        cashier.locator("#void-other").pressSequentially(TYPED_REASON, new Locator.PressSequentiallyOptions().setDelay(120));
        assertThat(cashier.locator("#void-other")).hasValue(TYPED_REASON);
        cashier.keyboard().press("Enter");
        Locator summary = cashier.locator("#void-summary");
        assertThat(summary).containsText(firstName);
        assertThat(summary).containsText(firstSet);
        assertThat(summary).containsText(firstPaid + " 元");
        assertThat(summary).containsText("其他：" + TYPED_REASON);
        assertThat(cashier.locator("#void-not-current")).containsText("这不是屏幕上这位老人（" + nextName + "）的交易");
        assertEquals(List.of(), voidsSent, "nothing is sent before the confirmation");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("void-confirm.png")));
        Request sent = cashier.waitForRequest("**/api/sale/void", () -> cashier.keyboard().press("Enter"));
        JsonNode body = json.readTree(sent.postData());
        assertEquals(firstSale, body.path("saleId").asText());
        assertEquals("其他：" + TYPED_REASON, body.path("reason").asText());
        assertThat(cashier.locator("#void-dialog")).isHidden();
        // the cashier reads what to give back, and to whom
        assertThat(cashier.locator("#banner")).containsText("已撤销 " + firstName);
        assertThat(cashier.locator("#banner")).containsText("请退还 " + firstPaid + " 元");
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("void-done-next-senior-kept.png")));

        // the central recorded the void of that sale, signed by the cashier, with the reason
        List<JsonNode> voids = entries("VOID");
        assertEquals(voidsBefore + 1, voids.size());
        JsonNode recorded = voids.get(voids.size() - 1);
        assertEquals(firstName, recorded.path("seniorNameMasked").asText());
        assertEquals(TestCashier.NUMBER, recorded.path("cashierNumber").asText());
        assertEquals("其他：" + TYPED_REASON, recorded.path("reason").asText());
        assertEquals(-Long.parseLong(firstPaid.replace(".", "")), recorded.path("paidFen").asLong());

        // the next senior's display is as it was: no other senior's name or figures, no "已撤销"
        display.waitForTimeout(500);
        assertEquals(displayBefore, displayText(display));
        assertEquals(stateDisplayBefore, json.valueToTree(cashier.evaluate("window.counterPage.state().display")));
        assertTrue(!displayText(display).contains(firstName) && !displayText(display).contains("撤销"), displayText(display));
        display.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("void-display-unchanged.png")));
        assertThat(cashier.locator("#name")).hasText(nextName);

        // the list marks it voided, with its reason; choosing it again is refused in the dialog
        cashier.keyboard().press("F4");
        assertThat(firstRow.locator(".status")).hasText("已撤销：其他：" + TYPED_REASON);
        cashier.keyboard().press("ArrowDown");
        cashier.keyboard().press("Enter");
        assertThat(cashier.locator("#void-problem")).containsText("这笔交易已经撤销过了");
        cashier.keyboard().press("Escape");
        assertThat(cashier.locator("#void-dialog")).isHidden();
        assertEquals(1, voidsSent.size());
    }

    @Test
    void theApiRefusesAVoidWithoutSaleOrReasonAndShowsTheVoidOnlyWhileTheDisplayShowsThatSale() throws Exception {
        // nothing named, no reason, a sale of no one: refused with a code, nothing sent to the central
        int voidsBefore = entries("VOID").size();
        voidThroughTheApi(Map.of("reason", "收错套餐")).body("error.code", equalTo("VOID_SALE_REQUIRED"));
        voidThroughTheApi(Map.of("saleId", java.util.UUID.randomUUID().toString(), "reason", "收错套餐"))
                .body("error.code", equalTo("NOTHING_TO_VOID"));
        assertEquals(voidsBefore, entries("VOID").size());

        // a sale just paid, still on the display: the void is shown there, to that senior
        SampleSenior senior = senior(5);
        Page cashier = context.newPage();
        cashier.navigate(terminal + "index.html");
        assertThat(cashier.locator("#sets .set[aria-pressed=true] .ok")).isVisible();
        cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));
        present(cashier, senior);
        TillSteps.payExactCash(cashier);
        assertThat(cashier.locator("#banner")).containsText("已确认");
        String sale = (String) cashier.evaluate("window.counterPage.state().lastSale.saleId");
        voidThroughTheApi(Map.of("saleId", sale)).body("error.code", equalTo("VOID_REASON_REQUIRED"));
        voidThroughTheApi(Map.of("saleId", sale, "reason", "长".repeat(201))).body("error.code", equalTo("VOID_REASON_TOO_LONG"));
        assertEquals(voidsBefore, entries("VOID").size());

        voidThroughTheApi(Map.of("saleId", sale, "reason", "重复收款"))
                .body("error", nullValue())
                .body("lastVoid.saleId", equalTo(sale))
                .body("display.headline", org.hamcrest.Matchers.containsString("已撤销"));
        // once is enough: a second void of it is refused by the counter, from its journal
        voidThroughTheApi(Map.of("saleId", sale, "reason", "重复收款")).body("error.code", equalTo("SALE_ALREADY_VOIDED"));
        assertEquals(voidsBefore + 1, entries("VOID").size());
        CounterApi.given().get("/api/sale/voidable").then().statusCode(200)
                .body("find { it.saleId == '" + sale + "' }.status", equalTo("VOIDED"))
                .body("find { it.saleId == '" + sale + "' }.voidReason", equalTo("重复收款"))
                .body("find { it.saleId == '" + sale + "' }.cashier", equalTo(TestCashier.NUMBER));
    }

    private static io.restassured.response.ValidatableResponse voidThroughTheApi(Map<String, String> body) {
        return CounterApi.given().contentType(ContentType.JSON).body(body).post("/api/sale/void").then().statusCode(200);
    }

    /** The senior presents a phone code, typed by the keyboard-wedge scanner; the cashier screen names them. */
    private void present(Page cashier, SampleSenior senior) throws IOException, InterruptedException {
        String code = json.readTree(admin(HttpRequest.newBuilder(central().resolve("/api/qr/seniors/" + seniorId(senior) + "/phone-code"))
                .POST(HttpRequest.BodyPublishers.noBody()))).path("token").asText();
        cashier.waitForRequest("**/api/scan", () -> cashier.keyboard().type(code + "\n", new Keyboard.TypeOptions().setDelay(4)));
        try {
            // the first code of a run waits for the central's keys; the state names this senior (or says why not)
            cashier.waitForFunction("m => { const s = window.counterPage.state(); return s && ((s.preview && "
                    + "s.preview.senior.idNumberMasked === m) || (s.error && s.presented)); }", senior.idNumber().masked(),
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
        } catch (RuntimeException e) {
            throw new AssertionError("no preview of " + senior.idNumber().masked() + "; the state: "
                    + cashier.evaluate("JSON.stringify(window.counterPage.state())"), e);
        }
        assertThat(cashier.locator("#how")).hasText("手机二维码");
        assertThat(cashier.locator("#id-masked")).hasText(senior.idNumber().masked());
    }

    private static String displayText(Page display) {
        return display.locator("body").getAttribute("class") + "|" + display.locator("#headline").textContent() + "|"
                + display.locator("#detail").textContent();
    }

    /** Today's ledger entries of the canteen of the given type, through the central's finance API. */
    private List<JsonNode> entries(String type) throws IOException, InterruptedException {
        long canteenId = json.readTree(admin(HttpRequest.newBuilder(central().resolve("/api/register/canteens/" + CANTEEN)).GET()))
                .path("id").asLong();
        JsonNode rows = json.readTree(admin(HttpRequest.newBuilder(central().resolve("/api/settlement/canteens/" + canteenId
                + "/days/" + TestClock.current().today() + "/meals")).GET()));
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(r -> {
            if (type.equals(r.path("type").asText())) {
                list.add(r);
            }
        });
        return list;
    }

    /** A senior of the sample register aged 80+ that the other counter tests leave alone. */
    private static SampleSenior senior(int skip) {
        return SampleRegister.baodi().seniors(SampleProfile.ROUTE_AGE_80).stream()
                .filter(s -> !STORY_IDS.contains(s.idNumber().value())).skip(skip).findFirst().orElseThrow();
    }

    private long seniorId(SampleSenior senior) throws IOException, InterruptedException {
        JsonNode items = json.readTree(admin(HttpRequest.newBuilder(central().resolve("/api/register/seniors?q="
                + senior.idNumber().value())).GET())).path("items");
        assertEquals(1, items.size(), items::toString);
        return items.get(0).path("id").asLong();
    }

    private static String admin(HttpRequest.Builder request) throws IOException, InterruptedException {
        String password = config().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
        HttpResponse<String> r = HttpClient.newHttpClient().send(Central.asAdmin(request, password).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        return r.body();
    }

    private static URI central() {
        return URI.create(config().getValue("laorenjia.terminal.settlement-url", String.class));
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
