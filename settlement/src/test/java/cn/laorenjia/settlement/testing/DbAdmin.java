package cn.laorenjia.settlement.testing;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A connection as the database's superuser, for tests that must do what the service's role cannot: tamper, or show
 * that a trigger refuses even those who may bypass privileges. The test resource publishes it as
 * {@code laorenjia.test.db-admin.*} (CI's real server: {@code LAORENJIA_TEST_DB_ADMIN_*}).
 */
@ApplicationScoped
@Unremovable
public class DbAdmin {

    /** Its injection point registers the mapping in every test app, test profiles included. */
    @Inject
    Settings settings;

    /**
     * Declares the keys under the application's {@code laorenjia} root, whose unknown keys fail the start (registered
     * by the injection point above). Empty
     * where nothing publishes them (a real server without the variables): then the datasource's own settings.
     */
    @ConfigMapping(prefix = "laorenjia.test.db-admin")
    public interface Settings {
        Optional<String> jdbcUrl();

        Optional<String> username();

        Optional<String> password();
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getOptionalValue("laorenjia.test.db-admin.jdbc-url", String.class)
                        .orElseGet(() -> config.getValue("quarkus.datasource.jdbc.url", String.class)),
                config.getOptionalValue("laorenjia.test.db-admin.username", String.class)
                        .orElseGet(() -> config.getValue("quarkus.datasource.username", String.class)),
                config.getOptionalValue("laorenjia.test.db-admin.password", String.class)
                        .orElseGet(() -> config.getOptionalValue("quarkus.datasource.password", String.class).orElse("")));
    }
}
