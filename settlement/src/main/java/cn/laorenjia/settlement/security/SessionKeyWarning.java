package cn.laorenjia.settlement.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

/** Warns once at start-up when sessions are encrypted with the per-start key of {@link SessionKeySource}. */
@ApplicationScoped
public class SessionKeyWarning {

    private static final Logger LOG = Logger.getLogger(SessionKeyWarning.class);

    void onStart(@Observes StartupEvent start) {
        ConfigValue key = ConfigProvider.getConfig().getConfigValue(SessionKeySource.PROPERTY);
        if (SessionKeySource.NAME.equals(key.getSourceName())) {
            LOG.warn("No session encryption key configured (QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY): people's "
                    + "sign-in sessions use a random key for this start only and end when the service restarts");
        }
    }
}
