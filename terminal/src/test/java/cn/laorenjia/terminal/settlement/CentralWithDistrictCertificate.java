package cn.laorenjia.terminal.settlement;

import cn.laorenjia.terminal.e2e.SettlementProcess;
import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.terminal.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real central from its built jar with a district certificate for "localhost" made by the operators' script
 * (settlement/tls/make-district-certificates.sh), serving HTTPS; the terminal is configured as at a counter of that
 * district: its https:// address and laorenjia.central.ca. A second district's CA is configured under the TLS registry
 * name {@value #OTHER_DISTRICT} for the test of a counter that trusts another district.
 *
 * <p>The central keeps plain HTTP on loopback for the test harness's own readiness check and secret rotation.
 */
public class CentralWithDistrictCertificate implements QuarkusTestResourceLifecycleManager {

    static final String OTHER_DISTRICT = "other-district";
    static final String SSL_PORT = "laorenjia.e2e.tls.ssl-port";
    static final Path SCRIPT = Path.of("..", "settlement", "tls", "make-district-certificates.sh");

    private Central central;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("laorenjia.settlement.jar", "../settlement/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            return Map.of(SettlementProcess.UNAVAILABLE, "the settlement service is not built: "
                    + jar.toAbsolutePath().normalize() + " is missing (run `mvn -B package -DskipTests -pl settlement -am` first)");
        }
        try {
            Path district = makeCertificates("localhost");
            Path otherDistrict = makeCertificates("localhost");
            int sslPort = Central.freePort();
            central = new Central(jar, Path.of("target", "e2e", "settlement-tls.log"), Map.of(
                    "LAORENJIA_TLS_CERT", district.resolve("central.pem").toString(),
                    "LAORENJIA_TLS_KEY", district.resolve("central.key").toString(),
                    "QUARKUS_HTTP_SSL_PORT", Integer.toString(sslPort),
                    "QUARKUS_HTTP_INSECURE_REQUESTS", "enabled"));
            central.start();
            Map<String, String> config = new HashMap<>();
            config.put("laorenjia.terminal.settlement-url", "https://localhost:" + sslPort);
            config.put("laorenjia.central.ca", district.resolve("district-ca.pem").toString());
            config.put("quarkus.tls." + OTHER_DISTRICT + ".trust-store.pem.certs",
                    otherDistrict.resolve("district-ca.pem").toString());
            config.put(SSL_PORT, Integer.toString(sslPort));
            config.put("laorenjia.terminal.code", SettlementProcess.TERMINAL);
            config.put("laorenjia.terminal.secret", central.rotateSecret(SettlementProcess.TERMINAL));
            config.put(TestClock.OFFSET, central.clockOffset().toString());
            Path keyCache = Path.of("target", "e2e", "qr-public-keys-tls.properties");
            Files.deleteIfExists(keyCache);
            config.put("laorenjia.terminal.scan.key-cache-file", keyCache.toString());
            return config;
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("cannot start the settlement service with TLS", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the settlement service", e);
        }
    }

    /** A new district CA and a certificate of the central for these names, in a temporary folder. */
    static Path makeCertificates(String... names) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("laorenjia-tls").resolve("district");
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toAbsolutePath().normalize().toString(),
                dir.toString()));
        command.addAll(List.of(names));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("make-district-certificates.sh failed: " + output);
        }
        return dir;
    }

    @Override
    public void stop() {
        if (central != null) {
            central.close();
            central = null;
        }
    }
}
