package cn.laorenjia.settlement.availability;

import cn.laorenjia.fixtures.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (as {@code EmbeddedPostgresTestResource} starts one, same roles), which the
 * test may stop as a crash would ({@code pg_ctl stop -m immediate}: no checkpoint, every connection cut) and start
 * again on the same port and data, while the service runs.
 */
public final class RestartableDatabase implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;
    private static Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("laorenjia-pg-restartable-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = EmbeddedDatabase.persistent(directory.resolve("pg"), 0);
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.service().username(),
                "quarkus.datasource.password", database.service().password(),
                "quarkus.flyway.username", database.owner().username(),
                "quarkus.flyway.password", database.owner().password(),
                "laorenjia.test.db-admin.jdbc-url", database.jdbcUrl(),
                "laorenjia.test.db-admin.username", database.superuser().username(),
                "laorenjia.test.db-admin.password", database.superuser().password());
    }

    /**
     * Stops the server at once, as a crash: SIGQUIT to the postmaster is pg_ctl's immediate mode (no checkpoint, every
     * connection cut; the next start recovers from the WAL). pg_ctl itself refuses to run as root, as tests here do.
     */
    public static synchronized void crash() throws IOException, InterruptedException {
        Path data = database.dataDirectory();
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
        Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -QUIT " + pid + " failed: " + new String(kill.getInputStream().readAllBytes()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (postmaster.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the postmaster " + pid + " did not stop");
            }
            Thread.sleep(50);
        }
    }

    /** Starts the server again on the same port and data (after {@link #crash()}). */
    public static synchronized void restart() {
        int port = database.port();
        Path data = database.dataDirectory();
        // releases zonky's lock on the folder (its own stop finds no server and only logs so)
        database.close();
        database = EmbeddedDatabase.persistent(data, port);
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is no failure of the test
            }
        }
    }
}
