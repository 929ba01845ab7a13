package cn.laorenjia.terminal.e2e;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.fixtures.sample.CardKind;
import cn.laorenjia.fixtures.sample.SampleCard;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.terminal.identify.SeniorPresented;
import cn.laorenjia.terminal.sale.CounterState;
import cn.laorenjia.terminal.sale.SaleFlow;
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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set follows the clock and the customer, and a scan can never select a set or land in a field (issue 16, item 4),
 * in a real headless Chromium at 1024×600 against a real settlement service on real PostgreSQL:
 * (a) a scan split by a loaded PC into pieces 50–800 ms apart, anywhere (inside "LRJ:" too), is one scan and never a
 * set shortcut nor typed into the F2 field; an unfinished one is dropped with a hint; a lone digit still picks a set;
 * (b) an ID-card reader typing 18 characters and Enter into the F2 dialog fills the field and looks the senior up;
 * (c) a queue of 20 seniors at lunch: a set picked for one senior is theirs only, the next gets lunch's standard set
 * again, Esc resets, a reload brings no picked set back, and the idle screen follows the meal windows;
 * (d) the event stream survives a burst of 200 state changes with a stalled subscriber.
 */
@QuarkusTest
@WithTestResource(SettlementProcess.class)
class SetFollowsTheCustomerBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "e2e");
    private static final String CANTEEN = "BD-HB-01";
    /** 赵桂兰 (StorySeniors.ZHAO_GUILAN_ID): only looked up here, never sold to. */
    private static final String ZHAO_GUILAN_ID = StorySeniors.ZHAO_GUILAN_ID;
    private static final Set<String> STORY_IDS = Set.of(StorySeniors.ZHANG_SHUZHEN_ID, StorySeniors.LIU_DEMING_ID,
            StorySeniors.ZHAO_GUILAN_ID, StorySeniors.SUN_JIANGUO_ID, StorySeniors.LI_YULAN_ID, StorySeniors.CHEN_FUSHENG_ID,
            StorySeniors.YANG_SHULIN_ID, StorySeniors.GAO_FENGYING_ID, StorySeniors.WANG_CHANGSHUN_ID, StorySeniors.ZHOU_XIURONG_ID);
    /** The lunch queue takes seniors from here on in the register's 80+ list, far from those other tests sell to. */
    private static final int QUEUE_FROM = 1_200;

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @TestHTTPResource("/")
    URL terminal;

    @Inject
    SaleFlow flow;

    @Inject
    Event<SeniorPresented> presented;

    private final ObjectMapper json = new ObjectMapper();
    private BrowserContext context;

    @BeforeEach
    void signedInAndReady() throws Exception {
        // without the settlement service's jar the class is skipped, as the other browser tests are (failed in CI)
        ConfigProvider.getConfig().getOptionalValue(SettlementProcess.UNAVAILABLE, String.class).ifPresent(why -> {
            if ("1".equals(System.getenv("LAORENJIA_REQUIRE_BROWSER"))) {
                org.junit.jupiter.api.Assertions.fail("End-to-end test required (LAORENJIA_REQUIRE_BROWSER=1) but " + why);
            }
            org.junit.jupiter.api.Assumptions.abort("Skipping the end-to-end test: " + why);
        });
        Files.createDirectories(ARTIFACTS);
        TestCashier.signInAt(URI.create(terminal.toString()), central(),
                ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class), CANTEEN);
        flow.refreshMenu();
        flow.clear();
    }

    @AfterEach
    void closePages() {
        if (context != null) {
            context.close();
            context = null;
        }
        flow.clear();
    }

    private Page counterPage(List<String> sent) {
        context = chromium.counterScreen();
        Page cashier = context.newPage();
        cashier.onRequest(r -> sent.add(r.method() + " " + URI.create(r.url()).getPath()));
        cashier.navigate(terminal + "index.html");
        assertThat(cashier.locator("#cashier-dialog")).isHidden();
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).isVisible();
        return cashier;
    }

    @Test
    void aSplitScanNeverSelectsASetNorLandsInAField() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        Page cashier = counterPage(sent);
        String chosen = selected(cashier);
        Random random = new Random(16);
        // codes as the central signs them: "LRJ:" then base45 text, digits 1–9 among it (a shortcut if they leaked)
        for (int round = 0; round < 3; round++) {
            String code = "LRJ:" + base45(random, 70);
            List<String> pieces = split(random, code + "\n", round == 0 ? new int[] {1, 3} : new int[] {2});
            Request scan = cashier.waitForRequest("**/api/scan", new Page.WaitForRequestOptions().setTimeout(15_000),
                    () -> typeInPieces(cashier, random, pieces));
            assertEquals(code, json.readTree(scan.postData()).path("text").asText(), () -> "pieces " + pieces);
        }
        cashier.waitForTimeout(300);
        assertEquals(List.of(), selects(sent), "no digit of a scan became a set shortcut");
        assertEquals(chosen, selected(cashier));

        // the same with the F2 dialog open: nothing of the scan lands in the ID-number field
        cashier.keyboard().press("F2");
        Locator id = cashier.locator("#lookup-id");
        assertThat(id).isFocused();
        String code = "LRJ:" + base45(random, 70);
        List<String> pieces = split(random, code + "\n", new int[] {1});
        Request scan = cashier.waitForRequest("**/api/scan", new Page.WaitForRequestOptions().setTimeout(15_000),
                () -> typeInPieces(cashier, random, pieces));
        assertEquals(code, json.readTree(scan.postData()).path("text").asText());
        assertThat(id).hasValue("");
        cashier.keyboard().press("Escape");
        assertThat(cashier.locator("#lookup-dialog")).isHidden();

        // a scan that stops short (its last piece and Enter never came): dropped whole, with a hint; the Enter that
        // follows late confirms nothing
        int scansBefore = scans(sent).size();
        cashier.keyboard().type("LRJ:6NC", new Keyboard.TypeOptions().setDelay(4));
        cashier.waitForTimeout(400);
        cashier.keyboard().type("9F3", new Keyboard.TypeOptions().setDelay(4));
        assertThat(cashier.locator("#banner")).hasText("扫码不完整，请重新扫码");
        cashier.keyboard().press("Enter");
        cashier.waitForTimeout(300);
        // the late Enter belongs to the dropped scan: not even the walk-in sale is offered
        assertThat(cashier.locator("#till-tender-dialog")).isHidden();
        assertEquals(scansBefore, scans(sent).size());
        assertEquals(List.of(), selects(sent));
        assertTrue(sent.stream().noneMatch(r -> r.endsWith("/api/sale/confirm")), sent::toString);
        assertEquals(chosen, selected(cashier));
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("scan-incomplete.png")));

        // the cashier's own lone digit still picks a set at once
        String third = (String) cashier.evaluate("window.counterPage.state().menu.sets[2].code");
        cashier.waitForResponse("**/api/sale/select", () -> cashier.keyboard().press("3"));
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", third);
        assertEquals(1, selects(sent).size());
    }

    @Test
    void anIdCardReaderTypesIntoTheLookUpAndItIsSubmitted() {
        List<String> sent = new CopyOnWriteArrayList<>();
        Page cashier = counterPage(sent);
        cashier.keyboard().press("F2");
        assertThat(cashier.locator("#lookup-id")).isFocused();
        // the reader types the 18 characters as fast as a scanner, then Enter
        Request lookUp = cashier.waitForRequest("**/api/sale/lookup",
                () -> cashier.keyboard().type(ZHAO_GUILAN_ID + "\n", new Keyboard.TypeOptions().setDelay(3)));
        assertEquals(ZHAO_GUILAN_ID, readTree(lookUp.postData()).path("idNumber").asText());
        assertThat(cashier.locator("#name")).hasText("赵*兰");
        assertThat(cashier.locator("#how")).hasText("手工查询");
        assertTrue(scans(sent).isEmpty(), sent::toString);
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("id-card-reader-lookup.png")));
        cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));

        // split by a loaded PC: a first digit alone, the rest after a pause; and a number ending in X, typed lower case
        cashier.keyboard().press("F2");
        assertThat(cashier.locator("#lookup-id")).hasValue("");
        lookUp = cashier.waitForRequest("**/api/sale/lookup", () -> {
            cashier.keyboard().type(ZHAO_GUILAN_ID.substring(0, 1));
            cashier.waitForTimeout(400);
            cashier.keyboard().type(ZHAO_GUILAN_ID.substring(1, 9), new Keyboard.TypeOptions().setDelay(3));
            cashier.waitForTimeout(600);
            cashier.keyboard().type(ZHAO_GUILAN_ID.substring(9) + "\n", new Keyboard.TypeOptions().setDelay(3));
        });
        assertEquals(ZHAO_GUILAN_ID, readTree(lookUp.postData()).path("idNumber").asText());
        assertThat(cashier.locator("#name")).hasText("赵*兰");
        assertTrue(scans(sent).isEmpty(), sent::toString);
        assertTrue(selects(sent).isEmpty(), sent::toString);
    }

    @Test
    void aLunchQueueOfTwentyEachGetLunchsStandardSetUnlessTheirCashierPicksAnother() {
        List<String> sent = new CopyOnWriteArrayList<>();
        Page cashier = counterPage(sent);
        assertEquals(11, TestClock.current().instant().atZone(ChinaCalendar.ZONE).getHour()); // Monday 11:30 in Beijing
        String standard = (String) cashier.evaluate("window.counterPage.state().menu.sets.filter(s => s.slot === 'LUNCH' && s.qualifies)"
                + ".sort((a, b) => a.priceFen - b.priceFen)[0].code");
        int dearerKey = ((Number) cashier.evaluate("window.counterPage.state().menu.sets.findIndex(s => s.slot === 'LUNCH' && s.qualifies"
                + " && s.priceFen > window.counterPage.state().menu.standardPriceFen) + 1")).intValue();
        assertTrue(dearerKey >= 1 && dearerKey <= 9, "the sample menu has a dearer lunch set （午餐优选）");
        String dearer = (String) cashier.evaluate("window.counterPage.state().menu.sets[" + (dearerKey - 1) + "].code");
        assertEquals(standard, selected(cashier));

        // the idle screen follows the meal windows: at breakfast time breakfast's standard set, back at lunch lunch's
        TestClock.current().set(ZonedDateTime.of(TestClock.current().today(), java.time.LocalTime.of(8, 0), ChinaCalendar.ZONE).toInstant());
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", java.util.regex.Pattern.compile("B.*"),
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        TestClock.current().reset();
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", standard,
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(10_000));

        Iterator<SampleSenior> queue = SampleRegister.baodi().seniors(SampleProfile.ROUTE_AGE_80).stream()
                .filter(s -> !STORY_IDS.contains(s.idNumber().value())).skip(QUEUE_FROM).iterator();
        int served = 0;
        int refused = 0;
        int picks = 0;
        List<String> refusals = new ArrayList<>();
        List<String> setsSold = new ArrayList<>();
        while (served < 20) {
            assertTrue(queue.hasNext(), "not enough seniors");
            SampleSenior senior = queue.next();
            boolean pickBefore = served == 4;
            boolean pickAfter = served == 11;
            if (pickBefore) { // the senior asks for the dearer set before tapping
                picks++;
                cashier.waitForResponse("**/api/sale/select", () -> cashier.keyboard().press(String.valueOf(dearerKey)));
                assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", dearer);
            } else {
                // a new customer is offered lunch's standard set, whatever the one before took
                assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", standard);
            }
            tap(senior.primaryCard());
            cashier.waitForFunction("() => { const s = window.counterPage.state(); return s.presented && (s.preview || s.error); }");
            if (!Boolean.TRUE.equals(cashier.evaluate("!!(window.counterPage.state().preview && window.counterPage.state().preview.subsidised)"))) {
                // not entitled today (or not found): the cashier takes the full price and serves the next
                refusals.add(String.valueOf(cashier.evaluate("JSON.stringify(window.counterPage.state().error || window.counterPage.state().preview.refusalMessage)")));
                refused++;
                assertTrue(refused < 10, () -> "too many seniors of the sample register refused: " + refusals);
                cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));
                continue;
            }
            assertThat(cashier.locator("#name")).hasText(cn.laorenjia.core.senior.PersonName.masked(senior.name()));
            if (pickAfter) { // the senior changes their mind after the tap
                picks++;
                cashier.waitForResponse("**/api/sale/select", () -> cashier.keyboard().press(String.valueOf(dearerKey)));
            }
            String expected = pickBefore || pickAfter ? dearer : standard;
            assertThat(cashier.locator("#set-name")).hasText(setName(cashier, expected));
            TillSteps.payExactCash(cashier);
            assertThat(cashier.locator("#banner")).containsText("已确认");
            assertThat(cashier.locator("#last")).containsText(cn.laorenjia.core.senior.PersonName.masked(senior.name()));
            setsSold.add((String) cashier.evaluate("window.counterPage.state().lastSale.mealSet.code"));
            served++;
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i == 4 || i == 11 ? dearer : standard);
        }
        assertEquals(expected, setsSold);
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", standard);

        // picked, then Esc: the next customer gets the standard set again
        cashier.waitForResponse("**/api/sale/select", () -> cashier.keyboard().press(String.valueOf(dearerKey)));
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", dearer);
        cashier.waitForResponse("**/api/sale/clear", () -> cashier.keyboard().press("Escape"));
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", standard);
        // and a reload brings no picked set back (the page keeps nothing of its own)
        cashier.reload();
        assertThat(cashier.locator("#sets .set[aria-pressed=true]")).hasAttribute("data-code", standard);
        assertEquals(0, ((Number) cashier.evaluate("window.localStorage.length + window.sessionStorage.length")).intValue());
        cashier.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("lunch-queue-default-set.png")));
        assertEquals(picks + 1, selects(sent).size(), sent::toString); // the cashier's picks only, nothing else
    }

    @Test
    void theEventStreamSurvivesABurstOfChangesWithAStalledSubscriber() throws Exception {
        // a subscriber that took the first state and then stalls (a page frozen, a slow connection)
        AssertSubscriber<CounterState> stalled = flow.changes().subscribe().withSubscriber(AssertSubscriber.create(1));
        stalled.awaitItems(1);
        // and a real page's event stream over HTTP that is not read during the burst
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create(terminal.toString());
        HttpResponse<InputStream> events = http.send(CounterApi.request(base.resolve("/api/sale/events"),
                CounterApi.token(http, base)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, events.statusCode());

        for (int i = 0; i < 200; i++) {
            flow.clear();
        }
        long last = flow.state().seq();

        assertNull(stalled.getFailure(), () -> "the stream failed: " + stalled.getFailure());
        stalled.request(1);
        stalled.awaitItems(2, Duration.ofSeconds(5));
        assertEquals(last, stalled.getItems().get(1).seq(), "the stalled subscriber gets the latest state");
        assertNull(stalled.getFailure());
        stalled.cancel();

        // the page's stream carries on to the latest state, and on to the next change
        flow.clear();
        long next = flow.state().seq();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long seen = -1;
            String line;
            while (seen < next && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    seen = json.readTree(line.substring(5)).path("seq").asLong();
                }
            }
            assertEquals(next, seen, "the page's event stream reached the latest state");
        }
        assertTrue(next > last);
    }

    private void tap(SampleCard card) {
        presented.fire(new SeniorPresented(card.kind() == CardKind.UID ? SeniorPresented.Kind.CARD_UID
                : SeniorPresented.Kind.SOCIAL_SECURITY_CARD, card.identifier(), TestClock.current().instant()));
    }

    private static String setName(Page cashier, String code) {
        return (String) cashier.evaluate("window.counterPage.state().menu.sets.find(s => s.code === '" + code + "').name");
    }

    private static String selected(Page cashier) {
        return cashier.locator("#sets .set[aria-pressed=true]").getAttribute("data-code");
    }

    /** Types the pieces a few milliseconds a key, pausing 50–800 ms between them, as a loaded PC delivers them. */
    private static void typeInPieces(Page cashier, Random random, List<String> pieces) {
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) {
                cashier.waitForTimeout(50 + random.nextInt(751));
            }
            cashier.keyboard().type(pieces.get(i), new Keyboard.TypeOptions().setDelay(4));
        }
    }

    /** Splits {@code text} at the given positions and at a few random ones. */
    private static List<String> split(Random random, String text, int[] at) {
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        for (int a : at) {
            cuts.add(a);
        }
        for (int i = 0; i < 4; i++) {
            cuts.add(1 + random.nextInt(text.length() - 1));
        }
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(text.substring(from, cut));
            from = cut;
        }
        pieces.add(text.substring(from));
        return pieces;
    }

    private static String base45(Random random, int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        s.setCharAt(length / 2, '7'); // at least one set digit inside
        return s.toString();
    }

    private static List<String> selects(List<String> sent) {
        return sent.stream().filter(r -> r.endsWith("/api/sale/select")).toList();
    }

    private static List<String> scans(List<String> sent) {
        return sent.stream().filter(r -> r.endsWith("/api/scan")).toList();
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static URI central() {
        return URI.create(ConfigProvider.getConfig().getValue("laorenjia.terminal.settlement-url", String.class));
    }
}
