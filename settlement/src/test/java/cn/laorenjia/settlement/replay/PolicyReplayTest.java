package cn.laorenjia.settlement.replay;

import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.till.Tender;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.replay.service.PolicyReplay;
import cn.laorenjia.settlement.replay.service.ReplayConfig;
import cn.laorenjia.settlement.replay.service.ReplayAreaRow;
import cn.laorenjia.settlement.replay.service.ReplayFigures;
import cn.laorenjia.settlement.replay.service.ReplayLevel;
import cn.laorenjia.settlement.replay.service.ReplayPeriod;
import cn.laorenjia.settlement.replay.service.ReplayReport;
import cn.laorenjia.settlement.replay.service.ReplayRouteRow;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy replay on a week of real counter traffic, made through the real sale paths (the live ledger, its void,
 * an offline sync, the till's full-price sales of refused seniors), in a week no other test uses (October 2025): the
 * self-replay reproduces the ledger to the fen, 2022's rule drops the breakfasts, and drafts change the figures as
 * computed by hand below.
 *
 * <p>Canteen A (海滨街道) and B (宝平街道), 15-yuan standard sets (breakfast and lunch); seniors S1–S4 are 86, S5 is 77:
 * <ul>
 *   <li>S1: lunches Mon–Thu at A, Fri at B (the week's five), Sat at A refused for the week's cap (sold at full
 *       price at the till);</li>
 *   <li>S2: Mon lunch at A voided a minute later and sold again at B at noon; Tue lunch at A offline, synced later;</li>
 *   <li>S3: Tue breakfast at A; Tue lunch at A refused for the day's cap (full price at the till);</li>
 *   <li>S4: Wed breakfast at B;</li>
 *   <li>S5 (77, no route under 2024): Mon lunch at A and Tue lunch at B refused (full price at the till).</li>
 * </ul>
 * Ledger: A 6 meals (S1 ×4, S2 offline, S3 breakfast), B 3 (S1 Fri, S2 resale, S4), 3 + 2 yuan each.
 */
@QuarkusTest
class PolicyReplayTest {

    static final LocalDate MONDAY = LocalDate.of(2025, 10, 13);
    static final LocalDate SUNDAY = MONDAY.plusDays(6);

    private static World world;

    @Inject
    PolicyReplay replay;

    @Inject
    PolicyCatalog policies;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    record World(String canteenA, String canteenB) {
    }

    @BeforeEach
    void aWeekOfCounterTraffic() {
        if (world == null) {
            world = recordTheWeek();
        }
    }

    @Test
    void replayingTheVersionInForceReproducesTheLedgerToTheFenInTotalAndPerCanteen() throws SQLException {
        ReplayReport week = replay.replay(version("tianjin-2024"), new ReplayPeriod(MONDAY, SUNDAY));
        assertEquals(14, week.attemptsReplayed(), "S1 6, S2 3, S3 2, S4 1, S5 2");
        assertEquals(figures(9, 2700, 1800, 4), week.total().actual());
        assertEquals(week.total().actual(), week.total().proposed());
        assertEquals(figures(6, 1800, 1200, 3), canteen(week, world.canteenA()).actual());
        assertEquals(figures(3, 900, 600, 3), canteen(week, world.canteenB()).actual());
        for (ReplayAreaRow row : week.areas()) {
            assertEquals(row.figures().actual(), row.figures().proposed(), row.level() + " " + row.nameZh());
        }
        // the actual side is the ledger as the database sums it (voids carry negated amounts)
        assertEquals(ledgerTotalFen(MONDAY, SUNDAY), week.total().actual().total().fen());
        assertEquals(0, week.seniorsNewlyReached());
        assertEquals(0, week.seniorsNoLongerReached());
        assertFalse(week.ranOnReplica());
        ReplayAreaRow district = week.areas().get(0);
        assertEquals(ReplayLevel.DISTRICT, district.level());
        assertEquals("宝坻区", district.code());
        assertEquals(4, district.figures().actual().seniorsReached(), "distinct seniors, not the canteens' sum (3 + 3)");

        // from Tuesday: Monday's meals still count towards the week, so S1's Saturday is refused again
        ReplayReport fromTuesday = replay.replay(version("tianjin-2024"), new ReplayPeriod(MONDAY.plusDays(1), SUNDAY));
        assertEquals(10, fromTuesday.attemptsReplayed());
        assertEquals(figures(5, 1500, 1000, 3), canteen(fromTuesday, world.canteenA()).actual());
        assertEquals(canteen(fromTuesday, world.canteenA()).actual(), canteen(fromTuesday, world.canteenA()).proposed());
        assertEquals(figures(2, 600, 400, 2), canteen(fromTuesday, world.canteenB()).proposed());
        assertEquals(fromTuesday.total().actual(), fromTuesday.total().proposed());
        assertEquals(ledgerTotalFen(MONDAY.plusDays(1), SUNDAY), fromTuesday.total().proposed().total().fen());
    }

    @Test
    void underThe2022RuleTheBreakfastsAreRefusedAndTheQuotaTheyTookGoesToTheNextMeal() {
        ReplayReport report = replay.replay(version("tianjin-2022"), new ReplayPeriod(MONDAY, SUNDAY));
        assertEquals("tianjin-2022", report.proposedVersionId());
        // A: S3's breakfast is gone, the lunch refused for the day's cap is subsidised instead; B: S4's breakfast gone
        assertEquals(figures(6, 1800, 1200, 3), canteen(report, world.canteenA()).proposed());
        assertEquals(figures(2, 600, 400, 2), canteen(report, world.canteenB()).proposed());
        assertEquals(figures(8, 2400, 1600, 3), report.total().proposed());
        assertEquals(-1, report.total().mealsDifference());
        assertEquals(Money.ofFen(-500), report.total().totalDifference());
        assertEquals(0, report.seniorsNewlyReached());
        assertEquals(1, report.seniorsNoLongerReached(), "S4 had only a breakfast");
    }

    @Test
    void aDraftWithFourYuanSixMealsAWeekAndRouteOneFrom75CostsWhatItShould() throws IOException {
        PolicyVersion draft = draft(Map.of("subsidy_per_meal: 3.00", "subsidy_per_meal: 4.00",
                "max_subsidised_meals_per_week: 5", "max_subsidised_meals_per_week: 6",
                "min_age: 80", "min_age: 75"));
        ReplayReport report = replay.replay(draft, new ReplayPeriod(MONDAY, SUNDAY));
        assertEquals("draft-test", report.proposedVersionId());
        // A: S1 Mon–Thu and Sat (the sixth), S2 offline, S3 breakfast, S5 Mon; B: S1 Fri, S2 resale, S4, S5 Tue
        assertEquals(figures(8, 3200, 1600, 4), canteen(report, world.canteenA()).proposed());
        assertEquals(figures(4, 1600, 800, 4), canteen(report, world.canteenB()).proposed());
        assertEquals(figures(12, 4800, 2400, 5), report.total().proposed());
        assertEquals(figures(9, 2700, 1800, 4), report.total().actual());
        assertEquals(1, report.seniorsNewlyReached(), "S5");
        assertEquals(0, report.seniorsNoLongerReached());
        ReplayRouteRow route = report.routes().stream().filter(r -> r.route() == EligibilityRoute.AGE_80_LOCAL)
                .findFirst().orElseThrow();
        assertEquals(figures(12, 4800, 2400, 5), route.figures().proposed());
        assertEquals(figures(9, 2700, 1800, 4), route.figures().actual());

        // the other way: route 1 from 90 reaches none of them
        ReplayReport stricter = replay.replay(draft(Map.of("min_age: 80", "min_age: 90")), new ReplayPeriod(MONDAY, SUNDAY));
        assertEquals(figures(0, 0, 0, 0), stricter.total().proposed());
        assertEquals(0, stricter.seniorsNewlyReached());
        assertEquals(4, stricter.seniorsNoLongerReached());
    }

    @Test
    void withAReplicaConfiguredItReadsThereThroughPlainJdbcAndAnswersTheSame() {
        // the test database stands in for the replica: a connection of its own, not the service's pool
        Config config = ConfigProvider.getConfig();
        ReplayConfig replica = new ReplayConfig() {
            @Override
            public Optional<String> replicaJdbcUrl() {
                return Optional.of(config.getValue("quarkus.datasource.jdbc.url", String.class));
            }

            @Override
            public Optional<String> replicaUsername() {
                return config.getOptionalValue("quarkus.datasource.username", String.class);
            }

            @Override
            public Optional<String> replicaPassword() {
                return config.getOptionalValue("quarkus.datasource.password", String.class);
            }

            @Override
            public int fetchSize() {
                return 3;
            }

            @Override
            public String workMem() {
                return "16MB";
            }
        };
        PolicyReplay onReplica = new PolicyReplay(dataSource, replica, policies, TestClock.current());
        ReplayReport fromReplica = onReplica.replay(version("tianjin-2022"), new ReplayPeriod(MONDAY, SUNDAY));
        ReplayReport fromPrimary = replay.replay(version("tianjin-2022"), new ReplayPeriod(MONDAY, SUNDAY));
        assertTrue(fromReplica.ranOnReplica());
        assertFalse(fromPrimary.ranOnReplica());
        assertEquals(fromPrimary.total(), fromReplica.total());
        assertEquals(fromPrimary.areas(), fromReplica.areas());
        assertEquals(fromPrimary.routes(), fromReplica.routes());
    }

    @Test
    void aPeriodReachingPastTodayIsRefusedWithADomainError() {
        LocalDate today = ChinaCalendar.mealDate(TestClock.current().instant());
        ApiException e = assertThrows(ApiException.class,
                () -> replay.replay(version("tianjin-2024"), new ReplayPeriod(today, today.plusDays(1))));
        assertEquals("REPLAY_PERIOD_NOT_OVER", e.code());
        assertTrue(e.messageZh().contains("回放期间"));
    }

    // ------------------------------------------------------------------------------------------ the week, recorded

    private World recordTheWeek() {
        JsonPath a = registerCanteen("海滨街道");
        JsonPath b = registerCanteen("宝平街道");
        String termA = a.getString("terminalSecrets[0].authorization");
        String termB = b.getString("terminalSecrets[0].authorization");
        Instant hired = at(MONDAY.minusDays(1), 9, 0);
        TestClock.current().at(hired, () -> {
            addCashier(a.getString("canteen.code"), "1001");
            addCashier(b.getString("canteen.code"), "2001");
        });
        String s1 = TestApi.registerSenior("周桂兰", "宝坻区");
        String s2 = TestApi.registerSenior("吴振华", "宝坻区");
        String s3 = TestApi.registerSenior("郑玉珍", "宝坻区");
        String s4 = TestApi.registerSenior("冯德胜", "宝坻区");
        String s5 = registerSeniorBornIn(1948, "陈素梅");
        UUID shiftA = openShift(termA, "1001", at(MONDAY, 6, 0));
        UUID shiftB = openShift(termB, "2001", at(MONDAY, 6, 0));

        // S1
        for (int d = 0; d < 4; d++) {
            live(termA, s1, "L-STD", at(MONDAY.plusDays(d), 11, 0), 200);
        }
        live(termB, s1, "L-STD", at(MONDAY.plusDays(4), 11, 0), 200);
        refusedAtTheTill(termA, shiftA, "1001", s1, "L-STD", at(MONDAY.plusDays(5), 11, 0), "QUOTA_USED_THIS_WEEK");
        // S2: a void gives the quota back before the resale
        String voided = live(termA, s2, "L-STD", at(MONDAY, 11, 20), 200);
        voidSale(termA, voided, at(MONDAY, 11, 21));
        live(termB, s2, "L-STD", at(MONDAY, 12, 0), 200);
        Instant offlineAt = at(MONDAY.plusDays(1), 11, 45);
        TestClock.current().at(offlineAt.plusSeconds(45 * 60), () -> asTerminal(termA)
                .body(Map.of("sales", List.of(Map.of("saleId", UUID.randomUUID().toString(),
                        "occurredAt", offlineAt.toString(), "identification", card(s2),
                        "mealSetCode", "L-STD", "priceFen", 1500, "granted", true))))
                .post("/api/meals/offline").then().statusCode(200).body("[0].status", equalTo("SUBSIDISED")));
        // S3
        live(termA, s3, "B-STD", at(MONDAY.plusDays(1), 7, 30), 200);
        refusedAtTheTill(termA, shiftA, "1001", s3, "L-STD", at(MONDAY.plusDays(1), 11, 5), "QUOTA_USED_TODAY");
        // S4
        live(termB, s4, "B-STD", at(MONDAY.plusDays(2), 7, 30), 200);
        // S5
        refusedAtTheTill(termA, shiftA, "1001", s5, "L-STD", at(MONDAY, 11, 10), "NOT_ELIGIBLE");
        refusedAtTheTill(termB, shiftB, "2001", s5, "L-STD", at(MONDAY.plusDays(1), 11, 10), "NOT_ELIGIBLE");
        return new World(a.getString("canteen.code"), b.getString("canteen.code"));
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(ChinaCalendar.ZONE).toInstant();
    }

    private static Map<String, Object> card(String uid) {
        return Map.of("method", "CARD", "cardKind", "UID", "identifier", uid);
    }

    /** A sale through the live ledger at that moment (the clock stands there); answers the sale id. */
    private static String live(String terminal, String uid, String set, Instant when, int status) {
        String saleId = UUID.randomUUID().toString();
        TestClock.current().at(when, () -> asTerminal(terminal).body(Map.of("saleId", saleId,
                        "occurredAt", when.toString(), "identification", card(uid), "mealSetCode", set,
                        "priceFen", 1500))
                .post("/api/meals").then().statusCode(status));
        return saleId;
    }

    private static void voidSale(String terminal, String saleId, Instant when) {
        TestClock.current().at(when, () -> asTerminal(terminal)
                .body(Map.of("voidId", UUID.randomUUID().toString(), "occurredAt", when.toString()))
                .post("/api/meals/" + saleId + "/void").then().statusCode(200));
    }

    /** As at the counter: the ledger refuses the subsidy, the till sells the set at full price to the senior. */
    private void refusedAtTheTill(String terminal, UUID shift, String cashier, String uid, String set, Instant when,
                                  String refusal) {
        TestClock.current().at(when, () -> {
            asTerminal(terminal).body(Map.of("saleId", UUID.randomUUID().toString(), "occurredAt", when.toString(),
                            "identification", card(uid), "mealSetCode", set, "priceFen", 1500))
                    .post("/api/meals").then().statusCode(422).body("code", equalTo(refusal));
            TillSale sale = new TillSale(UUID.randomUUID(), shift, OffsetDateTime.ofInstant(when, ChinaCalendar.ZONE),
                    cashier, set, Money.ofFen(1500), Money.ZERO, Money.ofFen(1500), Tender.WECHAT, null, null, false,
                    false, "CARD", IdentificationRequest.card("UID", uid));
            asTerminal(terminal).body(write(List.of(sale))).post("/api/counter/till/sales").then().statusCode(200)
                    .body("[0].outcome", equalTo("ACCEPTED"));
        });
    }

    private UUID openShift(String terminal, String cashier, Instant when) {
        UUID shift = UUID.randomUUID();
        TestClock.current().at(when, () -> asTerminal(terminal)
                .body(write(new ShiftOpening(shift, OffsetDateTime.ofInstant(when, ChinaCalendar.ZONE), cashier,
                        Money.ofYuan(100))))
                .post("/api/counter/till/shifts").then().statusCode(200).body("outcome", equalTo("ACCEPTED")));
        return shift;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addCashier(String canteenCode, String number) {
        as(ADMIN).body(Map.of("number", number, "name", "收银员" + number, "pin", "470215"))
                .post("/api/register/canteens/" + canteenCode + "/cashiers").then().statusCode(201);
    }

    /** A canteen with a 15-yuan standard breakfast and lunch (and a smaller lunch below the standard). */
    private static JsonPath registerCanteen(String subdistrict) {
        String code = TestApi.unique("RPL");
        return as(ADMIN).body(Map.of(
                        "code", code, "name", "回放测试食堂", "jurisdiction", "tianjin", "district", "宝坻区",
                        "subdistrict", subdistrict, "address", "测试路2号", "standardSetPriceFen", 1500,
                        "menu", List.of(
                                Map.of("code", "B-STD", "name", "标准早餐套餐", "slot", "BREAKFAST", "priceFen", 1500),
                                Map.of("code", "L-STD", "name", "标准午餐套餐", "slot", "LUNCH", "priceFen", 1500),
                                Map.of("code", "L-SML", "name", "小份午餐", "slot", "LUNCH", "priceFen", 1050)),
                        "terminals", List.of(Map.of("code", code + "-T1", "name", "1号收银台"))))
                .post("/api/register/canteens").then().statusCode(201).extract().jsonPath();
    }

    /** An enrolled local senior born in that year (as TestApi's, another age); answers the card's UID. */
    private static String registerSeniorBornIn(int year, String name) {
        String uid = TestApi.newUid();
        as(ADMIN).body(Map.of("idNumber", TestApi.idNumber(year, false), "name", name, "phone", "13812345678",
                        "district", "宝坻区", "subdistrict", "海滨街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")),
                        "cards", List.of(Map.of("kind", "UID", "identifier", uid, "issuedOn", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201);
        return uid;
    }

    // ------------------------------------------------------------------------------------------ reading the answers

    private PolicyVersion version(String id) {
        return policies.book("tianjin").version(id).orElseThrow();
    }

    /** The 2024 file with some lines changed, read and checked as an uploaded draft is. */
    private static PolicyVersion draft(Map<String, String> changes) throws IOException {
        String text;
        try (InputStream in = PolicyCatalog.class.getClassLoader().getResourceAsStream("policies/tianjin/2024.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replace("id: tianjin-2024", "id: draft-test");
        for (Map.Entry<String, String> c : changes.entrySet()) {
            // the first occurrence only: "min_age: 80" is route 1's
            int i = text.indexOf(c.getKey());
            assertTrue(i >= 0, c.getKey());
            text = text.substring(0, i) + c.getValue() + text.substring(i + c.getKey().length());
        }
        return PolicyCatalog.readVersion(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "draft.yaml");
    }

    private static ReplayFigures figures(long meals, long discountFen, long operatingFen, long seniors) {
        return new ReplayFigures(meals, Money.ofFen(discountFen), Money.ofFen(operatingFen), seniors);
    }

    private static cn.laorenjia.settlement.replay.service.ReplayComparison canteen(ReplayReport report, String code) {
        return report.areas().stream().filter(r -> r.level() == ReplayLevel.CANTEEN && r.code().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no row for canteen " + code)).figures();
    }

    private long ledgerTotalFen(LocalDate from, LocalDate to) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(sum(discount_fen + operating_subsidy_fen), 0) from meal_entry "
                     + "where meal_date between '" + from + "' and '" + to + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
