package cn.laorenjia.terminal.e2e;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real settlement service for the terminal's end-to-end test: started as its own process from the built jar
 * (embedded PostgreSQL with the sample register, in a temporary data directory, on a free port, with a random
 * administrator password), a terminal secret rotated through its API, and stopped after the test.
 *
 * <p>When the jar has not been built (`mvn test` stops before `package`), the terminal starts without it and
 * the test is skipped, or fails when LAORENJIA_REQUIRE_BROWSER=1.
 */
public class SettlementProcess implements QuarkusTestResourceLifecycleManager {

    /** A sample terminal of 海滨街道's canteen BD-HB-01 (fixtures' SampleRegister). */
    public static final String TERMINAL = "BD-HB-01-T1";
    public static final String UNAVAILABLE = "laorenjia.e2e.unavailable";
    /** The throwaway administrator password of this run, for tests that issue QR codes or read the ledger. */
    public static final String ADMIN_PASSWORD = "laorenjia.e2e.admin-password";

    private Process process;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("laorenjia.settlement.jar", "../settlement/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            return Map.of(UNAVAILABLE, "the settlement service is not built: " + jar.toAbsolutePath().normalize()
                    + " is missing (run `mvn -B package -DskipTests -pl settlement -am` first, or `mvn verify`)");
        }
        try {
            int port = freePort();
            String password = randomText();
            dataDir = Files.createTempDirectory("laorenjia-e2e-settlement");
            Path log = Path.of("target", "e2e", "settlement.log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("LAORENJIA_DATA_DIR", dataDir.toString());
            builder.environment().put("LAORENJIA_ADMIN_PASSWORD", password);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            // its own embedded database, whatever the environment points real-server runs at
            builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE"));
            process = builder.start();
            String base = "http://127.0.0.1:" + port;
            awaitReady(base, log);
            String secret = rotateSecret(base, password);
            Map<String, String> config = new HashMap<>();
            config.put("laorenjia.terminal.settlement-url", base);
            config.put("laorenjia.terminal.code", TERMINAL);
            config.put("laorenjia.terminal.secret", secret);
            config.put(ADMIN_PASSWORD, password);
            // the terminal fetches this service's QR public keys at start, as a counter does (tests elsewhere pin a key)
            Path keyCache = Path.of("target", "e2e", "qr-public-keys.properties");
            Files.deleteIfExists(keyCache); // a previous run's service had another key
            config.put("laorenjia.terminal.scan.fetch-keys", "true");
            config.put("laorenjia.terminal.scan.key-cache-file", keyCache.toString());
            return config;
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("cannot start the settlement service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the settlement service", e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy(); // SIGTERM: Quarkus and the embedded PostgreSQL shut down cleanly
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: left for the OS to clean
            }
            dataDir = null;
        }
    }

    private void awaitReady(String base, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the settlement service exited with " + process.exitValue()
                        + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the settlement service was not ready in 4 minutes; see " + log.toAbsolutePath());
    }

    private static String rotateSecret(String base, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/register/terminals/" + TERMINAL + "/secret"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() / 100 != 2 || !m.find()) {
            throw new IllegalStateException("rotating the terminal secret failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String randomText() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
