package cn.laorenjia.settlement.cashier;

import cn.laorenjia.settlement.ledger.chain.ChainVerification;
import cn.laorenjia.settlement.ledger.chain.LedgerSealer;
import cn.laorenjia.settlement.ledger.chain.LedgerVerifier;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The register of cashiers, a cashier's sign-in at the counter and the cashier the ledger records, over HTTP against
 * the real service and database. Every cashier is registered here through the administrators' API.
 */
@QuarkusTest
class CashierApiTest {

    private static final String CHINESE = ".*\\p{IsHan}.*";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    LedgerSealer sealer;

    @Inject
    LedgerVerifier verifier;

    private String canteen;
    private String terminal;
    private String terminalCode;
    private String otherCanteen;
    private String otherTerminal;

    @BeforeEach
    void twoCanteensWithACashierEach() {
        JsonPath one = TestApi.registerCanteen("海滨街道");
        canteen = one.getString("canteen.code");
        terminal = one.getString("terminalSecrets[0].authorization");
        terminalCode = one.getString("terminalSecrets[0].terminalCode");
        JsonPath two = TestApi.registerCanteen("宝平街道");
        otherCanteen = two.getString("canteen.code");
        otherTerminal = two.getString("terminalSecrets[0].authorization");
        addCashier(canteen, "1001", "王丽", "470215").statusCode(201);
        addCashier(otherCanteen, "2001", "李强", "581937").statusCode(201);
    }

    @Test
    void administratorsKeepTheRegisterAndNeverSeeAHash() {
        addCashier(canteen, "7", "赵敏", "30572846").statusCode(201)
                .body("number", equalTo("7")).body("name", equalTo("赵敏")).body("active", equalTo(true))
                .body("$", not(hasKey("pinHash"))).body("$", not(hasKey("pin")));
        as(ADMIN).get(cashiers(canteen)).then().statusCode(200)
                .body("number", contains("1001", "7"))
                .body("[0]", not(hasKey("pinHash")));
        String listed = as(ADMIN).get(cashiers(canteen)).then().extract().asString();
        assertTrue(!listed.contains("$2"), "no bcrypt hash in the list: " + listed);

        addCashier(canteen, "1001", "又一个", "580213").statusCode(409).body("code", equalTo("DUPLICATE_CASHIER"))
                .body("message", matchesPattern(CHINESE));
        // the same number in another canteen is another cashier
        addCashier(otherCanteen, "1001", "孙芳", "580213").statusCode(201);
        addCashier("NO-SUCH-CANTEEN", "1", "某人", "580213").statusCode(404).body("code", equalTo("UNKNOWN_CANTEEN"));
        as(FINANCE).body(Map.of("number", "9", "name", "某人", "pin", "580213")).post(cashiers(canteen))
                .then().statusCode(403);

        as(ADMIN).body(Map.of("pin", "692047")).post(cashiers(canteen) + "/7/pin").then().statusCode(200)
                .body("number", equalTo("7"));
        as(ADMIN).body(Map.of("pin", "692047")).post(cashiers(canteen) + "/99/pin").then().statusCode(404)
                .body("code", equalTo("CASHIER_NOT_FOUND"));
        as(ADMIN).post(cashiers(canteen) + "/7/deactivate").then().statusCode(200).body("active", equalTo(false));

        List<String> audited = audited("cashier", canteen + "/7");
        assertEquals(List.of("CASHIER_REGISTERED", "CASHIER_PIN_CHANGED", "CASHIER_DEACTIVATED"), audited);
    }

    @Test
    void aPinIsFourToEightDigitsNeitherOneDigitRepeatedNorARun() {
        for (String weak : List.of("0000", "1111111", "1234", "123456", "9876", "7890", "87654321")) {
            addCashier(canteen, "11", "周杰", weak).statusCode(400).body("code", equalTo("PIN_TOO_WEAK"))
                    .body("message", matchesPattern(CHINESE));
        }
        for (String malformed : List.of("", "123", "123456789", "12a4", "１２３４５")) {
            addCashier(canteen, "11", "周杰", malformed).statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                    .body("message", matchesPattern(CHINESE));
        }
        for (String badNumber : List.of("", "123456789", "A1", "-1")) {
            addCashier(canteen, badNumber, "周杰", "470215").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        }
        as(ADMIN).body(Map.of("number", "11", "pin", "470215")).post(cashiers(canteen)).then().statusCode(400)
                .body("code", equalTo("INVALID_NAME")).body("details.field", equalTo("name"));
        // nothing of it was registered, the PIN change refuses a weak PIN too
        as(ADMIN).get(cashiers(canteen)).then().body("number", contains("1001"));
        as(ADMIN).body(Map.of("pin", "4444")).post(cashiers(canteen) + "/1001/pin").then().statusCode(400)
                .body("code", equalTo("PIN_TOO_WEAK"));
        signIn(terminal, "1001", "470215").statusCode(200);
    }

