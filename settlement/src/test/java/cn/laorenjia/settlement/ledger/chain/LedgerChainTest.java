package cn.laorenjia.settlement.ledger.chain;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.ledger.chain.ChainProblem.Kind;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import cn.laorenjia.settlement.settling.service.SettlementReport;
import cn.laorenjia.settlement.settling.service.SettlementService;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger hash chain against the real database: sealing after concurrent sales, verification of an intact
 * chain, and tampering as a superuser with the append-only triggers bypassed ({@code session_replication_role =
 * replica}). Each tampering is repaired before the test ends (the database is shared with every other test of the
 * module), and the chain is verified intact again afterwards.
 *
 * <p>The profile turns the scheduled sealer off, so sealing happens exactly where the test calls it.
 */
@QuarkusTest
@TestProfile(LedgerChainTest.SealOnlyWhenAsked.class)
class LedgerChainTest {

    /** A Monday far from every other test's dates (they use the months before the test clock's). */
    private static final LocalDate DAY = LocalDate.of(2025, 12, 1);

    @Inject
    LedgerSealer sealer;

    @Inject
    LedgerVerifier verifier;

    @Inject
    SettlementService settlement;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void concurrentSalesThenSealingGiveADeterministicChainThatVerifies() throws Exception {
        List<UUID> sales = concurrentLunches(24);
        LedgerSealer.Sealed sealed = sealer.seal();
        assertTrue(sealed.linked() >= sales.size(), "every new entry linked: " + sealed.linked());

        // the positions of these sales follow their seq, consecutive in chain order
        List<long[]> links = query("""
                select l.position, e.seq from ledger_link l join meal_entry e on e.entry_id = l.entry_id
                where l.entry_id = any(?) order by l.position""", (Object) sales.toArray(UUID[]::new));
        assertEquals(sales.size(), links.size(), "each sale has exactly one link");
        for (int i = 1; i < links.size(); i++) {
            assertTrue(links.get(i)[1] > links.get(i - 1)[1], "positions follow seq");
        }
        assertEquals(sealed.head(), new ChainHead(query("select max(position) from ledger_link").get(0)[0],
                sealed.head().hash()));

        ChainVerification verification = verifier.verify();
        assertTrue(verification.intact(), verification.describe());
        assertEquals(sealed.head(), verification.head());
        assertEquals(0, sealer.seal().linked(), "a second seal finds nothing new");

        // the administrator endpoint says the same; other roles may not ask
        JsonPath api = as(ADMIN).get("/api/integrity/ledger").then().statusCode(200).extract().jsonPath();
        assertTrue(api.getBoolean("intact"));
        assertEquals(verification.head().hash(), api.getString("head.hash"));
        as(TestApi.FINANCE).get("/api/integrity/ledger").then().statusCode(403);
    }

