package cn.laorenjia.settlement.availability;

import cn.laorenjia.fixtures.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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

    /** Stops the server at once, as a crash (immediate mode: the next start recovers from the WAL). */
    public static synchronized void crash() throws IOException, InterruptedException {
        Path data = database.dataDirectory();
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        String postgres = ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
        Path pgCtl = Path.of(postgres).resolveSibling("pg_ctl");
        Process stop = new ProcessBuilder(List.of(pgCtl.toString(), "-D", data.toString(), "-m", "immediate", "-w",
                "stop")).redirectErrorStream(true).start();
        String output = new String(stop.getInputStream().readAllBytes());
        if (!stop.waitFor(60, TimeUnit.SECONDS) || stop.exitValue() != 0) {
            throw new IllegalStateException("pg_ctl stop -m immediate failed: " + output);
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
