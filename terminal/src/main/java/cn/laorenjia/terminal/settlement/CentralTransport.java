package cn.laorenjia.terminal.settlement;

import cn.laorenjia.terminal.app.TerminalConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one way to the central for every call this counter makes (sales, the offline copy, QR keys): REST clients built
 * here trust the district CA of the TLS registry's configuration {@value CentralTlsConfigSource#CONFIGURATION} when
 * one is set (else the JDK's CAs), verify the central's host name, and never go out in plain HTTP beyond this
 * machine unless a lab allows it (laorenjia.central.allow-plain-http). A configured address that breaks this rule
 * stops the counter at start, saying so.
 */
@ApplicationScoped
public class CentralTransport {

    private static final Logger LOG = Logger.getLogger(CentralTransport.class);

    private final Optional<TlsConfiguration> tls;
    private final boolean allowPlainHttp;
    private final Optional<URI> configuredCentral;

    @Inject
    public CentralTransport(CentralTransportConfig config, TlsConfigurationRegistry registry, TerminalConfig terminal) {
        this(config.ca().isPresent() ? registry.get(CentralTlsConfigSource.CONFIGURATION) : Optional.empty(),
                config.allowPlainHttp(), Optional.of(terminal.settlementUrl()));
    }

    /** With this TLS configuration (empty: the JDK's CAs). */
    CentralTransport(Optional<TlsConfiguration> tls, boolean allowPlainHttp, Optional<URI> configuredCentral) {
        this.tls = tls;
        this.allowPlainHttp = allowPlainHttp;
        this.configuredCentral = configuredCentral;
    }

    /** Outside the application (tools, tests that build clients themselves): the JDK's CAs, no plain HTTP beyond loopback. */
    public static CentralTransport jdkTrust() {
        return new CentralTransport(Optional.empty(), false, Optional.empty());
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        configuredCentral.ifPresent(central -> {
            Optional<String> refusal = refusal(central, allowPlainHttp);
            if (refusal.isPresent()) {
                LOG.error(refusal.get());
                throw new IllegalStateException(refusal.get());
            }
            if (isHttps(central)) {
                LOG.infof("结算中心 central %s: TLS, trusting %s, host name verified", central,
                        tls.map(c -> "the district CA (laorenjia.central.ca)").orElse("the JDK's public CAs"));
            } else if (!loopback(central.getHost())) {
                LOG.warnf("结算中心地址为明文 HTTP (plain HTTP to %s, laorenjia.central.allow-plain-http=true): 仅限实验环境,"
                        + " 密码和终端密钥以明文传输（for a lab only: secrets cross the network in clear text）", central);
            }
        });
    }

    /** A REST client builder for this central address, or a refusal when the address is not safe. */
    public QuarkusRestClientBuilder builder(URI central) {
        refusal(central, allowPlainHttp).ifPresent(why -> {
            LOG.error(why);
            throw new SettlementException(0, SettlementException.NOT_CONFIGURED,
                    "结算中心地址 " + central + " 不安全（明文 HTTP 且不在本机），已拒绝连接；请管理员改用 https:// 地址", null);
        });
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder().baseUri(central);
        if (isHttps(central)) {
            tls.ifPresent(builder::tlsConfiguration);
            builder.verifyHost(true);
        }
        return builder;
    }

    /** Why this counter must not talk to the central at this address; empty when it may. */
    static Optional<String> refusal(URI central, boolean allowPlainHttp) {
        if (isHttps(central) || central.getHost() == null || loopback(central.getHost()) || allowPlainHttp) {
            return Optional.empty();
        }
        return Optional.of("拒绝使用明文 HTTP 连接非本机的结算中心 " + central + ":终端密钥和收银数据会以明文传输。请改用 https:// 地址"
                + "（laorenjia.terminal.settlement-url / LAORENJIA_TERMINAL_SETTLEMENT_URL），并用 laorenjia.central.ca"
                + "（LAORENJIA_CENTRAL_CA）指定区县 CA 证书；仅实验环境可设 laorenjia.central.allow-plain-http=true。\n"
                + "Refusing plain HTTP to a central that is not on this machine (" + central + "): use an https:// address"
                + " with laorenjia.central.ca set to the district CA; laorenjia.central.allow-plain-http=true is for a lab only.");
    }

    private static boolean isHttps(URI central) {
        return "https".equalsIgnoreCase(central.getScheme());
    }

    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.toLowerCase(Locale.ROOT).equals("localhost")) {
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