    @Test
    void aCashierSignsInAtACounterOfTheirCanteenOnly() {
        signIn(terminal, "1001", "470215").statusCode(200)
                .body("number", equalTo("1001")).body("name", equalTo("王丽"));

        String wrongPin = signIn(terminal, "1001", "470216").statusCode(403)
                .body("code", equalTo("CASHIER_SIGN_IN_FAILED")).body("message", matchesPattern(CHINESE))
                .extract().asString();
        String unknownNumber = signIn(terminal, "4242", "470215").statusCode(403).extract().asString();
        String otherCanteensCashier = signIn(terminal, "2001", "581937").statusCode(403).extract().asString();
        assertEquals(wrongPin, unknownNumber, "an unknown number is answered as a wrong PIN");
        assertEquals(wrongPin, otherCanteensCashier, "a cashier of another canteen is answered as a wrong PIN");
        signIn(otherTerminal, "1001", "470215").statusCode(403).body("code", equalTo("CASHIER_SIGN_IN_FAILED"));
        signIn(otherTerminal, "2001", "581937").statusCode(200).body("name", equalTo("李强"));

        as(ADMIN).post(cashiers(canteen) + "/1001/deactivate").then().statusCode(200);
        assertEquals(wrongPin, signIn(terminal, "1001", "470215").statusCode(403).extract().asString(),
                "an inactive cashier is answered as a wrong PIN");
        as(ADMIN).post(cashiers(canteen) + "/1001/activate").then().statusCode(200);
        as(ADMIN).body(Map.of("pin", "692047")).post(cashiers(canteen) + "/1001/pin").then().statusCode(200);
        signIn(terminal, "1001", "470215").statusCode(403);
        signIn(terminal, "1001", "692047").statusCode(200);

        // only terminals sign cashiers in; a missing field is the request's fault
        as(ADMIN).body(Map.of("number", "1001", "pin", "692047")).post("/api/counter/cashiers/sign-in").then()
                .statusCode(403);
        asTerminal(terminal).body(Map.of("number", "1001")).post("/api/counter/cashiers/sign-in").then()
                .statusCode(400).body("code", equalTo("INVALID_REQUEST"));

        List<String> failures = audited("cashier", canteen + "/1001");
        assertEquals(3, failures.stream().filter("CASHIER_SIGN_IN_FAILED"::equals).count(), failures.toString());
        assertTrue(actorsOf("CASHIER_SIGN_IN_FAILED", canteen + "/1001").stream().allMatch(terminalCode::equals));
    }

    @Test
    void repeatedWrongPinsLockTheNumberAtThatCounterForAWhile() {
        addCashier(canteen, "1002", "陈红", "305728").statusCode(201);
        for (int i = 1; i <= 5; i++) {
            signIn(terminal, "1001", "000001").statusCode(403).body("code", equalTo("CASHIER_SIGN_IN_FAILED"));
        }
        // from the fifth wrong PIN a back-off: even the right PIN is refused now, with Retry-After
        signIn(terminal, "1001", "470215").statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"))
                .body("message", matchesPattern(CHINESE)).header("Retry-After", matchesPattern("[0-9]+"));
        assertTrue(audited("cashier", canteen + "/1001").contains("CASHIER_SIGN_IN_REFUSED_LOCKED"));
        // another cashier at the same counter is not locked out
        signIn(terminal, "1002", "305728").statusCode(200);
        clock.advance(Duration.ofSeconds(3));
        signIn(terminal, "1001", "470215").statusCode(200);
    }

    @Test
    void aSaleAndItsVoidRecordTheirCashiersAndAnUnknownCashierIsRefusedWithNothingWritten() {
        addCashier(canteen, "1002", "陈红", "305728").statusCode(201);
        addCashier(canteen, "1003", "刘洋", "716203").statusCode(201);
        as(ADMIN).post(cashiers(canteen) + "/1003/deactivate").then().statusCode(200);
        String uid = registerSenior();
        long entries = count("select count(*) from meal_entry");
        long quota = count("select coalesce(sum(used), 0) from quota_day");

        for (String notACashier : List.of("4242", "2001", "1003", "12a", "")) {
            sell(sale(UUID.randomUUID(), uid, notACashier)).statusCode(403).body("code", equalTo("CASHIER_UNKNOWN"))
                    .body("message", matchesPattern(CHINESE));
        }
        assertEquals(entries, count("select count(*) from meal_entry"));
        assertEquals(quota, count("select coalesce(sum(used), 0) from quota_day"));

        UUID saleId = UUID.randomUUID();
        Map<String, Object> sale = sale(saleId, uid, "1001");
        JsonPath first = sell(sale).statusCode(200).body("status", equalTo("SUBSIDISED")).extract().jsonPath();
        // a retry with the same cashier is the same request; with another cashier it is another sale
        assertEquals(first.getMap(""), sell(sale).statusCode(200).extract().jsonPath().getMap(""));
        Map<String, Object> otherCashier = new HashMap<>(sale);
        otherCashier.put("cashier", "1002");
        sell(otherCashier).statusCode(409).body("code", equalTo("DUPLICATE_ID_DIFFERENT_BODY"));
        assertEquals("1001", cashierOf(saleId));

        UUID voidId = UUID.randomUUID();
        asTerminal(terminal).body(Map.of("voidId", voidId.toString(), "occurredAt", now(), "cashier", "4242"))
                .post("/api/meals/" + saleId + "/void").then().statusCode(403).body("code", equalTo("CASHIER_UNKNOWN"));
        assertNull(cashierOf(voidId), "the refused void wrote nothing");
        asTerminal(terminal).body(Map.of("voidId", voidId.toString(), "occurredAt", now(), "cashier", "1002"))
                .post("/api/meals/" + saleId + "/void").then().statusCode(200).body("status", equalTo("VOIDED"));
        assertEquals("1002", cashierOf(voidId), "the void records who voided it");
        assertEquals("1001", cashierOf(saleId));

        // an API client that names no cashier is recorded without one
        UUID anonymous = UUID.randomUUID();
        Map<String, Object> noCashier = new HashMap<>(sale(anonymous, uid, null));
        sell(noCashier).statusCode(200);
        assertEquals(1, count("select count(*) from meal_entry where entry_id = '" + anonymous + "' and cashier_number is null"));
    }

