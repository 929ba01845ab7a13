package cn.laorenjia.terminal.testing;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.fixtures.db.EmbeddedDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real central for the terminal's tests, as in production: a PostgreSQL server of its own (restartable on the same
 * port) and the settlement service started from its built jar as a separate process (killable with SIGKILL and
 * restarted on the same port), loaded with the 宝坻 sample register, with a throwaway administrator password and QR
 * signing key. Traffic stays on loopback. Used by the end-to-end tests and the fault scenarios.
 *
 * <p>Its clock runs from a known moment ({@code LAORENJIA_CLOCK_START}, by default {@link TestClock#MONDAY_LUNCH}),
 * never from the day the suite runs, and under the production rules (the 10-minute sale window, the 7-day offline
 * age). {@link #clock()} is the tests' view of it: the start it was given, ticking from the moment it was ready
 * (the service starts its clock during start-up, seconds before). A restart after a kill continues the same time;
 * {@link #restartOn} moves it to another moment.
 */
public final class Central implements AutoCloseable {

    private static final String ADMIN_PASSWORD = "test-admin-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    /** A real server's signing key comes from its secret store; this one lives as long as the scenario. */
    private static final String QR_SIGNING_KEY = newSigningKey();

    private final Path root;
    private final Path jar;
    private final int httpPort;
    private final Path log;
    private EmbeddedDatabase database;
    private int databasePort;
    private final Map<String, String> settings;
    private Process service;
    /** The central's time minus the system clock's. */
    private volatile Duration offset;

    /**
     * @param log      where the service writes (appended across restarts)
     * @param settings further environment for the service, e.g. a wider sale-time window
     */
    public Central(Path jar, Path log, Map<String, String> settings) throws IOException {
        this(jar, log, settings, TestClock.MONDAY_LUNCH.toInstant());
    }

    /** A central whose clock starts at {@code clockStart}. */
    public Central(Path jar, Path log, Map<String, String> settings, Instant clockStart) throws IOException {
        this.offset = Duration.between(Instant.now(), clockStart);
        this.jar = jar;
        this.root = Files.createTempDirectory("laorenjia-central");
        this.httpPort = freePort();
        this.log = log;
        this.settings = Map.copyOf(settings);
        Files.createDirectories(log.getParent());
    }

    public void start() throws IOException, InterruptedException {
        database = EmbeddedDatabase.persistent(root.resolve("pg"), 0);
        databasePort = database.port();
        startService();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** The superuser of the central's database (for a test application that reads the ledger through its config). */
    public EmbeddedDatabase.Credentials superuser() {
        return database.superuser();
    }

    public Connection connect() throws SQLException {
        // the superuser, as the tests that read (or tamper with) the central's tables need
        return database.connect(database.superuser());
    }

    /** SIGKILL: no shutdown hook, no flush, connections cut mid-transaction. */
    public synchronized void killService() throws InterruptedException {
        service.destroyForcibly();
        service.waitFor(30, TimeUnit.SECONDS);
    }

    /** The central's time now, as the tests see it. */
    public Instant now() {
        return Instant.now().plus(offset);
    }

    /** The central's time minus the system clock's (for a counter's clock that keeps in step). */
    public Duration clockOffset() {
        return offset;
    }

    /** A clock in step with the central's (Asia/Shanghai), for counters the tests build themselves. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ChinaCalendar.ZONE;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.offset(Clock.system(zone), offset);
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    /**
     * Stops the service and starts it again with its clock at {@code moment} (ticking on), on the same database and
     * port: another day for the same register, as a rehearsal moves an installation's clock.
     */
    public synchronized void restartOn(Instant moment) throws IOException, InterruptedException {
        stopService();
        offset = Duration.between(Instant.now(), moment);
        startService();
    }

    /** SIGTERM: Quarkus shuts down cleanly. */
    public synchronized void stopService() throws InterruptedException {
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the service, its clock continuing the central's time (after a kill, the time it would have had). */
    public synchronized void startService() throws IOException, InterruptedException {
        Instant start = now().truncatedTo(ChronoUnit.MILLIS);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE"));
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_FLYWAY"));
        // as in production: the service's own role, Flyway as the schema's owner
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", database.service().username());
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", database.service().password());
        builder.environment().put("QUARKUS_FLYWAY_USERNAME", database.owner().username());
        builder.environment().put("QUARKUS_FLYWAY_PASSWORD", database.owner().password());
        builder.environment().put("LAORENJIA_SAMPLE_DATA_LOAD", "true");
        builder.environment().put("LAORENJIA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("LAORENJIA_DATA_DIR", root.resolve("data").toString());
        builder.environment().put("LAORENJIA_SETTLEMENT_CRON", "off");
        builder.environment().put("LAORENJIA_QR_SIGNING_KEY", QR_SIGNING_KEY);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("LAORENJIA_CLOCK_START", start.toString());
        builder.environment().putAll(settings);
        service = builder.start();
        awaitReady();
        offset = Duration.between(Instant.now(), start); // the service's clock read `start` about now
    }

    /** A fast shutdown and a start of the database server on the same port and data, while the service runs. */
    public void restartDatabase() {
        database.close();
        database = EmbeddedDatabase.persistent(root.resolve("pg"), databasePort);
    }

    /** The administrator's password of this run, for tests that issue QR codes or read the ledger. */
    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    /**
     * A request to the central as its administrator (Basic, as API clients sign in), with the proof header the central
     * asks of every state-changing request made with a person's credentials.
     */
    public static HttpRequest.Builder asAdmin(URI uri, String adminPassword) {
        return asAdmin(HttpRequest.newBuilder(uri), adminPassword);
    }

    /** The same for a request being built. */
    public static HttpRequest.Builder asAdmin(HttpRequest.Builder request, String adminPassword) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + basic).header("X-Requested-By", "laorenjia");
    }

    /** A new secret for a register terminal, as an administrator issues it. */
    public String rotateSecret(String terminalCode) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                asAdmin(uri().resolve("/api/register/terminals/" + terminalCode + "/secret"), ADMIN_PASSWORD)
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() / 100 != 2 || !m.find()) {
            throw new IllegalStateException("rotating the secret of " + terminalCode + " failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the settlement service exited with " + service.exitValue() + "; see "
                        + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri().resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the settlement service was not ready in 4 minutes; see " + log.toAbsolutePath());
    }

    @Override
    public void close() {
        if (service != null) {
            service.destroy();
            try {
                if (!service.waitFor(30, TimeUnit.SECONDS)) {
                    service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            database.close();
        }
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: left for the OS
        }
    }

    private static String newSigningKey() {
        try {
            return Base64.getEncoder().encodeToString(
                    java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
