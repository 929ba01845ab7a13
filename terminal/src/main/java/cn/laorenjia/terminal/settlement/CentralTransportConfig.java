package cn.laorenjia.terminal.settlement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** How this counter makes sure it talks to its district's central (README "传输加密 (TLS) 与反向代理"). */
@ConfigMapping(prefix = "laorenjia.central")
public interface CentralTransportConfig {

    /**
     * The district CA's certificate, PEM (LAORENJIA_CENTRAL_CA, e.g. /etc/laorenjia/district-ca.pem): the only
     * authority trusted for the central's https:// address (the TLS registry's configuration
     * {@value CentralTlsConfigSource#CONFIGURATION}). Unset: the JDK's public CAs, for a central with a public certificate.
     */
    Optional<Path> ca();

    /**
     * Lets this counter talk plain HTTP to a central that is not on this machine: for a lab only, never at a
     * counter (passwords and this terminal's secret would cross the network in clear text). Warned at start.
     */
    @WithDefault("false")
    boolean allowPlainHttp();
}
