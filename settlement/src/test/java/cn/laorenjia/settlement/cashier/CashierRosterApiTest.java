package cn.laorenjia.settlement.cashier;

import cn.laorenjia.settlement.security.PasswordHasher;
import cn.laorenjia.settlement.security.TestApi;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roster a counter fetches for offline sign-in ({@code GET /api/counter/cashiers}), over HTTP against the real
 * service and database: only the terminal's own canteen, only active cashiers, PIN hashes that verify the PIN but
 * never the PIN, ETag/304, and an audit row for each roster handed out.
 */
@QuarkusTest
class CashierRosterApiTest {

    private static final String ROSTER = "/api/counter/cashiers";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PasswordHasher hasher;

    private String canteen;
    private String terminal;
    private String terminalCode;
    private String otherTerminal;

    @BeforeEach
    void twoCanteens() {
        JsonPath one = TestApi.registerCanteen("海滨街道");
        canteen = one.getString("canteen.code");
        terminal = one.getString("terminalSecrets[0].authorization");
        terminalCode = one.getString("terminalSecrets[0].terminalCode");
        JsonPath two = TestApi.registerCanteen("宝平街道");
        String otherCanteen = two.getString("canteen.code");
        otherTerminal = two.getString("terminalSecrets[0].authorization");
        addCashier(canteen, "1001", "王丽", "470215");
        addCashier(canteen, "1002", "陈红", "305728");
        addCashier(otherCanteen, "2001", "李强", "581937");
    }

    @Test
    void aCounterGetsItsOwnCanteensActiveCashiersWithPinHashesNeverPins() {
        as(ADMIN).post(cashiers(canteen) + "/1002/deactivate").then().statusCode(200);

        Response r = asTerminal(terminal).get(ROSTER);
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("no-store", r.header("Cache-Control"));
        assertNotNull(r.header("ETag"));
        JsonPath roster = r.jsonPath();
        assertEquals(List.of("1001"), roster.getList("cashiers.number"), "active cashiers of this canteen only");
        assertEquals("王丽", roster.getString("cashiers[0].name"));
        assertNotNull(roster.getString("generatedAt"));
        String verifier = roster.getString("cashiers[0].pinVerifier");
        assertTrue(verifier.matches("\\$2[aby]?\\$\\d\\d\\$.{53}"), "a bcrypt modular-crypt hash: " + verifier);
        assertTrue(hasher.matches("470215", verifier), "the hash verifies the PIN");
        assertFalse(hasher.matches("470216", verifier));
        String body = r.asString();
        for (String secret : List.of("470215", "305728", "581937", "2001", "李强", "陈红")) {
            assertFalse(body.contains(secret), "the roster holds no PIN, nor another canteen's or an inactive cashier: "
                    + secret);
        }

        Response other = asTerminal(otherTerminal).get(ROSTER);
        assertEquals(List.of("2001"), other.jsonPath().getList("cashiers.number"));
    }

    @Test
    void onlyTerminalsGetARosterAndARosterHandedOutIsAudited() {
        as(ADMIN).get(ROSTER).then().statusCode(403);
        RestAssured.given().get(ROSTER).then().statusCode(401);
        asTerminal("Terminal " + terminalCode + ":wrong-secret").get(ROSTER).then().statusCode(401);

        Response first = asTerminal(terminal).get(ROSTER);
        String etag = first.header("ETag");
        // the counter holds the current roster: nothing handed out, nothing audited
        asTerminal(terminal).header("If-None-Match", etag).get(ROSTER).then().statusCode(304);
        asTerminal(terminal).header("If-None-Match", etag).get(ROSTER).then().statusCode(304);
        assertEquals(List.of(terminalCode), issuedTo(canteen), "one roster handed out, by this terminal");
        assertTrue(details(canteen).get(0).contains("\"cashiers\": 2"), details(canteen).toString());
    }

    @Test
    void aPinChangeADeactivationAndANewCashierMakeANewRoster() {
        String etag = asTerminal(terminal).get(ROSTER).header("ETag");

        as(ADMIN).body(Map.of("pin", "692047")).post(cashiers(canteen) + "/1001/pin").then().statusCode(200);
        Response changed = asTerminal(terminal).header("If-None-Match", etag).get(ROSTER);
        assertEquals(200, changed.statusCode());
        assertNotEquals(etag, changed.header("ETag"));
        String verifier = changed.jsonPath().getString("cashiers.find { it.number == '1001' }.pinVerifier");
        assertTrue(hasher.matches("692047", verifier));
        assertFalse(hasher.matches("470215", verifier), "the old PIN no longer verifies");

        etag = changed.header("ETag");
        as(ADMIN).post(cashiers(canteen) + "/1002/deactivate").then().statusCode(200);
        Response deactivated = asTerminal(terminal).header("If-None-Match", etag).get(ROSTER);
        assertEquals(200, deactivated.statusCode());
        assertEquals(List.of("1001"), deactivated.jsonPath().getList("cashiers.number"));

        etag = deactivated.header("ETag");
        addCashier(canteen, "1003", "刘洋", "716203");
        Response added = asTerminal(terminal).header("If-None-Match", etag).get(ROSTER);
        assertEquals(200, added.statusCode());
        assertEquals(List.of("1001", "1003"), added.jsonPath().getList("cashiers.number"));
        assertEquals(4, issuedTo(canteen).size());
    }

    private static String cashiers(String canteenCode) {
        return "/api/register/canteens/" + canteenCode + "/cashiers";
    }

    private static void addCashier(String canteenCode, String number, String name, String pin) {
        as(ADMIN).body(Map.of("number", number, "name", name, "pin", pin)).post(cashiers(canteenCode)).then()
                .statusCode(201);
    }

    private List<String> issuedTo(String canteenCode) {
        return query("select actor from audit_event where action = 'CASHIER_ROSTER_ISSUED' and subject_kind = 'canteen' "
                + "and subject_id = ? order by id", canteenCode);
    }

    private List<String> details(String canteenCode) {
        return query("select details::text from audit_event where action = 'CASHIER_ROSTER_ISSUED' "
                + "and subject_kind = 'canteen' and subject_id = ? order by id", canteenCode);
    }

    private List<String> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            List<String> rows = new java.util.ArrayList<>();
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
}
