package cn.laorenjia.terminal.bench;

import cn.laorenjia.fixtures.sample.CardKind;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.fixtures.sample.StorySeniors;
import cn.laorenjia.fixtures.vpcd.VirtualCard;
import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.terminal.testing.CounterApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The benchmark's section "sale at the till" (issue 16): a real headless Debian chromium at 1024×600 on the cashier
 * page of the running terminal, the senior display open beside it, a shift open, and sales of entitled sample seniors
 * by each way a senior identifies: card, phone QR, printed QR and manual look-up. For each sale it counts the
 * cashier's keystrokes (keydown events the cashier page received, less the keys the wedge scanner typed) and the time
 * from the senior presenting (card on the reader, the scanner's first key, F2) until the page shows the sale paid (the
 * till's paid line added to the page: a MutationObserver stamps it with the page's clock, the same wall clock as
 * the harness's). The harness's cashier presses each key as soon as the screen shows what the key is for: the time is
 * what the till and the scanner take, plus typing the ID number at a stated pace; a real cashier's reaction time
 * comes on top. Then screenshots of the till, its reports and the senior display's states. Prints, asserts nothing.
 */
final class SaleAtTheTill {

    /** The ways a senior identifies, with the cashier's keys after the senior presents. */
    enum Way {
        CARD("card", "card on the reader -> preview -> Enter -> Enter (exact cash)"),
        PHONE_QR("phone QR", "phone code typed by the wedge scanner (4 ms a key, Enter) -> preview -> Enter -> Enter"),
        PRINTED_QR("printed QR", "printed code typed by the wedge scanner -> preview -> F6 (identity checked) -> Enter -> Enter"),
        MANUAL("manual look-up", "F2, the 18-character ID number, Enter -> preview -> F6 -> Enter -> Enter");

        final String label;
        final String keys;

        Way(String label, String keys) {
            this.label = label;
            this.keys = keys;
        }
    }

    /** One sale: milliseconds from presenting to the preview shown and to the sale shown paid. */
    private record Sale(long millis, long previewMillis, int cashierKeys, int scannerKeys, long typingMillis, boolean subsidised) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> STORY_IDS = Set.of(StorySeniors.ZHANG_SHUZHEN_ID, StorySeniors.LIU_DEMING_ID,
            StorySeniors.ZHAO_GUILAN_ID, StorySeniors.SUN_JIANGUO_ID, StorySeniors.LI_YULAN_ID, StorySeniors.CHEN_FUSHENG_ID,
            StorySeniors.YANG_SHULIN_ID, StorySeniors.GAO_FENGYING_ID, StorySeniors.WANG_CHANGSHUN_ID, StorySeniors.ZHOU_XIURONG_ID);
    /**
     * Counts the keydown events the page receives and stamps (page clock, ms) each paid line the till adds (js/till.js
     * showPaid puts a .till-paid element into #till-change): what the cashier sees when the sale is made.
     */
    private static final String PAGE_PROBES = """
            window.__keydowns = 0;
            window.__paid = 0;
            window.__paidAt = 0;
            window.addEventListener('keydown', function () { window.__keydowns++; }, true);
            new MutationObserver(function (mutations) {
              mutations.forEach(function (m) {
                m.addedNodes.forEach(function (n) {
                  if (n.nodeType === 1 && (n.classList.contains('till-paid') || n.querySelector('.till-paid'))) {
                    window.__paid++;
                    window.__paidAt = Date.now();
                  }
                });
              });
            }).observe(document, { childList: true, subtree: true });
            """;
    private static final double WAIT_MS = 30_000;

    private final String base;
    private final String central;
    private final String adminPassword;
    private final String token;
    private final int readerPort;
    private final int sales;
    private final int idKeyMillis;
    private final Path screens;
    private final Supplier<String> loadAverage;
    private final Random pause = new Random(16);

    SaleAtTheTill(String base, String central, String adminPassword, String token, int readerPort, int sales, int idKeyMillis,
                  Path screens, Supplier<String> loadAverage) {
        this.base = base;
        this.central = central;
        this.adminPassword = adminPassword;
        this.token = token;
        this.readerPort = readerPort;
        this.sales = sales;
        this.idKeyMillis = idKeyMillis;
        this.screens = screens;
        this.loadAverage = loadAverage;
    }

    void run() throws Exception {
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            System.out.printf("%nsale at the till: skipped, Debian's chromium is not installed (apt-get install -y chromium"
                    + " fonts-noto-cjk)%n");
            return;
        }
        Files.createDirectories(screens);
        // a new senior for every sale (one subsidised meal a day each): the card sales take UID card holders from the
        // front of the register, the other ways seniors from its end
        List<SampleSenior> entitled = entitled().toList();
        Iterator<SampleSenior> cardSeniors = entitled.stream().filter(s -> s.primaryCard().kind() == CardKind.UID).iterator();
        List<SampleSenior> fromTheEnd = new ArrayList<>(entitled);
        Collections.reverse(fromTheEnd);
        Iterator<SampleSenior> otherSeniors = fromTheEnd.iterator();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(chromium.get()).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run")));
             BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 600)
                     .setLocale("zh-CN"))) {
            Page display = context.newPage();
            display.navigate(base + "/display.html");
            Page cashier = context.newPage();
            cashier.addInitScript(PAGE_PROBES);
            cashier.navigate(base + "/index.html");
            cashier.bringToFront();
            cashier.locator("#sets .set[aria-pressed=true]").waitFor();
            cashier.waitForFunction("() => !document.getElementById('till-float-dialog').open"
                    + " && !document.getElementById('cashier-dialog').open && window.counterPage.state()", null, waitOptions());
            cashier.waitForTimeout(500); // the key wedge is installed once the page has read /api/terminal
            cashier.waitForResponse(r -> r.url().endsWith("/api/sale/clear"), () -> cashier.keyboard().press("Escape"));
            display.waitForFunction("() => document.body.className === 'WELCOME'", null, waitOptions());
            display.screenshot(new Page.ScreenshotOptions().setPath(screens.resolve("display-welcome.png")));

            Map<Way, List<Sale>> measured = new EnumMap<>(Way.class);
            for (int round = -1; round < sales; round++) { // round -1 warms the page, the terminal and the central up
                for (Way way : Way.values()) {
                    SampleSenior senior = (way == Way.CARD ? cardSeniors : otherSeniors).next();
                    Sale sale = sell(cashier, way, senior);
                    if (round >= 0) {
                        measured.computeIfAbsent(way, w -> new ArrayList<>()).add(sale);
                    }
                }
            }
            print(measured);
            tour(cashier, display, otherSeniors.next());
        }
    }

    // ---- one sale -----------------------------------------------------------------------------------------------

    private Sale sell(Page cashier, Way way, SampleSenior senior) throws Exception {
        String code = switch (way) {
            case PHONE_QR -> adminPost("/api/qr/seniors/" + seniorId(senior) + "/phone-code").path("token").asText();
            case PRINTED_QR -> adminPost("/api/qr/seniors/" + seniorId(senior) + "/printed-code").path("token").asText();
            default -> null;
        };
        int keysBefore = intOf(cashier, "window.__keydowns");
        int paidBefore = intOf(cashier, "window.__paid");
        int scannerKeys = 0;
        long typing = 0;
        long previewAt = 0;
        // the next senior comes at any moment (pcscd polls vpcd's reader every 400 ms: not always at the same point)
        Thread.sleep(pause.nextInt(800));
        VirtualCard card = null;
        long start = System.currentTimeMillis();
        try {
            switch (way) {
                case CARD -> {
                    card = VirtualCard.uid(senior.primaryCard().identifier()).insert(readerPort);
                    previewAt = awaitPreview(cashier, senior, false);
                }
                case PHONE_QR, PRINTED_QR -> {
                    cashier.keyboard().type(code + "\n", new Keyboard.TypeOptions().setDelay(4));
                    typing = System.currentTimeMillis() - start;
                    scannerKeys = code.length() + 1;
                    previewAt = awaitPreview(cashier, senior, way == Way.PRINTED_QR);
                }
                case MANUAL -> {
                    cashier.keyboard().press("F2");
                    cashier.waitForFunction("() => document.activeElement && document.activeElement.id === 'lookup-id'", null,
                            waitOptions());
                    long typingStart = System.currentTimeMillis();
                    cashier.keyboard().type(senior.idNumber().value(), new Keyboard.TypeOptions().setDelay(idKeyMillis));
                    // a person sees the whole number in the field before Enter (the key wedge hands a person's key
                    // over a moment after it was pressed)
                    cashier.waitForFunction("n => document.getElementById('lookup-id').value.length === n",
                            senior.idNumber().value().length(), waitOptions());
                    typing = System.currentTimeMillis() - typingStart;
                    cashier.keyboard().press("Enter");
                    previewAt = awaitPreview(cashier, senior, true);
                }
            }
            if (way == Way.PRINTED_QR || way == Way.MANUAL) {
                cashier.keyboard().press("F6");
                cashier.waitForFunction("() => document.getElementById('identity-checked').checked", null, waitOptions());
            }
            boolean subsidised = (Boolean) cashier.evaluate("window.counterPage.state().preview.subsidised");
            cashier.keyboard().press("Enter");
            cashier.waitForFunction("() => document.getElementById('till-tender-dialog').open", null, waitOptions());
            cashier.keyboard().press("Enter"); // exact cash
            long paidAt = ((Number) cashier.waitForFunction("before => window.__paid > before && window.__paidAt", paidBefore,
                    waitOptions()).jsonValue()).longValue();
            int keys = intOf(cashier, "window.__keydowns") - keysBefore - scannerKeys;
            return new Sale(paidAt - start, previewAt - start, keys, scannerKeys, typing, subsidised);
        } catch (RuntimeException e) {
            throw new IllegalStateException(way.label + " sale of " + senior.idNumber().masked() + " did not complete; the page: "
                    + cashier.evaluate("JSON.stringify({ state: window.counterPage.state(), banner: document.getElementById('banner').textContent })"), e);
        } finally {
            if (card != null) {
                card.close();
                awaitNoCard();
            }
        }
    }

    /** The cashier's panel shows this senior's decision (and, for a printed code or a look-up, the check box). */
    /** Answers when (page clock, ms) it was seen. */
    private static long awaitPreview(Page cashier, SampleSenior senior, boolean checkAsked) {
        return ((Number) cashier.waitForFunction("a => { const s = window.counterPage.state(); return s && s.preview && s.preview.senior"
                + " && s.preview.senior.idNumberMasked === a.masked && (!a.check || !document.getElementById('check-row').hidden)"
                + " && Date.now(); }", Map.of("masked", senior.idNumber().masked(), "check", checkAsked), waitOptions())
                .jsonValue()).longValue();
    }

    private void print(Map<Way, List<Sale>> measured) {
        System.out.printf("%nsale at the till (headless Debian chromium at 1024x600 on the cashier page, the senior display open beside it,"
                + " a shift open; %d sales per way after one warm-up sale each, the ways in turn, a new entitled sample senior each;"
                + " the harness presses each key as soon as the screen shows what it is for, so a person's reaction time comes on top;"
                + " time: the senior presents (card on the reader / the scanner's first key / F2) -> the page shows the sale paid):%n",
                sales);
        for (Way way : Way.values()) {
            List<Sale> list = measured.getOrDefault(way, List.of());
            if (list.isEmpty()) {
                continue;
            }
            long[] millis = list.stream().mapToLong(Sale::millis).toArray();
            long[] keys = list.stream().mapToLong(Sale::cashierKeys).toArray();
            long subsidised = list.stream().filter(Sale::subsidised).count();
            long typed = median(list.stream().mapToLong(Sale::typingMillis).toArray());
            String typing = switch (way) {
                case MANUAL -> String.format(" (of which typing the ID number at %d ms a key: median %.2f s)", idKeyMillis, typed / 1e3);
                case PHONE_QR, PRINTED_QR -> String.format(" (of which the scanner typing: median %.2f s)", typed / 1e3);
                default -> "";
            };
            System.out.printf("  %-15s median %5.2f s, p95 %5.2f s%s; cashier's keystrokes median %d, p95 %d (%d/%d subsidised)%n",
                    way.label, median(millis) / 1e3, p95(millis) / 1e3, typing, median(keys), p95(keys), subsidised, list.size());
            System.out.printf("  %-15s   presenting -> preview shown: median %.2f s, p95 %.2f s; each sale in order: %s s%n", "",
                    median(list.stream().mapToLong(Sale::previewMillis).toArray()) / 1e3,
                    p95(list.stream().mapToLong(Sale::previewMillis).toArray()) / 1e3,
                    String.join(" ", list.stream().map(x -> String.format("%.2f", x.millis() / 1e3)).toList()));
            long[] scanned = list.stream().mapToLong(Sale::scannerKeys).toArray();
            System.out.printf("  %-15s   %s%s%n", "", way.keys, median(scanned) == 0 ? ""
                    : String.format("; the scanner typed %d-%d keys a code", Arrays.stream(scanned).min().getAsLong(),
                        Arrays.stream(scanned).max().getAsLong()));
        }
        System.out.printf("  load average now %s%n", loadAverage.get());
    }

    // ---- screenshots ----------------------------------------------------------------------------------------------

    /** The till and the senior display in each state, into {@link #screens}. */
    private void tour(Page cashier, Page display, SampleSenior senior) throws Exception {
        nextSenior(cashier);
        // a subsidised senior's phone code: the preview on both screens
        String code = adminPost("/api/qr/seniors/" + seniorId(senior) + "/phone-code").path("token").asText();
        cashier.keyboard().type(code + "\n", new Keyboard.TypeOptions().setDelay(4));
        awaitPreview(cashier, senior, false);
        shoot(cashier, "till-preview.png");
        display.waitForFunction("() => document.body.className === 'PREVIEW'", null, waitOptions());
        shoot(display, "display-subsidised.png");
        // the tender step with money handed over and the change worked out
        long due = ((Number) cashier.evaluate("window.counterPage.state().preview.amountToPayFen")).longValue();
        long tendered = (due / 1000 + 1) * 1000; // the next ten yuan note above the amount due
        cashier.keyboard().press("Enter");
        cashier.waitForFunction("() => document.getElementById('till-tender-dialog').open", null, waitOptions());
        cashier.keyboard().type(Long.toString(tendered / 100));
        cashier.waitForFunction("() => document.getElementById('till-live-change').textContent.indexOf('找零') >= 0", null,
                waitOptions());
        shoot(cashier, "till-tender-change.png");
        cashier.keyboard().press("Enter");
        cashier.waitForFunction("() => { const c = document.getElementById('till-change-amount'); return c && !c.hidden; }", null,
                waitOptions());
        shoot(cashier, "till-paid-change.png");
        display.waitForFunction("() => document.body.className === 'PAID'", null, waitOptions());
        shoot(display, "display-paid.png");
        // a mistake: the sale voided (F4, the sale chosen, reason 1, confirmed), as the e2e tests' VoidSteps press it
        cashier.keyboard().press("F4");
        cashier.locator("#void-list [aria-selected=true]").waitFor();
        cashier.keyboard().press("Enter");
        cashier.locator("#void-why").waitFor();
        cashier.keyboard().press("1");
        cashier.waitForFunction("() => { const r = document.querySelector('input[name=void-reason]:checked'); return r && r.value === '收错套餐'; }",
                null, waitOptions());
        cashier.keyboard().press("Enter");
        cashier.locator("#void-confirm").waitFor();
        cashier.keyboard().press("Enter");
        cashier.waitForFunction("() => !document.getElementById('void-dialog').open"
                + " && document.getElementById('banner').textContent.indexOf('请退还') >= 0", null, waitOptions());
        shoot(cashier, "till-voided.png");
        display.waitForFunction("() => document.body.className === 'VOIDED'", null, waitOptions());
        shoot(display, "display-voided.png");
        // a senior who is not entitled: full price, on the display without the reason
        nextSenior(cashier);
        SampleSenior refused = SampleRegister.baodi().seniors(SampleProfile.UNDER_AGE).get(0);
        String refusedCode = adminPost("/api/qr/seniors/" + seniorId(refused) + "/phone-code").path("token").asText();
        cashier.keyboard().type(refusedCode + "\n", new Keyboard.TypeOptions().setDelay(4));
        awaitPreview(cashier, refused, false);
        shoot(cashier, "till-preview-full-price.png");
        display.waitForFunction("() => document.body.className === 'FULL_PRICE'", null, waitOptions());
        shoot(display, "display-full-price.png");
        nextSenior(cashier);
        // the X report (F8), then the close (F5) with the cash the drawer should hold, and the Z report
        cashier.keyboard().press("F8");
        cashier.waitForFunction("() => document.getElementById('report-dialog').open"
                + " && document.querySelector('#report-body table')", null, waitOptions());
        cashier.waitForTimeout(300); // today's central figures arrive after the till's
        shoot(cashier, "till-x-report.png");
        cashier.keyboard().press("Escape");
        cashier.waitForFunction("() => !document.getElementById('report-dialog').open", null, waitOptions());
        JsonNode x = counterGet("/api/till/x");
        long expectedCash = x.path("shift").path("soFar").path("expectedCashFen").asLong(x.findPath("expectedCashFen").asLong());
        cashier.keyboard().press("F5");
        cashier.waitForFunction("() => document.getElementById('till-close-dialog').open", null, waitOptions());
        cashier.keyboard().type(yuan(expectedCash) + "\n");
        cashier.waitForFunction("() => document.getElementById('till-z-dialog').open", null, waitOptions());
        shoot(cashier, "till-z-report.png");
        System.out.printf("  screenshots (the till with a preview, the tender step with change, paid, voided, a full-price preview, the X"
                + " report, the Z report after closing with %s yuan counted; the senior display welcome, subsidised, full price,"
                + " paid, voided): %s%n", yuan(expectedCash), screens.toAbsolutePath());
    }

    private void shoot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(screens.resolve(name)));
    }

    private static void nextSenior(Page cashier) {
        cashier.waitForResponse(r -> r.url().endsWith("/api/sale/clear"), () -> cashier.keyboard().press("Escape"));
        cashier.waitForFunction("() => { const s = window.counterPage.state(); return !s.preview && !s.presented; }", null,
                waitOptions());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** Entitled sample seniors (a route applies, enrolled), never the story seniors other tests tell about. */
    private static java.util.stream.Stream<SampleSenior> entitled() {
        return SampleRegister.baodi().seniors().stream()
                .filter(s -> s.profile().expectedEligible())
                .filter(s -> !STORY_IDS.contains(s.idNumber().value()));
    }

    private long seniorId(SampleSenior senior) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(Central.asAdmin(URI.create(central + "/api/register/seniors?q=" + senior.idNumber().value()),
                adminPassword).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode items = JSON.readTree(r.body()).path("items");
        if (r.statusCode() != 200 || items.size() != 1) {
            throw new IllegalStateException("the central's register answered " + r.statusCode() + " " + r.body());
        }
        return items.get(0).path("id").asLong();
    }

    private JsonNode adminPost(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(Central.asAdmin(URI.create(central + path), adminPassword)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private JsonNode counterGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(CounterApi.request(URI.create(base + path), token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private void awaitNoCard() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (counterGet("/api/card-reader").path("cardPresent").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the reader still sees a card 10 s after it was taken off");
            }
            Thread.sleep(10);
        }
    }

    private static int intOf(Page page, String expression) {
        return ((Number) page.evaluate(expression)).intValue();
    }

    private static Page.WaitForFunctionOptions waitOptions() {
        return new Page.WaitForFunctionOptions().setTimeout(WAIT_MS);
    }

    private static String yuan(long fen) {
        return fen / 100 + "." + String.format("%02d", fen % 100);
    }

    private static Optional<Path> chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Nearest-rank percentiles, as the rest of the benchmark prints them. */
    private static long median(long[] values) {
        return percentile(values, 50);
    }

    private static long p95(long[] values) {
        return percentile(values, 95);
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
