package cn.laorenjia.terminal.cashier;

import cn.laorenjia.terminal.e2e.SettlementBehindASwitch;
import cn.laorenjia.terminal.e2e.SettlementProcess;
import cn.laorenjia.terminal.offline.OfflineConfig;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.terminal.testing.CounterApi;
import cn.laorenjia.terminal.testing.SwitchableProxy;
import cn.laorenjia.terminal.testing.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Offline sign-in from the roster the central gives the counter, against the real settlement service on real
 * PostgreSQL behind a link the test cuts ({@link SettlementBehindASwitch}), through the counter's local API: a cashier
 * who never signed in at this counter signs in with the central cut; wrong PINs are refused and lock the number;
 * a deactivated cashier and an old PIN are refused after the roster's refresh (which rides on the offline copy's);
 * and the roster on disk is sealed: without the terminal secret it holds no hash, number or name.
 */
@QuarkusTest
@WithTestResource(SettlementBehindASwitch.class)
class OfflineCashierSignInTest {

    /** The canteen of the test's terminal (SettlementProcess.TERMINAL). */
    private static final String CANTEEN = "BD-HB-01";
    private static final String CHINESE = ".*\\p{IsHan}.*";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @SettlementBehindASwitch.CounterLink
    SwitchableProxy link;

    @Inject
    OfflineCounter offline;

    @Inject
    OfflineConfig offlineConfig;

    @Inject
    CashierSession session;

    @Inject
    TestClock clock;

    @Inject
    SettlementClient central;

    @AfterEach
    void linkBackAndSignedOut() {
        if (link != null) {
            link.restore();
        }
        session.signOut();
    }

    @Test
    void aCashierWhoNeverSignedInHereSignsInOfflineWrongPinsLockAndTheRosterFollowsTheRegister() throws Exception {
        assumeTrue(link != null, "the settlement service is not built (mvn package first)");
        register("9101", "离线收银员", "582736");
        register("9102", "将停用", "604918");
        register("9103", "另一位", "730518");
        assertTrue(offline.refreshCopy(), "the copy and with it the roster refresh while the central is reachable");

        // the roster on disk: sealed, nothing usable without the terminal secret
        Path file = offlineConfig.dataDir().resolve(OfflineCashiers.FILE);
        String onDisk = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(onDisk.matches("v1\\.[A-Za-z0-9_-]+\\s*"), "one sealed blob: " + onDisk);
        String decoded = new String(Base64.getUrlDecoder().decode(onDisk.trim().substring(3)), StandardCharsets.ISO_8859_1);
        for (String plain : List.of("$2a$", "$2b$", "$2y$", "9101", "582736", "pinVerifier", "cashiers")) {
            assertFalse(onDisk.contains(plain) || decoded.contains(plain), "in clear on disk: " + plain);
        }
        assertFalse(new String(Base64.getUrlDecoder().decode(onDisk.trim().substring(3)), StandardCharsets.UTF_8)
                .contains("离线收银员"));
        OfflineCashiers withAnotherSecret = new OfflineCashiers(file, () -> Optional.of("not-this-terminal's-secret"));
        assertTrue(withAnotherSecret.fetchedAt().isEmpty() && withAnotherSecret.find("9101").isEmpty(),
                "another secret opens nothing");
        OfflineCashiers withoutSecret = new OfflineCashiers(file, Optional::empty);
        assertTrue(withoutSecret.find("9101").isEmpty(), "no secret opens nothing");

        link.cut();
        // 9101 never signed in at this counter: the roster knows them
        signIn("9101", "582736").statusCode(200).body("signedIn", equalTo(true)).body("number", equalTo("9101"))
                .body("name", equalTo("离线收银员")).body("offline", equalTo(true));
        session.signOut();

        // wrong PINs: refused, and the fifth locks the number (the right PIN too) — not the other cashiers
        for (int i = 1; i <= 4; i++) {
            signIn("9101", "58273" + (i % 10)).statusCode(403).body("code", equalTo("CASHIER_OFFLINE_SIGN_IN_FAILED"))
                    .body("message", matchesPattern(CHINESE));
        }
        signIn("9101", "999999").statusCode(429).body("code", equalTo("CASHIER_OFFLINE_SIGN_IN_LOCKED"))
                .body("message", matchesPattern(".*5 分钟.*"));
        signIn("9101", "582736").statusCode(429).body("code", equalTo("CASHIER_OFFLINE_SIGN_IN_LOCKED"));
        signIn("4242", "582736").statusCode(403).body("code", equalTo("CASHIER_OFFLINE_SIGN_IN_FAILED"));
        signIn("9103", "730518").statusCode(200).body("offline", equalTo(true));
        session.signOut();
        clock.set(clock.instant().plus(Duration.ofMinutes(5)).plusSeconds(1));
        signIn("9101", "582736").statusCode(200).body("offline", equalTo(true));
        session.signOut();
        clock.reset();

        // at the central: 9102 leaves, 9101 gets a new PIN; the counter refreshes its copy, and with it the roster
        link.restore();
        admin("/" + "9102/deactivate", "{}");
        admin("/" + "9101/pin", "{\"pin\":\"613947\"}");
        assertTrue(offline.refreshCopy());
        link.cut();
        signIn("9102", "604918").statusCode(403).body("code", equalTo("CASHIER_OFFLINE_SIGN_IN_FAILED"));
        signIn("9101", "582736").statusCode(403).body("code", equalTo("CASHIER_OFFLINE_SIGN_IN_FAILED"));
        signIn("9101", "613947").statusCode(200).body("offline", equalTo(true)).body("name", equalTo("离线收银员"));

        // a restarted counter (the same terminal secret) reads its sealed roster back
        OfflineCashiers reread = new OfflineCashiers(file, central::terminalSecret);
        assertNotNull(reread.fetchedAt().orElse(null));
        assertTrue(reread.verify("9101", "613947").isPresent());
        assertTrue(reread.find("9102").isEmpty(), "the deactivated cashier is gone from the file too");
    }

