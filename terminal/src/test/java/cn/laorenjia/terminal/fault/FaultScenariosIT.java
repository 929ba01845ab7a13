package cn.laorenjia.terminal.fault;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.fixtures.sample.CardKind;
import cn.laorenjia.fixtures.sample.SampleCanteen;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.terminal.app.TestTerminalConfig;
import cn.laorenjia.terminal.identify.SeniorPresented;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.terminal.offline.TestOfflineConfig;
import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.terminal.testing.SwitchableProxy;
import cn.laorenjia.terminal.receipt.ReceiptStore;
import cn.laorenjia.terminal.sale.CounterState;
import cn.laorenjia.terminal.sale.SaleFlow;
import cn.laorenjia.terminal.settlement.SettlementClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 7's fault scenarios against the real settlement service (its jar, as a process) on a real PostgreSQL
 * server, with counters that use the terminal's own journal, client, sale flow and offline copy:
 * (a) the service killed with SIGKILL during authorisations from 4 counters that retry; (b) the database
 * restarted mid-load; (c) the terminal process itself killed mid-sale and restarted; (d) the network cut for a
 * lunch of sales, then restored. After each, the ledger must equal the counters' journals: nothing lost, nothing
 * twice. Also measured: the time to resync a queue of offline sales.
 *
 * <p>The short form runs in {@code mvn verify}; the full form (10,000 authorisations, 500-sale lunch, 10,000
 * queued sales) runs with {@code bash terminal/bench/fault-scenarios.sh}. Figures are printed, never asserted.
 *
 * <p>A Quarkus test because the counters' client to the central is the Quarkus REST client, which runs only inside
 * a Quarkus application (the terminal itself starts beside the scenarios, unconfigured and idle).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosIT {

    private static final boolean FULL = Boolean.getBoolean("laorenjia.fault.full");
    private static final int AUTHORISATIONS = Integer.getInteger("laorenjia.fault.authorisations", FULL ? 10_000 : 400);
    private static final int LUNCH = Integer.getInteger("laorenjia.fault.lunch", FULL ? 500 : 200);
    private static final int RESYNC = Integer.getInteger("laorenjia.fault.resync", FULL ? 10_000 : 1_000);
    private static final Duration GIVE_UP = Duration.ofMinutes(4);

    private static Central central;
    private static Path work;
    private static final ObjectMapper json = new ObjectMapper();
    /** Eligible sample seniors' UID cards, in a fixed shuffled order, split between the scenarios. */
    private static List<String> cards;
    /** Weekdays before today in the last four weeks, newest first. */
    private static List<LocalDate> pastWeekdays;
    private static final Map<String, String> figures = new HashMap<>();

    @BeforeAll
    static void startCentral() throws Exception {
        Path jar = Path.of(System.getProperty("laorenjia.settlement.jar", "../settlement/target/quarkus-app/quarkus-run.jar"));
        assumeTrue(Files.isRegularFile(jar), "the settlement jar is not built: " + jar);
        work = Files.createTempDirectory("laorenjia-fault");
        // the sale-time window widened to 30 days so that 10,000 authorisations fit the 2,000 sample seniors' quota
        // of one meal a day: the scenarios spread their sales over the weekdays of the last weeks
        central = new Central(jar, Path.of("target", "fault", "settlement.log"),
                Map.of("LAORENJIA_LEDGER_MAX_CLOCK_SKEW", "P30D", "LAORENJIA_OFFLINE_MAX_AGE", "P30D"));
        central.start();
        cards = new ArrayList<>();
        for (SampleSenior s : SampleRegister.baodi().seniors()) {
            if (s.profile().expectedEligible() && s.primaryCard().kind() == CardKind.UID) {
                cards.add(s.primaryCard().identifier());
            }
        }
        Collections.shuffle(cards, new Random(7));
        LocalDate today = ChinaCalendar.mealDate(Instant.now());
        pastWeekdays = new ArrayList<>();
        for (LocalDate d = today.minusDays(1); d.isAfter(today.minusDays(28)); d = d.minusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                pastWeekdays.add(d);
            }
        }
    }

    @AfterAll
    static void stopCentral() throws IOException {
        List<String> lines = new ArrayList<>();
        figures.forEach((k, v) -> lines.add("FAULT " + k + ": " + v));
        Collections.sort(lines);
        lines.forEach(System.out::println);
        Files.createDirectories(Path.of("target", "fault"));
        Files.write(Path.of("target", "fault", "figures.txt"), lines, StandardCharsets.UTF_8);
        if (central != null) {
            central.close();
        }
        if (work != null) {
            // the counters' journals and copies: kept only while the scenarios run
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void a_serviceKilledDuringAuthorisationsFromFourCounters() throws Exception {
        Result r = loadWithFault("a", 0, () -> {
            central.killService();
            Thread.sleep(1500);
            central.startService();
        });
        figures.put("a (kill -9 settlement)", r.toString());
    }

    @Test
    @Order(2)
    void b_databaseRestartedMidLoad() throws Exception {
        Result r = loadWithFault("b", 1, central::restartDatabase);
        figures.put("b (PostgreSQL restarted)", r.toString());
    }

    @Test
    @Order(3)
    void c_terminalKilledMidSaleAndRestarted() throws Exception {
        Path terminalJar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assumeTrue(Files.isRegularFile(terminalJar), "the terminal jar is not built: " + terminalJar.toAbsolutePath());
        SampleCanteen canteen = SampleRegister.baodi().canteens().get(5);
        String code = canteen.terminals().get(0).code();
        String secret = central.rotateSecret(code);
        Path data = work.resolve("c-terminal");
        List<SampleSenior> today = todaysSeniors(2, LUNCH + 10);
        try (SwitchableProxy network = new SwitchableProxy(central.uri())) {
            TerminalProcess terminal = new TerminalProcess(terminalJar, code, secret, network.uri(), data);
            terminal.start();
            // mid-sale: the cashier confirmed, the request is on a slow link when the machine dies
            terminal.post("/api/sale/lookup", Map.of("idNumber", today.get(0).idNumber().value(), "reason", "CARD_FORGOTTEN"));
            network.delay(3000);
            Thread confirm = new Thread(() -> terminal.postQuietly("/api/sale/confirm", Map.of("identityChecked", true)));
            confirm.start();
            Path journal = data.resolve("journal");
            waitFor(() -> !JournalFile.outcomes(journal).isEmpty(), Duration.ofSeconds(20), "the sale to be journalled");
            terminal.kill();
            Map<UUID, String> atKill = JournalFile.outcomes(journal);
            UUID sale = atKill.keySet().iterator().next();
            assertEquals(null, atKill.get(sale), "killed before the answer");

            // before the next confirmation: killed with a senior identified, nothing confirmed
            network.delay(0);
            terminal.start();
            terminal.post("/api/sale/lookup", Map.of("idNumber", today.get(1).idNumber().value(), "reason", "CARD_FORGOTTEN"));
            terminal.kill();
            terminal.start();
            Instant restarted = Instant.now();
            waitFor(() -> JournalFile.outcomes(journal).get(sale) != null, Duration.ofSeconds(90), "the orphan sale to be synced");
            Duration resolved = Duration.between(restarted, Instant.now());
            terminal.stop();

            Map<UUID, String> after = JournalFile.outcomes(journal);
            assertEquals(1, after.size(), "only the confirmed sale is in the journal: " + after);
            assertEquals("SUBSIDISED", after.get(sale));
            assertEquals(1, ledgerCount("entry_id = ?", sale), "complete everywhere: recorded once");
            assertEquals(0, ledgerCount("senior_id = (select id from senior where id_number = ?) and meal_date = ?",
                    today.get(1).idNumber().value(), ChinaCalendar.mealDate(Instant.now())), "the unconfirmed one nowhere");
            figures.put("c (terminal killed mid-sale)", "1 sale in flight: recorded once after restart (resolved "
                    + resolved.toMillis() + " ms after the restart); 1 unconfirmed sale: nowhere");
        }
    }

    @Test
    @Order(4)
    void d_networkCutForALunchThenRestored() throws Exception {
        SampleCanteen canteen = SampleRegister.baodi().canteens().get(6);
        String code = canteen.terminals().get(0).code();
        String secret = central.rotateSecret(code);
        List<SampleSenior> seniors = todaysSeniors(12, LUNCH);
        try (SwitchableProxy network = new SwitchableProxy(central.uri())) {
            SettlementClient client = new SettlementClient(TestTerminalConfig.of(network.uri(), code, secret));
            OfflineCounter offline = new OfflineCounter(
                    TestOfflineConfig.in(work.resolve("d-terminal")).withMaxSubsidisedSales(LUNCH), client);
            SaleFlow flow = new SaleFlow(client, new ReceiptStore(), offline);
            assertTrue(offline.refreshCopy(), "the copy is fetched while online");
            offline.start();

            network.cut();
            List<UUID> granted = new ArrayList<>();
            int fullPrice = 0;
            for (SampleSenior senior : seniors) {
                flow.clear();
                CounterState shown = flow.present(new SeniorPresented(SeniorPresented.Kind.CARD_UID,
                        senior.primaryCard().identifier(), Instant.now()));
                if (shown.preview() == null || !shown.preview().subsidised()) {
                    fullPrice++;
                    continue;
                }
                CounterState sold = flow.confirm(false);
                assertEquals("OFFLINE_PENDING", sold.lastSale().status(), () -> String.valueOf(sold.error()));
                granted.add(sold.lastSale().saleId());
            }
            CounterState during = flow.state();
            assertFalse(during.connection().online(), "the page shows the counter offline");
            assertEquals(granted.size(), during.connection().waiting(), "and how many sales wait");
            assertEquals(0, ledgerCountIn(granted), "nothing reached the central during the outage");

            Instant restored = Instant.now();
            network.restore();
            waitFor(() -> offline.journal().pendingCount() == 0, GIVE_UP, "the queue to drain");
            Duration drained = Duration.between(restored, Instant.now());
            offline.stop();

            Map<UUID, String> journal = JournalFile.outcomes(work.resolve("d-terminal").resolve("journal"));
            long subsidised = journal.values().stream().filter("SUBSIDISED"::equals).count();
            assertEquals(granted.size(), journal.size());
            assertEquals(granted.size(), subsidised, "every granted sale confirmed: " + journal.values());
            assertEquals(granted.size(), ledgerCountIn(granted), "each synced exactly once");
            assertTrue(granted.size() > 0 || !isWeekday(), "a weekday lunch grants subsidies offline");
            figures.put("d (network cut for a lunch)", seniors.size() + " seniors served offline, " + granted.size()
                    + " subsidised sales journalled and queued, " + fullPrice + " at full price; all " + granted.size()
                    + " synced exactly once in " + drained.toMillis() + " ms after the network came back");
        }
    }

    @Test
    @Order(5)
    void e_resyncOfAQueueOfOfflineSales() throws Exception {
        SampleCanteen canteen = SampleRegister.baodi().canteens().get(7);
        String code = canteen.terminals().get(0).code();
        String secret = central.rotateSecret(code);
        SettlementClient client = new SettlementClient(TestTerminalConfig.of(central.uri(), code, secret));
        OfflineCounter offline = new OfflineCounter(TestOfflineConfig.in(work.resolve("e-terminal")), client);
        CounterMenu.SetView set = lunchSet(client.menu());
        // pairs (card, day) not used by (a) and (b): the last weeks, from the other end of the card list
        List<String[]> pairs = pairs(2, RESYNC);
        for (String[] p : pairs) {
            ProtocolCounter.queue(offline.journal(), p[0], set, lunchOn(LocalDate.parse(p[1])));
        }
        assertEquals(pairs.size(), offline.journal().pendingCount());
        Instant start = Instant.now();
        int answered = offline.syncNow();
        Duration took = Duration.between(start, Instant.now());
        offline.stop();
        assertEquals(pairs.size(), answered);
        Map<UUID, String> journal = JournalFile.outcomes(work.resolve("e-terminal").resolve("journal"));
        assertTrue(journal.values().stream().allMatch(s -> s != null), "every queued sale answered");
        long recorded = journal.values().stream().filter(s -> s.equals("SUBSIDISED") || s.equals("OFFLINE_CONFLICT")).count();
        assertEquals(recorded, ledgerCountIn(new ArrayList<>(journal.keySet())), "the ledger holds exactly the recorded ones");
        figures.put("e (resync)", pairs.size() + " queued offline sales synced in " + took.toMillis() + " ms ("
                + Math.round(pairs.size() * 1000.0 / Math.max(1, took.toMillis())) + " sales/s; target 10,000 in ≤ 10 s); "
                + recorded + " recorded");
    }

    // ---- (a) and (b): 4 counters, retries, one fault in the middle

    record Result(int sent, int subsidised, int refused, long retries, int ledger, long faultAtMillis, long totalMillis) {
        @Override
        public String toString() {
            return sent + " authorisations from 4 counters in " + totalMillis + " ms (fault at " + faultAtMillis + " ms), "
                    + subsidised + " subsidised, " + refused + " refused by policy, " + retries
                    + " resends with the same id; ledger " + ledger + " = journals " + subsidised + ": 0 lost, 0 duplicated";
        }
    }

    interface Fault {
        void inject() throws Exception;
    }

    private Result loadWithFault(String name, int slice, Fault fault) throws Exception {
        List<String[]> pairs = pairs(slice, AUTHORISATIONS);
        List<ProtocolCounter> counters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String code = SampleRegister.baodi().canteens().get(slice * 4 + i + 8).terminals().get(0).code();
            counters.add(new ProtocolCounter(code, central.rotateSecret(code), central.uri(), work.resolve(name + "-" + code)));
        }
        List<CounterMenu.SetView> sets = new ArrayList<>();
        for (ProtocolCounter c : counters) {
            sets.add(c.lunchSet());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger subsidised = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Instant start = Instant.now();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ProtocolCounter counter = counters.get(i);
            CounterMenu.SetView set = sets.get(i);
            running.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < pairs.size()) {
                    String[] p = pairs.get(n);
                    String status = counter.sell(p[0], set, lunchOn(LocalDate.parse(p[1])), GIVE_UP);
                    if (status.equals("SUBSIDISED")) {
                        subsidised.incrementAndGet();
                    } else if (status.startsWith("REFUSED_LIVE")) {
                        refused.incrementAndGet();
                    } else {
                        unanswered.add(status);
                    }
                }
                return null;
            }));
        }
        waitFor(() -> next.get() >= pairs.size() / 3, GIVE_UP, "a third of the load");
        long faultAt = Duration.between(start, Instant.now()).toMillis();
        fault.inject();
        for (Future<?> f : running) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long total = Duration.between(start, Instant.now()).toMillis();
        assertTrue(unanswered.isEmpty(), "every sale answered: " + unanswered.size() + " not");

        Set<UUID> journalled = new HashSet<>();
        long retries = 0;
        for (ProtocolCounter c : counters) {
            assertEquals(0, c.pending(), c.code + " has nothing pending");
            JournalFile.outcomes(c.journalDirectory).forEach((id, status) -> {
                if ("SUBSIDISED".equals(status)) {
                    journalled.add(id);
                }
            });
            retries += c.retries.get();
            c.close();
        }
        Set<UUID> ledger = ledgerSalesOf(counters.stream().map(c -> c.code).toList());
        assertEquals(journalled, ledger, "the ledger equals the journals");
        assertEquals(subsidised.get(), ledger.size());
        assertEquals(0, overCap(), "no senior over the daily cap");
        return new Result(pairs.size(), subsidised.get(), refused.get(), retries, ledger.size(), faultAt, total);
    }

    // ---- data

    /**
     * (card, weekday) pairs for a slice: the scenarios start a third of the way apart in the list of all pairs, so
     * the short forms never share a pair; the full forms do, and the shared ones are refused (quota used) or become
     * offline conflicts, which the checks count like any other final answer.
     */
    private static List<String[]> pairs(int slice, int count) {
        List<String[]> all = new ArrayList<>();
        for (LocalDate day : pastWeekdays) {
            for (String card : cards) {
                all.add(new String[] {card, day.toString()});
            }
        }
        List<String[]> pairs = new ArrayList<>(count);
        int start = slice * all.size() / 3;
        for (int i = 0; i < count; i++) {
            pairs.add(all.get((start + i) % all.size()));
        }
        return pairs;
    }

    /** Seniors not used by the other scenarios today. */
    private static List<SampleSenior> todaysSeniors(int skip, int count) {
        List<SampleSenior> seniors = new ArrayList<>();
        Set<String> wanted = new HashSet<>(cards);
        for (SampleSenior s : SampleRegister.baodi().seniors()) {
            if (wanted.contains(s.primaryCard().identifier()) && skip-- <= 0) {
                seniors.add(s);
                if (seniors.size() == count) {
                    break;
                }
            }
        }
        return seniors;
    }

    private static CounterMenu.SetView lunchSet(CounterMenu menu) {
        for (CounterMenu.SetView set : menu.sets()) {
            if (set.qualifies() && "LUNCH".equals(set.slot())) {
                return set;
            }
        }
        throw new IllegalStateException("no qualifying lunch set");
    }

    private static OffsetDateTime lunchOn(LocalDate day) {
        return day.atTime(11, 30).atZone(ChinaCalendar.ZONE).toOffsetDateTime();
    }

    private static boolean isWeekday() {
        DayOfWeek d = ChinaCalendar.mealDate(Instant.now()).getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    // ---- the ledger, read directly

    private static Set<UUID> ledgerSalesOf(List<String> terminalCodes) throws SQLException {
        try (Connection c = central.connect();
             PreparedStatement s = c.prepareStatement("select e.entry_id from meal_entry e join terminal t on t.id = e.terminal_id "
                     + "where e.entry_type = 'SALE' and t.code = any(?)")) {
            Array codes = c.createArrayOf("text", terminalCodes.toArray());
            s.setArray(1, codes);
            Set<UUID> ids = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add((UUID) rs.getObject(1));
                }
            }
            return ids;
        }
    }

    private static int ledgerCountIn(List<UUID> ids) throws SQLException {
        try (Connection c = central.connect();
             PreparedStatement s = c.prepareStatement("select count(*) from meal_entry where entry_id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int ledgerCount(String where, Object... params) throws SQLException {
        try (Connection c = central.connect();
             PreparedStatement s = c.prepareStatement("select count(*) from meal_entry where entry_type = 'SALE' and " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Seniors with more subsidised meals on a day than the cap allows, offline conflicts aside. */
    private static int overCap() throws SQLException {
        try (Connection c = central.connect();
             PreparedStatement s = c.prepareStatement("select count(*) from (select senior_id, meal_date from meal_entry "
                     + "where offline_outcome is distinct from 'CONFLICT' group by senior_id, meal_date "
                     + "having sum(case when entry_type = 'SALE' then 1 else -1 end) > 1) x");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.ok()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The counter app as its own process, killed with SIGKILL and started again on the same data. */
    static final class TerminalProcess {
        private final Path jar;
        private final String code;
        private final String secret;
        private final URI settlement;
        private final Path data;
        private final int port;
        private Process process;
        private final HttpClient http = HttpClient.newHttpClient();

        TerminalProcess(Path jar, String code, String secret, URI settlement, Path data) throws IOException {
            this.jar = jar;
            this.code = code;
            this.secret = secret;
            this.settlement = settlement;
            this.data = data;
            this.port = Central.freePort();
        }

        void start() throws Exception {
            Path log = Path.of("target", "fault", "terminal.log");
            ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            b.environment().put("LAORENJIA_TERMINAL_CODE", code);
            b.environment().put("LAORENJIA_TERMINAL_SECRET", secret);
            b.environment().put("LAORENJIA_TERMINAL_SETTLEMENT_URL", settlement.toString());
            b.environment().put("LAORENJIA_TERMINAL_OFFLINE_DATA_DIR", data.toString());
            b.environment().put("LAORENJIA_TERMINAL_OFFLINE_ORPHAN_AFTER", "PT2S");
            b.environment().put("LAORENJIA_TERMINAL_OFFLINE_SYNC_INTERVAL", "PT0.5S");
            b.environment().put("LAORENJIA_TERMINAL_CARD_ENABLED", "false");
            b.environment().put("LAORENJIA_TERMINAL_SCAN_KEY_CACHE_FILE", data.resolve("qr-keys.properties").toString());
            b.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            process = b.start();
            waitFor(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the terminal exited; see " + log.toAbsolutePath());
                }
                try {
                    return http.send(HttpRequest.newBuilder(uri("/api/sale/state")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            }, Duration.ofMinutes(2), "the terminal to start");
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }

        JsonNode post(String path, Map<String, Object> body) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(r.body());
        }

        void postQuietly(String path, Map<String, Object> body) {
            try {
                post(path, body);
            } catch (Exception e) {
                // the process was killed under it: that is the point
            }
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }
}
