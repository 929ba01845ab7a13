package cn.laorenjia.settlement.testing.sql;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The service as in every test, on its own database reached through p6spy ({@link StatementCountingDatabase}), with
 * nothing running in the background, so that what {@link SqlCounter} counts between a request and its answer is that
 * request's work. No business rule is changed.
 */
public class StatementCountingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                // p6spy's driver hands every call to pgjdbc (spy.properties: driverlist) and to SqlCounter
                "quarkus.datasource.jdbc.driver", "com.p6spy.engine.spy.P6SpyDriver",
                // Every @Scheduled job off: the ledger sealer (below, also by its own key), the terminal-contact
                // flush (laorenjia.offline.contact-flush-every is a Duration, it has no "off") and its hourly prune
                // (no key), the offline copy rebuilds and the nightly settlement (already off in %test).
                "quarkus.scheduler.enabled", "false",
                "laorenjia.ledger.chain.seal-every", "off",
                // The terminal credential is read from the database once per terminal and TTL (10 s in production);
                // the guard counts the steady state of a busy terminal, whatever the machine's pauses between warm-up
                // and measurement.
                "laorenjia.security.terminal-cache-ttl", "PT1H");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StatementCountingDatabase.class));
    }

    /** The module's global resource (EmbeddedPostgresTestResource) would start a second database for nothing. */
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
