package cn.laorenjia.settlement.tls;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses to start a central that would take passwords and terminal secrets in clear text from the network: plain
 * HTTP is served on loopback only, unless a TLS-terminating reverse proxy sits in front (laorenjia.http.behind-proxy).
 * Beyond loopback the central needs its certificate (laorenjia.tls.cert/.key, or a quarkus.tls configuration of the
 * HTTP server) with plain HTTP switched off or redirected (quarkus.http.insecure-requests).
 */
@ApplicationScoped
public class TransportGuard {

    private static final Logger LOG = Logger.getLogger(TransportGuard.class);

    /** What the HTTP server is about to do, as far as the guard cares. */
    public record Listening(String host, boolean tls, String insecureRequests, boolean behindProxy,
                            boolean certificateHalfSet) {

        /** Plain HTTP is answered (not switched off, not only redirected to HTTPS). */
        boolean servesPlainHttp() {
            return !tls || "enabled".equals(insecureRequests);
        }
    }

    private final TransportConfig.Certificate certificate;
    private final TransportConfig.Proxy proxy;
    private final TlsConfigurationRegistry registry;
    private final String host;
    private final Optional<String> tlsConfigurationName;
    private final Optional<String> insecureRequests;
    private final int port;
    private final int sslPort;

    public TransportGuard(TransportConfig.Certificate certificate, TransportConfig.Proxy proxy,
                          TlsConfigurationRegistry registry,
                          @ConfigProperty(name = "quarkus.http.host") String host,
                          @ConfigProperty(name = "quarkus.http.tls-configuration-name") Optional<String> tlsConfigurationName,
                          @ConfigProperty(name = "quarkus.http.insecure-requests") Optional<String> insecureRequests,
                          @ConfigProperty(name = "quarkus.http.port") int port,
                          @ConfigProperty(name = "quarkus.http.ssl-port") int sslPort) {
        this.certificate = certificate;
        this.proxy = proxy;
        this.registry = registry;
        this.host = host;
        this.tlsConfigurationName = tlsConfigurationName;
        this.insecureRequests = insecureRequests;
        this.port = port;
        this.sslPort = sslPort;
    }

    /** First of the start-up observers: nothing else should run for a central that will not serve. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        Listening listening = listening();
        Optional<String> refusal = refusal(listening);
        if (refusal.isPresent()) {
            LOG.error(refusal.get());
            throw new IllegalStateException(refusal.get());
        }
        if (listening.tls()) {
            LOG.infof("HTTPS 已启用 (TLS on): https://%s:%d (TLS configuration %s); plain HTTP %s", host, sslPort,
                    tlsConfigurationName.orElse("<default>"), listening.insecureRequests());
        } else if (listening.behindProxy() && !loopback(host)) {
            LOG.warnf("明文 HTTP 监听 %s:%d,仅供终止 TLS 的反向代理访问 (plain HTTP on %s:%d for a TLS-terminating reverse"
                    + " proxy, laorenjia.http.behind-proxy=true): let only the proxy reach this port", host, port, host, port);
        } else {
            LOG.infof("仅在本机以明文 HTTP 监听 (plain HTTP on loopback only): http://%s:%d", host, port);
        }
    }

    Listening listening() {
        boolean tls = TlsConfiguration.from(registry, tlsConfigurationName)
                .map(c -> c.getKeyStore() != null || c.getKeyStoreOptions() != null).orElse(false);
        return new Listening(host, tls, insecureRequests.map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("enabled"),
                proxy.behindProxy(), certificate.cert().isPresent() != certificate.key().isPresent());
    }

    /** Why the central must not start so, in Chinese and English, naming the settings; empty when it may. */
    public static Optional<String> refusal(Listening l) {
        if (l.certificateHalfSet()) {
            return Optional.of("拒绝启动：laorenjia.tls.cert 和 laorenjia.tls.key (LAORENJIA_TLS_CERT / LAORENJIA_TLS_KEY)"
                    + " 必须同时设置 （证书和私钥）。\nRefusing to start: set both laorenjia.tls.cert and laorenjia.tls.key"
                    + " (the certificate and its private key), or neither.");
        }
        if (loopback(l.host()) || l.behindProxy() || !l.servesPlainHttp()) {
            return Optional.empty();
        }
        String why = l.tls()
                ? "TLS 已配置，但 quarkus.http.insecure-requests=enabled 仍在 " + l.host() + " 上提供明文 HTTP"
                : "结算中心将在非本机地址 " + l.host() + " 上以明文 HTTP 监听，密码和终端密钥会以明文传输";
        String whyEn = l.tls()
                ? "TLS is configured but quarkus.http.insecure-requests=enabled still serves plain HTTP on " + l.host()
                : "the central would listen on " + l.host() + " in plain HTTP: passwords and terminal secrets would"
                + " travel in clear text";
        return Optional.of("拒绝启动：" + why + "。请任选其一："
                + "(1) 配置证书 laorenjia.tls.cert 和 laorenjia.tls.key (LAORENJIA_TLS_CERT / LAORENJIA_TLS_KEY,"
                + " 可用 settlement/tls/make-district-certificates.sh 制作)，并保持 quarkus.http.insecure-requests 为 disabled 或 redirect;"
                + "(2) 只在本机监听 quarkus.http.host=127.0.0.1 (QUARKUS_HTTP_HOST);"
                + "(3) 在终止 TLS 的反向代理之后运行时设置 laorenjia.http.behind-proxy=true (LAORENJIA_HTTP_BEHIND_PROXY)。"
                + "详见 README「传输加密 (TLS) 与反向代理」。\n"
                + "Refusing to start: " + whyEn + ". Either (1) set laorenjia.tls.cert and laorenjia.tls.key"
                + " (LAORENJIA_TLS_CERT / LAORENJIA_TLS_KEY) with quarkus.http.insecure-requests disabled or redirect,"
                + " (2) listen on loopback only: quarkus.http.host=127.0.0.1 (QUARKUS_HTTP_HOST), or (3) behind a"
                + " TLS-terminating reverse proxy set laorenjia.http.behind-proxy=true (LAORENJIA_HTTP_BEHIND_PROXY).");
    }

    /** A host every address of which is this machine's loopback; an unknown name is not. */
    static boolean loopback(String host) {
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(h);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
