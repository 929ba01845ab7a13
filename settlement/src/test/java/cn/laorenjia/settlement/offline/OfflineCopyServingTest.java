package cn.laorenjia.settlement.offline;

import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.offline.CardKey;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.offline.CounterOfflineDecider;
import cn.laorenjia.core.offline.CounterOfflineDecision;
import cn.laorenjia.core.offline.CounterOfflineRequest;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.subsidy.MealRequest;
import cn.laorenjia.settlement.offline.service.OfflineSnapshots;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline copy as served over real HTTP from the real database with the sample register loaded: no card
 * identifier in clear, a tapped card matched by its keyed hash, scoped to the jurisdiction, ETag/304, a delta after a
 * register change, gzip.
 */
@QuarkusTest
class OfflineCopyServingTest {

    private static final String SNAPSHOT = "/api/counter/offline/snapshot";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    OfflineSnapshots snapshots;

    private String terminal;

    @BeforeEach
    void registerCanteen() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        // past any copy another test had built: this test's registrations are in the next build
        clock.advance(Duration.ofMinutes(2));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theCopyNamesNoCardOfTheRegisterAndATappedCardMatchesByItsHash() throws Exception {
        String uid = registerSenior("宝坻区");
        clock.advance(Duration.ofMinutes(2));
        String body = TestApi.asTerminal(terminal).get(SNAPSHOT).then().statusCode(200).extract().asString();
        List<String> identifiers = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select identifier from card")) {
            while (rs.next()) {
                identifiers.add(rs.getString(1));
            }
        }
        assertTrue(identifiers.size() > 2000, "the sample register's cards and this test's");
        for (String identifier : identifiers) {
            assertFalse(body.contains(identifier), "card identifier in clear: " + identifier);
        }
        assertFalse(body.contains("\"identifier\""));
        assertFalse(body.contains("\"cardId\""));

        OfflineSnapshot copy = ContractJson.mapper().readValue(body, OfflineSnapshot.class);
        assertTrue(copy.seniors().size() > 100, "the sample register's eligible seniors are in it");
        CardKey key = copy.key().orElseThrow();
        String tapped = key.hash("UID", uid);
        OfflineSnapshot.SeniorEntry entry = copy.seniors().stream()
                .filter(e -> e.cards().stream().anyMatch(c -> c.hash().equals(tapped))).findFirst().orElseThrow();
        assertTrue(entry.nameMasked().contains("*") && entry.idNumberMasked().contains("*"));

        // what the counter does with it: the core's decision on the central's assessment and the same version
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        PolicyVersion inForce = PolicyCatalog.loadDefault().inForce("tianjin", today).orElseThrow();
        assertTrue(copy.madeUnder(inForce));
        Eligibility assessed = entry.assessment(copy.date(), copy.ruleVersion()).orElseThrow();
        MealRequest lunch = new MealRequest(clock.instant(), MealSlot.LUNCH, Money.ofFen(1500), Money.ofFen(1500),
                entry.usedToday(), entry.usedThisWeek());
        CounterOfflineDecision d = CounterOfflineDecider.decide(new CounterOfflineRequest(Optional.of(assessed),
                Optional.of(inForce), lunch, copy.date(), copy.generatedAt(), Duration.ofHours(24), true, 0, 40));
        assertTrue(d.granted(), d.toString());

