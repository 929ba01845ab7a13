package cn.laorenjia.terminal.scan;

import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.terminal.app.TerminalConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The terminal's QR keys when the settlement service comes up after the terminal. */
class PublicKeyCacheTest {

    @TempDir
    Path dir;

    @Test
    void aFailedFetchIsRetriedSoonAndThenEveryRefreshInterval() throws Exception {
        PublicKey key = Ed25519Keys.generate().getPublic();
        AtomicInteger requests = new AtomicInteger();
        HttpServer settlement = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        settlement.createContext("/api/qr/keys", exchange -> {
            // still starting for the first two requests, as a service that is not up yet answers through a proxy
            boolean up = requests.incrementAndGet() > 2;
            byte[] body = (up ? "{\"keys\":[{\"keyId\":4,\"algorithm\":\"Ed25519\",\"publicKey\":\"" + Ed25519Keys.publicKeyText(key) + "\"}]}"
                    : "{\"code\":\"STARTING\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        settlement.start();
        PublicKeyCache cache = new PublicKeyCache(new Scan(Duration.ofMillis(100), Duration.ofMinutes(10), dir.resolve("keys.properties")),
                new Terminal(URI.create("http://127.0.0.1:" + settlement.getAddress().getPort())), new ObjectMapper());
        try {
            assertEquals(0, cache.keys().size());
            cache.onStart(null);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (cache.keys().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(key, cache.keys().get(4), "fetched after two failures, long before the 10-minute refresh");
            assertEquals(3, requests.get());
            Thread.sleep(500); // retries at 100, 200 ms would have come by now; the next fetch is 10 minutes away
            assertEquals(3, requests.get(), "back to the refresh interval after a success");
        } finally {
            cache.onStop(null);
            settlement.stop(0);
        }
        PublicKeyCache restarted = new PublicKeyCache(new Scan(Duration.ofMillis(100), Duration.ofMinutes(10), dir.resolve("keys.properties")),
                new Terminal(URI.create("http://127.0.0.1:1")), new ObjectMapper());
        assertEquals(key, restarted.keys().get(4), "kept for offline use");
    }

    @Test
    void retriesBackOffUpToTheRefreshInterval() {
        Duration first = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(10);
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 320L, 600L, 600L),
                java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(n -> PublicKeyCache.retryDelay(n, first, max).toSeconds()).toList());
        assertEquals(max, PublicKeyCache.retryDelay(1_000, first, max));
    }

    private record Scan(Duration keyRetry, Duration keyRefresh, Path keyCacheFile) implements ScanConfig {
        public Optional<String> prefix() { return Optional.empty(); }
        public Optional<String> suffix() { return Optional.empty(); }
        public Duration clockTolerance() { return Duration.ofSeconds(30); }
        public int seenNonceCapacity() { return 100; }
        public int maxImageBytes() { return 1 << 20; }
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
