package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.testing.Central;
import cn.laorenjia.terminal.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real settlement service for the terminal's end-to-end tests ({@link Central}: its own PostgreSQL with the sample
 * register, the service from the built jar on a free port, a random administrator password, its clock from
 * {@link TestClock#MONDAY_LUNCH}, which the counter's {@link TestClock} follows), a terminal secret rotated through
 * its API, and stopped after the test.
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
    /** The central's database (JDBC URL, superuser and password), for tests that read what the ledger recorded. */
    public static final String LEDGER_JDBC_URL = "laorenjia.e2e.ledger.jdbc-url";
    public static final String LEDGER_USER = "laorenjia.e2e.ledger.user";
    public static final String LEDGER_PASSWORD = "laorenjia.e2e.ledger.password";

    private Central central;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("laorenjia.settlement.jar", "../settlement/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            return Map.of(UNAVAILABLE, "the settlement service is not built: " + jar.toAbsolutePath().normalize()
                    + " is missing (run `mvn -B package -DskipTests -pl settlement -am` first, or `mvn verify`)");
        }
        try {
            // production settings: the central's offline door (allowance, contact window) as shipped
            central = new Central(jar, Path.of("target", "e2e", "settlement.log"), Map.of());
            central.start();
            String base = central.uri().toString();
            Map<String, String> config = new HashMap<>();
            config.put("laorenjia.terminal.settlement-url", base);
            Map.Entry<String, String> terminal = terminal(central);
            config.put("laorenjia.terminal.code", terminal.getKey());
            config.put("laorenjia.terminal.secret", terminal.getValue());
            config.put(ADMIN_PASSWORD, central.adminPassword());
            config.put(LEDGER_JDBC_URL, central.jdbcUrl());
            config.put(LEDGER_USER, central.superuser().username());
            config.put(LEDGER_PASSWORD, central.superuser().password());
            // the counter's clock in step with this central's (both from the known Monday lunch)
            config.put(TestClock.OFFSET, central.clockOffset().toString());
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

    /** The terminal this counter works as, with a fresh secret: by default {@link #TERMINAL} of the sample register. */
    protected Map.Entry<String, String> terminal(Central central) throws IOException, InterruptedException {
        return Map.entry(TERMINAL, central.rotateSecret(TERMINAL));
    }

    @Override
    public void stop() {
        if (central != null) {
            central.close(); // SIGTERM: Quarkus shuts down cleanly, then its database
            central = null;
        }
    }
}