        // another day's key: the same card, another hash
        clock.advance(Duration.ofDays(1));
        OfflineSnapshot tomorrow = ContractJson.mapper().readValue(TestApi.asTerminal(terminal).get(SNAPSHOT).then()
                .statusCode(200).extract().asString(), OfflineSnapshot.class);
        assertNotEquals(copy.cardKey(), tomorrow.cardKey());
        assertTrue(tomorrow.seniors().stream().flatMap(e -> e.cards().stream()).noneMatch(c -> c.hash().equals(tapped)));
    }

    @Test
    void theCopyHoldsOnlyTheSeniorsOfTheCanteensJurisdiction() throws Exception {
        String here = registerSenior("宝坻区");
        TestApi.ensureSubdistrict("商州区", "大赵峪街道", "DZY");
        String there = TestApi.registerSenior("离线副本测试", "商州区", "大赵峪街道");
        String shangluo = as(ADMIN).body(Map.of(
                        "code", TestApi.unique("SL"), "name", "商州老人家食堂", "jurisdiction", "shangluo",
                        "district", "商州区", "subdistrict", "大赵峪街道", "address", "测试路2号",
                        "standardSetPriceFen", 1200,
                        "menu", List.of(Map.of("code", "L-STD", "name", "标准午餐", "slot", "LUNCH", "priceFen", 1200)),
                        "terminals", List.of(Map.of("code", TestApi.unique("SL") + "-T1", "name", "1号收银台"))))
                .post("/api/register/canteens").then().statusCode(201).extract().jsonPath()
                .getString("terminalSecrets[0].authorization");
        clock.advance(Duration.ofMinutes(2));
        OfflineSnapshot baodi = read(TestApi.asTerminal(terminal).get(SNAPSHOT).then().statusCode(200).extract().asString());
        OfflineSnapshot slCopy = read(TestApi.asTerminal(shangluo).get(SNAPSHOT).then().statusCode(200).extract().asString());
        assertTrue(holds(baodi, here) && !holds(baodi, there), "宝坻's copy: its own seniors only");
        assertFalse(holds(slCopy, here), "商洛's copy has none of 宝坻's seniors");
        assertTrue(slCopy.seniorsOrNone().size() < baodi.seniors().size());
        assertEquals("shangluo", slCopy.jurisdiction());
    }

    @Test
    void anUnchangedCopyIs304AChangeIsADeltaAndTheBodyIsGzipd() throws Exception {
        Response first = TestApi.asTerminal(terminal).header("Accept-Encoding", "gzip").get(SNAPSHOT);
        first.then().statusCode(200).header("Content-Encoding", "gzip");
        String etag = first.getHeader("ETag");
        OfflineSnapshot v1 = read(first.asString()); // RestAssured inflates
        assertEquals("\"" + v1.version() + "\"", etag);

        // nothing changed (within the rebuild age, and after it): 304
        TestApi.asTerminal(terminal).header("If-None-Match", etag).get(SNAPSHOT).then().statusCode(304);
        clock.advance(Duration.ofMinutes(2));
        TestApi.asTerminal(terminal).header("If-None-Match", etag).queryParam("since", v1.version()).get(SNAPSHOT)
                .then().statusCode(304);

        // the gzip'd bytes as they travel are much smaller than the JSON
        byte[] raw = TestApi.asTerminal(terminal).header("Accept-Encoding", "identity").get(SNAPSHOT).then()
                .statusCode(200).extract().asByteArray();
        byte[] wire = io.restassured.RestAssured.given().config(io.restassured.RestAssured.config().decoderConfig(
                        io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Authorization", terminal).header("Accept-Encoding", "gzip").get(SNAPSHOT).then().statusCode(200)
                .extract().asByteArray();
        assertTrue(wire.length * 3 < raw.length, wire.length + " gzip'd vs " + raw.length);
        assertEquals(new String(raw, StandardCharsets.UTF_8),
                new String(new GZIPInputStream(new ByteArrayInputStream(wire)).readAllBytes(), StandardCharsets.UTF_8));

        // a register change: a new version, and from v1 a delta with just that senior
        String uid = registerSenior("宝坻区");
        clock.advance(Duration.ofMinutes(2));
        Response changed = TestApi.asTerminal(terminal).header("If-None-Match", etag).queryParam("since", v1.version())
                .get(SNAPSHOT);
        changed.then().statusCode(200);
        assertNotEquals(etag, changed.getHeader("ETag"));
        OfflineSnapshot delta = read(changed.asString());
        assertEquals(v1.version(), delta.baseVersion());
        assertEquals(1, delta.seniors().size(), "only the new senior");
        assertTrue(holds(delta, uid));
        OfflineSnapshot whole = read(TestApi.asTerminal(terminal).get(SNAPSHOT).then().statusCode(200).extract().asString());
        assertEquals(whole, v1.applying(delta), "v1 + delta = the new version");

        // a live sale changes the quota used: the next delta carries that senior with it
        TestApi.asTerminal(terminal).body(Map.of("saleId", UUID.randomUUID().toString(), "occurredAt",
                        OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE).toString(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                        "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals").then().statusCode(200);
        clock.advance(Duration.ofMinutes(2));
        OfflineSnapshot quota = read(TestApi.asTerminal(terminal).queryParam("since", whole.version()).get(SNAPSHOT)
                .then().statusCode(200).extract().asString());
        assertEquals(whole.version(), quota.baseVersion());
        String hash = quota.key().orElseThrow().hash("UID", uid);
        OfflineSnapshot.SeniorEntry after = quota.seniors().stream()
                .filter(e -> e.cards().stream().anyMatch(c -> c.hash().equals(hash))).findFirst().orElseThrow();
        assertEquals(1, after.usedToday(), "the lunch just sold");

        // a version the central no longer has (or never had): the whole copy
        OfflineSnapshot unknownBase = read(TestApi.asTerminal(terminal).queryParam("since", 42L).get(SNAPSHOT).then()
                .statusCode(200).extract().asString());
        assertFalse(unknownBase.isDelta());
    }

    @Test
    void aRequestIsServedTheCurrentVersionAndTheBackgroundRebuildMakesTheNext() throws Exception {
        OfflineSnapshot v1 = read(TestApi.asTerminal(terminal).get(SNAPSHOT).then().statusCode(200).extract().asString());
        String uid = registerSenior("宝坻区");

        // within twice rebuild-after, a request never builds: the version as it was, though the register changed
        clock.advance(Duration.ofSeconds(90));
        Response served = TestApi.asTerminal(terminal).header("If-None-Match", "\"" + v1.version() + "\"").get(SNAPSHOT);
        served.then().statusCode(304);

        // the scheduler's rebuild (called here as its job calls it) makes the new version, served at once
        assertTrue(snapshots.rebuildAskedFor() >= 1);
        OfflineSnapshot delta = read(TestApi.asTerminal(terminal).queryParam("since", v1.version()).get(SNAPSHOT)
                .then().statusCode(200).extract().asString());
        assertEquals(v1.version(), delta.baseVersion());
        assertTrue(holds(delta, uid), "the senior registered before the rebuild");

        // a day change is never served yesterday's copy: the first request of the day has today's
        clock.advance(Duration.ofDays(1));
        OfflineSnapshot tomorrow = read(TestApi.asTerminal(terminal).get(SNAPSHOT).then().statusCode(200).extract()
                .asString());
        assertEquals(ChinaCalendar.mealDate(clock.instant()), tomorrow.date());
        assertFalse(tomorrow.isDelta());
    }

    private static OfflineSnapshot read(String body) throws Exception {
        return ContractJson.mapper().readValue(body, OfflineSnapshot.class);
    }

    private static boolean holds(OfflineSnapshot copy, String uid) {
        CardKey key = copy.key().orElseThrow();
        String hash = key.hash("UID", uid);
        return copy.seniorsOrNone().stream().flatMap(e -> e.cards().stream()).anyMatch(c -> c.hash().equals(hash));
    }

    /** An eligible senior (84, local household, enrolled) living in {@code district}, with a UID card. */
    private static String registerSenior(String district) {
        return TestApi.registerSenior("离线副本测试", district);
    }
}