    @Test
    void withoutARosterNobodySignsInOffline() throws Exception {
        assumeTrue(link != null, "the settlement service is not built (mvn package first)");
        register("9104", "过期名单", "847261");
        assertTrue(offline.refreshCopy());
        link.cut();
        // a roster older than offline-sign-in-for (7 days) is not trusted
        clock.set(clock.instant().plus(Duration.ofDays(8)));
        signIn("9104", "847261").statusCode(403).body("code", equalTo("CASHIER_OFFLINE_ROSTER_MISSING"))
                .body("message", matchesPattern(CHINESE));
    }

    private static ValidatableResponse signIn(String number, String pin) {
        return CounterApi.given().contentType("application/json").body(Map.of("number", number, "pin", pin))
                .post("/api/cashier/sign-in").then();
    }

    private static void register(String number, String name, String pin) throws IOException, InterruptedException {
        int status = admin("", "{\"number\":\"" + number + "\",\"name\":\"" + name + "\",\"pin\":\"" + pin + "\"}");
        assertTrue(status == 201 || status == 409, "registering cashier " + number + ": " + status);
    }

    /** POSTs to the canteen's cashier register at the central itself (not through the link). */
    private static int admin(String path, String body) throws IOException, InterruptedException {
        String password = ConfigProvider.getConfig().getValue(SettlementProcess.ADMIN_PASSWORD, String.class);
        URI uri = URI.create(ConfigProvider.getConfig().getValue(SettlementBehindASwitch.DIRECT_URL, String.class)
                + "/api/register/canteens/" + CANTEEN + "/cashiers" + path);
        HttpResponse<String> r = HTTP.send(Central.asAdmin(HttpRequest.newBuilder(uri), password)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!path.isEmpty() && r.statusCode() != 200) {
            throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.statusCode();
    }
}
