package cn.laorenjia.terminal.offline;

import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A central whose database is down answers every request {@code 503 DATABASE_UNAVAILABLE} with Retry-After (the
 * settlement service's DatabaseOutageTest shows it does). The counter takes that as "the central is not available",
 * never as a refusal: the sale's outcome is unknown (resent with the same id or sold offline), a queued sale stays
 * queued, the probe puts the counter offline, and the counter's health shows the link and the queue while it stays
 * ready and alive. The central here is a loopback HTTP server that gives exactly that answer.
 */
@QuarkusTest
@TestProfile(CentralDatabaseDownTest.CentralAnswering503.class)
class CentralDatabaseDownTest {

    public static class CentralAnswering503 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("laorenjia.terminal.code", "BD-HB-01-T1", "laorenjia.terminal.secret", "test-secret-not-real");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Central503.class));
        }
    }

    /** Every request: 503, Retry-After, the settlement service's error body. */
    public static class Central503 implements QuarkusTestResourceLifecycleManager {
        static final AtomicInteger REQUESTS = new AtomicInteger();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                REQUESTS.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = ("{\"code\":\"DATABASE_UNAVAILABLE\",\"message\":\"结算中心数据库暂时不可用，请稍后重试（用同一单号重试不会重复记账）\","
                        + "\"details\":{\"retryAfterSeconds\":2,\"incident\":\"0a1b2c3d\"}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
                exchange.getResponseHeaders().set("Retry-After", "2");
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return Map.of("laorenjia.terminal.settlement-url", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @Inject
    SettlementClient settlement;

    @Inject
    OfflineCounter offline;

    @Test
    void a503FromTheCentralIsTheCentralUnavailableNeverARefusal() throws InterruptedException {
        AuthoriseMealRequest sale = new AuthoriseMealRequest(UUID.randomUUID(), OffsetDateTime.parse("2026-11-23T11:30:00+08:00"),
                IdentificationRequest.card("UID", "04A1B2C3D4E5F6"), "L-STD", Money.ofFen(1500));

        SettlementException answer = assertThrows(SettlementException.class, () -> settlement.authorise(sale));
        assertEquals(503, answer.status());
        assertTrue(answer.outcomeUnknown(), "resent with the same id or sold offline, not shown as a refusal");
        assertEquals(CentralProbe.Answer.NONE, CentralProbe.answerOf(answer), "the probe: no central");

        // a sale made offline stays queued while the central answers 503
        offline.journal().sale(sale.saleId(), SaleJournal.Mode.OFFLINE, true, sale);
        try {
            int before = Central503.REQUESTS.get();
            assertEquals(0, offline.syncNow(), "nothing answered");
            assertTrue(Central503.REQUESTS.get() > before, "the sync did ask the central");
            assertTrue(offline.journal().isPending(sale.saleId()), "still queued, sent again later with the same id");

            // the probe's two misses put the counter offline; its health shows it, ready and alive all the same
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (offline.online()) {
                if (System.nanoTime() > deadline) {
                    fail("the counter did not go offline on 503s");
                }
                Thread.sleep(200);
            }
            JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
            assertEquals("UP", ready.getString("status"));
            assertEquals(false, ready.getBoolean("checks.find { it.name == 'central link' }.data.online"));
            assertNotNull(ready.getString("checks.find { it.name == 'central link' }.data.offlineSince"));
            assertEquals(1, ready.getInt("checks.find { it.name == 'offline queue' }.data.depth"));
            assertEquals(1, ready.getInt("checks.find { it.name == 'offline queue' }.data.madeOffline"));
            assertNotNull(ready.getString("checks.find { it.name == 'offline queue' }.data.oldestUnsent"));
            assertNotNull(ready.getString("checks.find { it.name == 'card reader' }.data.state"));
            given().get("/q/health/live").then().statusCode(200);
            assertFalse(offline.online());
        } finally {
            offline.journal().done(List.of(new SaleJournal.Done(sale.saleId(), "TEST_DONE", Map.of())));
        }
    }
}
