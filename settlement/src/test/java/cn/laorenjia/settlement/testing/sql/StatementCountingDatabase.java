package cn.laorenjia.settlement.testing.sql;

import cn.laorenjia.fixtures.db.EmbeddedPostgresTestResource;
import cn.laorenjia.fixtures.db.RealServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The tests' database (the throwaway embedded PostgreSQL, or the real server CI's second run names with
 * {@code QUARKUS_DATASOURCE_JDBC_URL}), reached through p6spy so that {@link SqlCounter} sees every statement: the same
 * settings as {@link EmbeddedPostgresTestResource}, with the URL {@code jdbc:p6spy:postgresql://...} in place of
 * {@code jdbc:postgresql://...}. Flyway migrates through the same URL.
 */
public final class StatementCountingDatabase implements QuarkusTestResourceLifecycleManager {

    static final String P6SPY = "jdbc:p6spy:";

    private final EmbeddedPostgresTestResource database = new EmbeddedPostgresTestResource();

    @Override
    public Map<String, String> start() {
        String configured = configuredUrl();
        Map<String, String> properties = new HashMap<>(database.start());
        String url = properties.getOrDefault("quarkus.datasource.jdbc.url", configured);
        if (url == null) {
            throw new IllegalStateException("no database: neither started nor configured");
        }
        properties.put("quarkus.datasource.jdbc.url", spied(url));
        return properties;
    }

    /** The real server's URL when one is configured (CI's second run), else null. */
    private static String configuredUrl() {
        if (!RealServer.configured()) {
            return null;
        }
        String property = System.getProperty("quarkus.datasource.jdbc.url");
        return property != null && !property.isBlank() ? property : System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    }

    static String spied(String jdbcUrl) {
        if (jdbcUrl.startsWith(P6SPY)) {
            return jdbcUrl;
        }
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
        }
        return P6SPY + jdbcUrl.substring("jdbc:".length());
    }

    @Override
    public void stop() {
        database.stop();
    }
}
