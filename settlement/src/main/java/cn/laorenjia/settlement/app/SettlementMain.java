package cn.laorenjia.settlement.app;

import cn.laorenjia.fixtures.db.EmbeddedDatabase;
import cn.laorenjia.fixtures.db.RealServer;
import cn.laorenjia.settlement.settling.cli.SettleCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

/**
 * Starts the settlement service. Unless a real PostgreSQL server is configured through the standard
 * Quarkus datasource settings, it first starts an embedded one whose data lives in
 * {@code $LAORENJIA_DATA_DIR} (default {@code ~/.laorenjia/settlement}) and survives restarts,
 * and asks for the sample register to be loaded into it if it is empty.
 *
 * <p>{@code settle [--from D --to D]} as first argument runs one settlement and exits ({@link SettleCommand}).
 */
@QuarkusMain
public final class SettlementMain {

    public static void main(String... args) {
        if (!RealServer.configured()) {
            Path dataDir = dataDirectory();
            long started = System.nanoTime();
            EmbeddedDatabase db = EmbeddedDatabase.persistent(dataDir.resolve("pgdata"));
            System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
            System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
            System.setProperty("quarkus.datasource.password", EmbeddedDatabase.PASSWORD);
            if (System.getProperty("laorenjia.sample-data.load") == null) {
                System.setProperty("laorenjia.sample-data.load", "true");
                if (System.getProperty("laorenjia.demo-terminal.enabled") == null) {
                    System.setProperty("laorenjia.demo-terminal.enabled", "true");
                }
            }
            System.setProperty("laorenjia.embedded-data-dir", dataDir.toString());
            System.out.printf("Embedded PostgreSQL %s in %d ms on port %d, data in %s%n",
                    db.freshlyInitialised() ? "initialised and started" : "started",
                    (System.nanoTime() - started) / 1_000_000, db.port(), dataDir);
        }
        if (args.length > 0 && args[0].equals("settle")) {
            // command mode: one run, no nightly job, the HTTP port out of the running service's way
            System.setProperty("laorenjia.settlement.cron", "off");
            System.setProperty("quarkus.http.port", "0");
            Quarkus.run(SettleCommand.class, args);
            return;
        }
        Quarkus.run(args);
    }

    static Path dataDirectory() {
        String configured = System.getProperty("laorenjia.data-dir", System.getenv("LAORENJIA_DATA_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".laorenjia", "settlement");
    }
}
