package cn.laorenjia.settlement.tls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the central is reached safely (README "传输加密 (TLS) 与反向代理"): its own certificate, or a TLS-terminating
 * reverse proxy in front of it. Without either it serves plain HTTP on loopback only ({@link TransportGuard}).
 */
public interface TransportConfig {

    @ConfigMapping(prefix = "laorenjia.tls")
    interface Certificate {
        /**
         * The central's certificate, PEM (LAORENJIA_TLS_CERT; settlement/tls/make-district-certificates.sh makes one).
         * Set with {@link #key()}, HTTPS is served on quarkus.http.ssl-port through the TLS registry's configuration
         * {@value TlsConfigSource#CONFIGURATION} and plain HTTP is switched off (quarkus.http.insecure-requests).
         */
        Optional<Path> cert();

        /** Its private key, PEM, PKCS#8 or PKCS#1, readable by the service's user only (LAORENJIA_TLS_KEY). */
        Optional<Path> key();
    }

    @ConfigMapping(prefix = "laorenjia.http")
    interface Proxy {
        /**
         * The central runs behind a reverse proxy that terminates TLS and forwards plain HTTP
         * (LAORENJIA_HTTP_BEHIND_PROXY): X-Forwarded-* headers are then honoured (quarkus.http.proxy.*, restrict them
         * with QUARKUS_HTTP_PROXY_TRUSTED_PROXIES) and plain HTTP may listen beyond loopback, for the proxy only.
         */
        @WithDefault("false")
        boolean behindProxy();
    }
}