    @Test
    void sealingKeepsUp() throws Exception {
        UUID template = concurrentLunches(1).get(0);
        sealer.seal();
        int n = 20_000;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into meal_entry (entry_id, entry_type, senior_id, canteen_id, terminal_id, meal_set_id, slot,
                    occurred_at, meal_date, week_monday, set_price_fen, standard_price_fen, subsidised, discount_fen,
                    operating_subsidy_fen, paid_fen, rule_version, identified_by, request_hash, response)
                select gen_random_uuid(), 'SALE', senior_id, canteen_id, terminal_id, meal_set_id, slot,
                       timestamptz '2018-03-05 11:30+08' + g * interval '1 second', date '2018-03-05', date '2018-03-05',
                       set_price_fen, standard_price_fen, false, 0, 0, set_price_fen, rule_version, identified_by,
                       md5(g::text), response
                from meal_entry, generate_series(1, ?) g where entry_id = ?""")) {
            // unsubsidised meals of 2018 with no amounts: no other test's figures move
            s.setInt(1, n);
            s.setObject(2, template);
            assertEquals(n, s.executeUpdate());
        }
        LedgerSealer.Sealed sealed = sealer.seal();
        assertEquals(n, sealed.linked());
        double perSecond = sealed.linked() / (sealed.nanos() / 1e9);
        ChainVerification verification = verifier.verify();
        assertTrue(verification.intact(), verification.describe());
        System.out.printf("CHAIN-THROUGHPUT sealed=%d seal_ms=%d entries_per_s=%.0f verify_links=%d verify_ms=%d%n",
                sealed.linked(), sealed.nanos() / 1_000_000, perSecond, verification.links(), verification.tookMillis());
        // the busiest day of a district: far below this
        assertTrue(perSecond > 1000, "sealing keeps up: " + perSecond + " entries/s");
    }

    @Test
    void anEntryItsSealCouldNotSeeYetIsLinkedByTheNextSeal() throws Exception {
        UUID template = concurrentLunches(1).get(0);
        sealer.seal();
        UUID late = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement begin = c.createStatement()) {
                begin.execute("select 1"); // the transaction, and so the entry's recorded_at, starts here
            }
            Thread.sleep(1_500);
            try (PreparedStatement s = c.prepareStatement("""
                    insert into meal_entry (entry_id, entry_type, senior_id, canteen_id, terminal_id, meal_set_id, slot,
                        occurred_at, meal_date, week_monday, set_price_fen, standard_price_fen, subsidised, discount_fen,
                        operating_subsidy_fen, paid_fen, rule_version, identified_by, request_hash, response)
                    select ?, 'SALE', senior_id, canteen_id, terminal_id, meal_set_id, slot,
                           timestamptz '2018-04-02 11:30+08', date '2018-04-02', date '2018-04-02',
                           set_price_fen, standard_price_fen, false, 0, 0, set_price_fen, rule_version, identified_by,
                           md5(?::text), response
                    from meal_entry where entry_id = ?""")) {
                // an unsubsidised meal of 2018 with no amounts: no other test's figures move
                s.setObject(1, late);
                s.setString(2, late.toString());
                s.setObject(3, template);
                assertEquals(1, s.executeUpdate());
            }
            // a seal while that transaction is open cannot see its entry; a second one, after the commit, must link it
            // although it was recorded (the transaction's start) before the first seal began
            assertEquals(0, query("select count(*) from ledger_link where entry_id = ?", late).get(0)[0]);
            sealer.seal();
            c.commit();
        }
        assertEquals(0, query("select count(*) from ledger_link where entry_id = ?", late).get(0)[0]);
        assertEquals(1, sealer.seal().linked());
        assertEquals(1, query("select count(*) from ledger_link where entry_id = ?", late).get(0)[0]);
        ChainVerification verification = verifier.verify();
        assertTrue(verification.intact(), verification.describe());
    }

    @Test
    void tamperingAsSuperuserIsNamedAndTheNightlyRunReportsIt() throws Exception {
        List<UUID> sales = concurrentLunches(4);
        sealer.seal();
        assertTrue(verifier.verify().intact(), "intact before tampering");
        UUID changed = sales.get(1);
        UUID deleted = sales.get(2);
        long changedPosition = positionOf(changed);
        long deletedPosition = positionOf(deleted);
        long originalDiscount = query("select discount_fen from meal_entry where entry_id = ?", changed).get(0)[0];

        try (Connection admin = admin(); Statement s = admin.createStatement()) {
            s.execute("set session_replication_role = replica");

            // 1. one entry's discount raised
            s.execute("update meal_entry set discount_fen = 900 where entry_id = '" + changed + "'");
            ChainVerification found = verifier.verify();
            assertProblem(found, Kind.ENTRY_CHANGED, changedPosition, changed);
            SettlementReport nightly = nightlyFarFromOtherTests();
            assertEquals(Boolean.FALSE, nightly.chainVerified());
            assertTrue(nightly.chainProblem().contains(changed.toString()), nightly.chainProblem());
            assertEquals(0L, query("select count(*) from settlement_run where id = ? and (chain_verified or chain_problem is null)",
                    nightly.runId()).get(0)[0], "the run record carries the verdict");
            // finance and administrators see it as the latest nightly run
            JsonPath latest = as(TestApi.FINANCE).get("/api/settlement/runs?nightly=true").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(nightly.runId(), latest.getLong("items[0].runId"));
            assertFalse(latest.getBoolean("items[0].chainVerified"));
            assertEquals(nightly.chainProblem(), latest.getString("items[0].chainProblem"));
            assertEquals("scheduler", latest.getString("items[0].triggeredBy"));
            s.execute("update meal_entry set discount_fen = " + originalDiscount + " where entry_id = '" + changed + "'");
            assertTrue(verifier.verify().intact(), "repaired");

            // 2. one entry deleted (kept aside to put back)
            s.execute("create temporary table kept as select * from meal_entry where entry_id = '" + deleted + "'");
            s.execute("delete from meal_entry where entry_id = '" + deleted + "'");
            found = verifier.verify();
            assertProblem(found, Kind.ENTRY_DELETED, deletedPosition, deleted);
            nightly = nightlyFarFromOtherTests();
            assertEquals(Boolean.FALSE, nightly.chainVerified());
            assertTrue(nightly.chainProblem().contains(deleted.toString()), nightly.chainProblem());
            s.execute("insert into meal_entry select * from kept");
            assertTrue(verifier.verify().intact(), "repaired");

            // 3. a backdated entry inserted behind the service's back: the sealer leaves it out, verification names it
            UUID inserted = UUID.randomUUID();
            s.execute("""
                    insert into meal_entry (entry_id, entry_type, senior_id, canteen_id, terminal_id, meal_set_id, slot,
                        occurred_at, meal_date, week_monday, set_price_fen, standard_price_fen, subsidised, discount_fen,
                        operating_subsidy_fen, paid_fen, rule_version, identified_by, request_hash, response, recorded_at)
                    select '%s', 'SALE', senior_id, canteen_id, terminal_id, meal_set_id, slot, occurred_at - interval '7 days',
                           meal_date - 7, week_monday - 7, set_price_fen, standard_price_fen, subsidised, discount_fen,
                           operating_subsidy_fen, paid_fen, rule_version, identified_by, request_hash, response,
                           now() - interval '7 days'
                    from meal_entry where entry_id = '%s'""".formatted(inserted, sales.get(3)));
            assertEquals(0, sealer.seal().linked(), "the sealer does not link an entry recorded before its horizon");
            found = verifier.verify();
            assertProblem(found, Kind.ENTRY_UNLINKED, null, inserted);
            nightly = nightlyFarFromOtherTests();
            assertEquals(Boolean.FALSE, nightly.chainVerified());
            assertTrue(nightly.chainProblem().contains(inserted.toString()), nightly.chainProblem());
            s.execute("delete from meal_entry where entry_id = '" + inserted + "'");
            s.execute("set session_replication_role = origin");
        }
        ChainVerification after = verifier.verify();
        assertTrue(after.intact(), "repaired for the tests after this one: " + after.describe());
        SettlementReport clean = nightlyFarFromOtherTests();
        assertEquals(Boolean.TRUE, clean.chainVerified());
        assertNull(clean.chainProblem());
        JsonPath latest = as(ADMIN).get("/api/settlement/runs?nightly=true").then().statusCode(200).extract().jsonPath();
        assertEquals(clean.runId(), latest.getLong("items[0].runId"));
        assertTrue(latest.getBoolean("items[0].chainVerified"));
        assertNull(latest.get("items[0].chainProblem"));
        assertEquals(clean.chainPosition(), latest.getLong("items[0].chainHead.position"));
        assertEquals(clean.chainHash(), latest.getString("items[0].chainHead.hash"));
    }

    @Test
    void aConfirmedStatementRecordsTheChainHeadOnItsPdfAndXlsx() throws Exception {
        YearMonth month = SettlementFixture.monthsAgo(10);
        SettlementFixture canteen = SettlementFixture.newCanteen("黄庄镇");
        canteen.recordFixtureMonth(month);
        SettlementFixture.settle(month);
        long id = as(TestApi.FINANCE).get("/api/settlement/statements?month=" + month).then().statusCode(200)
                .extract().jsonPath().getLong("find { it.canteenId == " + canteen.canteenId + " }.id");
        JsonPath draft = as(TestApi.FINANCE).get("/api/settlement/statements/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertNull(draft.get("chainHash"), "a draft records no head");
        JsonPath confirmed = as(TestApi.FINANCE).post("/api/settlement/statements/" + id + "/confirm").then()
                .statusCode(200).extract().jsonPath();
        long position = confirmed.getLong("chainPosition");
        String hash = confirmed.getString("chainHash");
        assertNotNull(hash);
        assertEquals(List.of(1L), List.of(query("select count(*) from ledger_link where position = " + position
                + " and hash = decode('" + hash + "', 'hex')").get(0)[0]), "the head is on the chain");
        // the statement's own meals are sealed under it
        assertEquals(0L, query("""
                select count(*) from meal_entry e where e.canteen_id = %d
                and not exists (select 1 from ledger_link l where l.entry_id = e.entry_id and l.position <= %d)"""
                .formatted(canteen.canteenId, position)).get(0)[0]);
        String printed = position + ":" + hash;

        byte[] pdf = as(TestApi.FINANCE).get("/api/settlement/exports/statements/" + id + ".pdf").then()
                .statusCode(200).extract().asByteArray();
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertTrue(text.contains("台账校验值(ledgerchainhead):" + printed), text);
        }
        byte[] xlsx = as(TestApi.FINANCE).get("/api/settlement/exports/" + month + "/statements.xlsx").then()
                .statusCode(200).extract().asByteArray();
        boolean found = false;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    if (row.getCell(0) != null && "台账校验值 (ledger chain head)".equals(row.getCell(0).toString())) {
                        assertEquals(printed, row.getCell(1).getStringCellValue());
                        found = true;
                    }
                }
            }
        }
        assertTrue(found, "the XLSX carries the head");
        // the confirmation is insert-only and the statement keeps its head whatever is recorded after
        concurrentLunches(1);
        sealer.seal();
        assertEquals(hash, as(TestApi.FINANCE).get("/api/settlement/statements/" + id).then().statusCode(200)
                .extract().jsonPath().getString("chainHash"));
        assertTrue(verifier.verify().intact());
    }

    // ---- helpers ----

    /** The nightly run with the clock far in the past, so it settles days no other test uses. */
    private SettlementReport nightlyFarFromOtherTests() {
        TestClock clock = TestClock.current();
        Instant before = clock.instant();
        clock.set(ZonedDateTime.of(2019, 6, 15, 2, 0, 0, 0, ChinaCalendar.ZONE));
        try {
            Optional<SettlementReport> report = settlement.settleNightly("scheduler");
            return report.orElseThrow();
        } finally {
            clock.set(before);
        }
    }

    private static void assertProblem(ChainVerification found, Kind kind, Long position, UUID entry) {
        assertFalse(found.intact(), "tampering found");
        assertEquals(1, found.problemCount(), found.describe());
        ChainProblem first = found.firstProblem();
        assertEquals(kind, first.kind(), found.describe());
        assertEquals(position, first.position(), found.describe());
        assertEquals(entry, first.entryId(), found.describe());
        assertTrue(found.describe().contains(entry.toString()) && found.describe().contains("台账"), found.describe());
    }

    /** n lunches of n fresh seniors at one canteen, posted at once; answers the sale ids. */
    private List<UUID> concurrentLunches(int n) throws Exception {
        JsonPath registered = TestApi.registerCanteen("钰华街道");
        String terminal = registered.getString("terminalSecrets[0].authorization");
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String stems = "甲乙丙丁戊己庚辛壬癸";
            uids.add(SettlementFixture.newSenior("周" + stems.charAt(i % 10) + stems.charAt(i / 10 % 10)));
        }
        Instant at = DAY.atTime(LocalTime.of(11, 30)).atZone(ChinaCalendar.ZONE).toInstant();
        TestClock.current().set(at);
        List<UUID> ids = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> posted = new ArrayList<>();
            for (String uid : uids) {
                UUID saleId = UUID.randomUUID();
                ids.add(saleId);
                posted.add(pool.submit(() -> TestApi.asTerminal(terminal).body(Map.of("saleId", saleId.toString(),
                                "occurredAt", at.toString(),
                                "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                                "mealSetCode", "L-STD", "priceFen", 1500))
                        .post("/api/meals").then().statusCode(200)));
            }
            for (Future<?> f : posted) {
                f.get();
            }
        } finally {
            pool.shutdown();
            TestClock.current().reset();
        }
        return ids;
    }

    private long positionOf(UUID entry) throws SQLException {
        return query("select position from ledger_link where entry_id = ?", entry).get(0)[0];
    }

    private List<long[]> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof UUID[] ids) {
                    s.setArray(i + 1, c.createArrayOf("uuid", ids));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            List<long[]> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    long[] row = new long[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getLong(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** A superuser's connection: the db-roles test resource's, or until it publishes one, the datasource's. */
    private static Connection admin() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = config.getOptionalValue("laorenjia.test.db-admin.jdbc-url", String.class)
                .orElseGet(() -> config.getValue("quarkus.datasource.jdbc.url", String.class));
        String user = config.getOptionalValue("laorenjia.test.db-admin.username", String.class)
                .orElseGet(() -> config.getValue("quarkus.datasource.username", String.class));
        String password = config.getOptionalValue("laorenjia.test.db-admin.password", String.class)
                .orElseGet(() -> config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        return DriverManager.getConnection(url, user, password);
    }

    public static class SealOnlyWhenAsked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // no slack for a transaction's start not yet shown: an entry of a transaction open across a seal must be
            // linked because the sealer saw that transaction, not because a margin happened to cover it
            return Map.of("laorenjia.ledger.chain.seal-every", "off", "laorenjia.ledger.chain.in-flight-margin", "PT0S");
        }
    }
}