    @Test
    void offlineSalesCarryTheirCashierAndANumberThatIsNoCashierRefusesTheBatch() {
        String uid = registerSenior();
        long entries = count("select count(*) from meal_entry");
        UUID saleId = UUID.randomUUID();
        Map<String, Object> offline = new HashMap<>(sale(saleId, uid, "1001"));
        offline.put("granted", true);
        Map<String, Object> stranger = new HashMap<>(sale(UUID.randomUUID(), uid, "4242"));
        stranger.put("granted", true);
        asTerminal(terminal).body(Map.of("sales", List.of(offline, stranger))).post("/api/meals/offline").then()
                .statusCode(403).body("code", equalTo("CASHIER_UNKNOWN"));
        assertEquals(entries, count("select count(*) from meal_entry"));

        // a cashier deactivated since the sale was made offline is still theirs
        as(ADMIN).post(cashiers(canteen) + "/1001/deactivate").then().statusCode(200);
        asTerminal(terminal).body(Map.of("sales", List.of(offline))).post("/api/meals/offline").then()
                .statusCode(200).body("[0].status", equalTo("SUBSIDISED"));
        assertEquals("1001", cashierOf(saleId));
    }

    @Test
    void theLedgerChainStaysVerifiableWithCashiersRecorded() {
        String uid = registerSenior();
        sell(sale(UUID.randomUUID(), uid, "1001")).statusCode(200);
        sell(sale(UUID.randomUUID(), uid, null)).statusCode(422); // the day's quota used: nothing recorded
        sealer.seal();
        ChainVerification verification = verifier.verify();
        assertTrue(verification.intact(), verification.describe());
    }

    // --- helpers

    private static String cashiers(String canteenCode) {
        return "/api/register/canteens/" + canteenCode + "/cashiers";
    }

    private static ValidatableResponse addCashier(String canteenCode, String number, String name, String pin) {
        return as(ADMIN).body(Map.of("number", number, "name", name, "pin", pin)).post(cashiers(canteenCode)).then();
    }

    private static ValidatableResponse signIn(String terminal, String number, String pin) {
        return asTerminal(terminal).body(Map.of("number", number, "pin", pin)).post("/api/counter/cashiers/sign-in")
                .then();
    }

    private ValidatableResponse sell(Map<String, Object> sale) {
        return asTerminal(terminal).body(sale).post("/api/meals").then();
    }

    private Map<String, Object> sale(UUID saleId, String uid, String cashier) {
        Map<String, Object> sale = new HashMap<>(Map.of("saleId", saleId.toString(), "occurredAt", now(),
                "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                "mealSetCode", "L-STD", "priceFen", 1500));
        if (cashier != null) {
            sale.put("cashier", cashier);
        }
        return sale;
    }

    private String registerSenior() {
        return TestApi.registerSenior("钱德海", "宝坻区");
    }

    private String now() {
        return OffsetDateTime.now(clock).toString();
    }

    private String cashierOf(UUID entryId) {
        return query("select cashier_number from meal_entry where entry_id = ?", entryId.toString(), true)
                .stream().findFirst().orElse(null);
    }

    private List<String> audited(String kind, String id) {
        return query("select action from audit_event where subject_kind = 'cashier' and subject_id = ? order by id",
                id, false);
    }

    private List<String> actorsOf(String action, String id) {
        return query("select actor from audit_event where subject_kind = 'cashier' and action = '" + action
                + "' and subject_id = ? order by id", id, false);
    }

    private List<String> query(String sql, String parameter, boolean uuid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (uuid) {
                s.setObject(1, UUID.fromString(parameter));
            } else {
                s.setString(1, parameter);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
