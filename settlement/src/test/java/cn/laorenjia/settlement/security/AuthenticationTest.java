package cn.laorenjia.settlement.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.SUPERVISOR;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Who may call what: people by role, terminals by their own secret. */
@QuarkusTest
class AuthenticationTest {

    @Test
    void withoutCredentialsTheRegisterAnswers401WithTheErrorBodyAndNoBasicChallenge() {
        // a Basic challenge would make a browser prompt and then send the password with cross-site requests too
        given().get("/api/register/seniors").then().statusCode(401)
                .contentType(ContentType.JSON)
                .body("code", equalTo("UNAUTHENTICATED"))
                .body("message", equalTo("请先登录，或提供有效的终端凭证"))
                .header("WWW-Authenticate", matchesPattern("Terminal realm=.*"));
        given().get("/api/register/summary").then().statusCode(401);
        given().get("/api/register/canteens").then().statusCode(401);
        given().get("/api/security/me").then().statusCode(401);
        // health stays open (the API description is for administrators: SignInTest)
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void aWrongPasswordOrUnknownPersonIs401() {
        given().auth().preemptive().basic(ADMIN, "not-the-password").get("/api/register/seniors")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().auth().preemptive().basic("nobody-here", "whatever-password").get("/api/register/seniors")
                .then().statusCode(401);
    }

    @Test
    void rolesDecideWhatAPersonMayDo() {
        as(ADMIN).get("/api/security/me").then().statusCode(200)
                .body("kind", equalTo("person")).body("name", equalTo(ADMIN)).body("roles", hasItem("administrator"));
        // read-only register figures for supervisors and finance staff
        as(SUPERVISOR).get("/api/register/summary").then().statusCode(200);
        as(FINANCE).get("/api/register/seniors?limit=1").then().statusCode(200);
        // but they may not change the register or manage people
        as(FINANCE).body(Map.of("idNumber", TestApi.newIdNumber(true), "name", "王五", "district", "宝坻区",
                "subdistrict", "海滨街道")).post("/api/register/seniors")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN")).body("message", equalTo("无权执行此操作"));
        as(SUPERVISOR).post("/api/register/terminals/ANY/secret").then().statusCode(403);
        as(SUPERVISOR).get("/api/security/people").then().statusCode(403);
    }

    @Test
    void aTerminalAuthenticatesWithItsOwnSecretAndCarriesItsCanteen() {
        JsonPath canteen = TestApi.registerCanteen("海滨街道");
        String terminalCode = canteen.getString("canteen.terminals[0].code");
        String authorization = canteen.getString("terminalSecrets[0].authorization");
        String secret = canteen.getString("terminalSecrets[0].secret");
        assertEquals("Terminal " + terminalCode + ":" + secret, authorization);
        assertEquals(43, secret.length());

        asTerminal(authorization).get("/api/security/me").then().statusCode(200)
                .body("kind", equalTo("terminal"))
                .body("name", equalTo(terminalCode))
                .body("roles", equalTo(List.of("terminal")))
                .body("terminalId", equalTo(canteen.getInt("canteen.terminals[0].id")))
                .body("canteenId", equalTo(canteen.getInt("canteen.id")));
        // a terminal is not a person: the register is closed to it
        asTerminal(authorization).get("/api/register/seniors").then().statusCode(403);
        // the secret never appears again
        as(ADMIN).get("/api/register/terminals?canteen=" + canteen.getString("canteen.code")).then().statusCode(200)
                .body("[0].code", equalTo(terminalCode)).body("[0]", not(hasItem("secret")))
                .body("[0].secretIssuedAt", not(nullValue()));
    }

    @Test
    void wrongSecretsOtherTerminalsSecretsAndMalformedHeadersAre401() {
        JsonPath a = TestApi.registerCanteen("海滨街道");
        JsonPath b = TestApi.registerCanteen("宝平街道");
        String codeA = a.getString("canteen.terminals[0].code");
        String secretB = b.getString("terminalSecrets[0].secret");

        asTerminal("Terminal " + codeA + ":" + secretB).get("/api/security/me").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        asTerminal("Terminal " + codeA + ":" + "x".repeat(43)).get("/api/security/me").then().statusCode(401);
        asTerminal("Terminal NO-SUCH-TERMINAL:" + secretB).get("/api/security/me").then().statusCode(401);
        asTerminal("Terminal " + codeA).get("/api/security/me").then().statusCode(401);
        asTerminal("Terminal " + codeA + ":").get("/api/security/me").then().statusCode(401);
    }

    @Test
    void rotatingReplacesTheSecretAndADeactivatedTerminalIsRefused() {
        JsonPath canteen = TestApi.registerCanteen("口东街道");
        String code = canteen.getString("canteen.terminals[0].code");
        String first = canteen.getString("terminalSecrets[0].authorization");
        asTerminal(first).get("/api/security/me").then().statusCode(200);

        String second = as(ADMIN).post("/api/register/terminals/" + code + "/secret").then().statusCode(200)
                .body("terminalCode", equalTo(code)).extract().path("authorization");
        assertNotEquals(first, second);
        asTerminal(first).get("/api/security/me").then().statusCode(401);
        asTerminal(second).get("/api/security/me").then().statusCode(200);

        as(ADMIN).post("/api/register/terminals/" + code + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));
        asTerminal(second).get("/api/security/me").then().statusCode(401);
        as(ADMIN).post("/api/register/terminals/" + code + "/activate").then().statusCode(200)
                .body("active", equalTo(true));
        asTerminal(second).get("/api/security/me").then().statusCode(200);

        as(ADMIN).post("/api/register/terminals/NO-SUCH-TERMINAL/secret").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_TERMINAL"));
    }

