package cn.laorenjia.settlement.tls;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Maps the two typed settings laorenjia.tls.cert and .key onto the Quarkus TLS registry and the HTTP server: a named
 * TLS configuration with that PEM pair, used by the HTTP server, and plain HTTP switched off. Only when both are
 * set: a TLS configuration naming no files would stop the registry from starting, and property expressions cannot
 * leave a map entry out. Its ordinal sits below application.properties and the environment, so an operator may
 * still choose e.g. QUARKUS_HTTP_INSECURE_REQUESTS=redirect (the start-up guard checks the result).
 */
public final class TlsConfigSource implements ConfigSourceFactory {

    /** The TLS registry's name of the central's server configuration. */
    public static final String CONFIGURATION = "central-https";
    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String cert = value(context, "laorenjia.tls.cert");
        String key = value(context, "laorenjia.tls.key");
        if (cert == null || key == null) {
            return List.of(); // none, or only one of them: TransportGuard refuses the latter with a clear message
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.tls." + CONFIGURATION + ".key-store.pem.0.cert", cert,
                "quarkus.tls." + CONFIGURATION + ".key-store.pem.0.key", key,
                // a renewed certificate (same paths) is taken without a restart
                "quarkus.tls." + CONFIGURATION + ".reload-period", "1h",
                "quarkus.http.tls-configuration-name", CONFIGURATION,
                "quarkus.http.insecure-requests", "disabled"), "laorenjia.tls", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue().strip();
    }
}
