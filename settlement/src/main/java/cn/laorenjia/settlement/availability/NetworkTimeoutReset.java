package cn.laorenjia.settlement.availability;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Puts the pool's socket timeout (pgjdbc socketTimeout) back on a connection returning to the pool, so that a
 * connection that served a {@link CounterPath} transaction (a few seconds) never carries that bound into a
 * settlement run's long query. Quarkus applies every AgroalPoolInterceptor bean to the default datasource.
 */
@ApplicationScoped
public class NetworkTimeoutReset implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(NetworkTimeoutReset.class);

    private final int poolMillis;

    public NetworkTimeoutReset(
            @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", defaultValue = "0")
            int socketTimeoutSeconds) {
        this.poolMillis = Math.multiplyExact(socketTimeoutSeconds, 1000);
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        try {
            if (!connection.isClosed() && connection.getNetworkTimeout() != poolMillis) {
                connection.setNetworkTimeout(Runnable::run, poolMillis);
            }
        } catch (SQLException e) {
            // a broken connection: the pool validates and drops it; nothing to reset
            LOG.debugf("network timeout not reset on a returning connection: %s", e.getMessage());
        }
    }
}