    @Test
    void anAdministratorCreatesACanteenManagerWhoSeesOnlyTheirCanteen() {
        JsonPath canteen = TestApi.registerCanteen("海滨街道");
        String canteenCode = canteen.getString("canteen.code");
        String username = TestApi.unique("mgr").toLowerCase();
        JsonPath created = as(ADMIN).body(Map.of("username", username, "displayName", "李经理",
                        "roles", List.of("canteen_manager"), "canteenCode", canteenCode))
                .post("/api/security/people").then().statusCode(201)
                .body("person.canteenCode", equalTo(canteenCode))
                .body("person.roles", equalTo(List.of("canteen_manager")))
                .extract().jsonPath();
        String password = created.getString("password");
        assertEquals(20, password.length());

        given().auth().preemptive().basic(username, password).get("/api/security/me").then().statusCode(200)
                .body("canteenId", equalTo(canteen.getInt("canteen.id")));
        given().auth().preemptive().basic(username, password).get("/api/register/canteens").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].code", equalTo(canteenCode));
        given().auth().preemptive().basic(username, password).get("/api/register/seniors").then().statusCode(403);

        // the list of people never shows a password or its hash
        as(ADMIN).get("/api/security/people").then().statusCode(200)
                .body("username", hasItems(ADMIN, username))
                .body("find { it.username == '" + username + "' }.hasPassword", equalTo(true))
                .body("find { it.username == '" + username + "' }", not(hasItem("passwordHash")));

        // a manager without a canteen, a duplicate and an unknown role are refused
        as(ADMIN).body(Map.of("username", TestApi.unique("m").toLowerCase(), "displayName", "无食堂",
                "roles", List.of("canteen_manager"))).post("/api/security/people")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        as(ADMIN).body(Map.of("username", username, "displayName", "重复", "roles", List.of("finance")))
                .post("/api/security/people").then().statusCode(409).body("code", equalTo("DUPLICATE_USERNAME"));
        as(ADMIN).body(Map.of("username", TestApi.unique("r").toLowerCase(), "displayName", "未知角色",
                "roles", List.of("terminal"))).post("/api/security/people").then().statusCode(400);

        // deactivated: signed out for good
        as(ADMIN).post("/api/security/people/" + username + "/deactivate").then().statusCode(200);
        given().auth().preemptive().basic(username, password).get("/api/security/me").then().statusCode(401);
    }
}
