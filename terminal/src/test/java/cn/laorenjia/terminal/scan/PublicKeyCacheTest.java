package cn.laorenjia.terminal.scan;

import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.terminal.app.TerminalConfig;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The terminal's QR keys when the settlement service comes up after the terminal: the refresh job runs at start, a
 * failed fetch is retried soon and then less and less often (SmallRye Fault Tolerance), and after a success the next
 * fetch waits for the refresh interval. Against a real HTTP server standing in for the central's key endpoint.
 */
@QuarkusTest
@TestProfile(PublicKeyCacheTest.CentralComesUpLate.class)
class PublicKeyCacheTest {

    private static final PublicKey KEY = Ed25519Keys.generate().getPublic();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final Path CACHE;
    private static final HttpServer SETTLEMENT;

    static {
        try {
            CACHE = Files.createTempDirectory("qr-keys").resolve("keys.properties");
            SETTLEMENT = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SETTLEMENT.createContext("/api/qr/keys", exchange -> {
            // still starting for the first two requests, as a service that is not up yet answers through a proxy
            boolean up = REQUESTS.incrementAndGet() > 2;
            byte[] body = (up ? "{\"keys\":[{\"keyId\":4,\"algorithm\":\"Ed25519\",\"publicKey\":\"" + Ed25519Keys.publicKeyText(KEY) + "\"}]}"
                    : "{\"code\":\"STARTING\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json"); // as the central answers
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        SETTLEMENT.start();
    }

    /** The terminal fetches keys from the server above: retry after 100 ms, doubling; refresh every 10 minutes. */
    public static class CentralComesUpLate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "laorenjia.terminal.settlement-url", "http://127.0.0.1:" + SETTLEMENT.getAddress().getPort(),
                    "laorenjia.terminal.scan.fetch-keys", "true",
                    "laorenjia.terminal.scan.key-retry", "PT0.1S",
                    "laorenjia.terminal.scan.key-refresh", "PT10M",
                    "laorenjia.terminal.scan.key-cache-file", CACHE.toString());
        }
    }

    @Inject
    PublicKeyCache cache;

    @AfterAll
    static void stopServer() {
        SETTLEMENT.stop(0);
    }

    @Test
    void aFailedFetchIsRetriedSoonAndThenEveryRefreshInterval() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cache.keys().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(KEY, cache.keys().get(4), "fetched after two failures, long before the 10-minute refresh");
        assertEquals(3, REQUESTS.get());
        Thread.sleep(1500); // retries at 100, 200 ms and the job's next ticks would have come by now; the next fetch is 10 minutes away
        assertEquals(3, REQUESTS.get(), "back to the refresh interval after a success");

        PublicKeyCache restarted = new PublicKeyCache(new Scan(CACHE), new Terminal(URI.create("http://127.0.0.1:1")));
        assertEquals(KEY, restarted.keys().get(4), "kept for offline use");
    }

    private record Scan(Path keyCacheFile) implements ScanConfig {
        public Optional<String> prefix() { return Optional.empty(); }
        public Optional<String> suffix() { return Optional.empty(); }
        public Duration clockTolerance() { return Duration.ofSeconds(30); }
        public int seenNonceCapacity() { return 100; }
        public int maxImageBytes() { return 1 << 20; }
        public Duration keyRetry() { return Duration.ofMillis(100); }
        public Duration keyRefresh() { return Duration.ofMinutes(10); }
        public boolean fetchKeys() { return true; }
        public Optional<List<String>> publicKeys() { return Optional.empty(); }
    }

    private record Terminal(URI settlementUrl) implements TerminalConfig {
        public Optional<String> code() { return Optional.empty(); }
        public Optional<String> secret() { return Optional.empty(); }
        public Optional<Path> demoCredentialFile() { return Optional.empty(); }
        public Duration connectTimeout() { return Duration.ofSeconds(2); }
        public Duration readTimeout() { return Duration.ofSeconds(5); }
        public Scanner scanner() { throw new UnsupportedOperationException(); }
        public Receipt receipt() { throw new UnsupportedOperationException(); }
    }
}
