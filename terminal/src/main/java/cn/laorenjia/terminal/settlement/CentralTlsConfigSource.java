package cn.laorenjia.terminal.settlement;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Maps the typed setting laorenjia.central.ca onto the Quarkus TLS registry: a named configuration whose trust store
 * is the district CA alone, with HTTPS hostname verification. Only when it is set: a configuration naming no file
 * would stop the registry from starting. Its ordinal sits below application.properties and the environment.
 */
public final class CentralTlsConfigSource implements ConfigSourceFactory {

    /** The TLS registry's name of the configuration every call to the central goes through. */
    public static final String CONFIGURATION = "central";
    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue ca = context.getValue("laorenjia.central.ca");
        if (ca == null || ca.getValue() == null || ca.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.tls." + CONFIGURATION + ".trust-store.pem.certs", ca.getValue().strip(),
                "quarkus.tls." + CONFIGURATION + ".hostname-verification-algorithm", "HTTPS"),
                "laorenjia.central.ca", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
