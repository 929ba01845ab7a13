package cn.laorenjia.settlement.tls;

import cn.laorenjia.settlement.tls.TransportGuard.Listening;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the central may listen where, decided before it serves anything. */
class TransportGuardTest {

    private static Optional<String> refusal(String host, boolean tls, String insecureRequests, boolean behindProxy) {
        return TransportGuard.refusal(new Listening(host, tls, insecureRequests, behindProxy, false));
    }

    @Test
    void plainHttpOnLoopbackIsTheRunCommandsWay() {
        for (String host : new String[]{"127.0.0.1", "localhost", "::1", "127.0.0.5"}) {
            assertEquals(Optional.empty(), refusal(host, false, "enabled", false), host);
        }
    }

    @Test
    void plainHttpBeyondLoopbackIsRefusedNamingTheSettings() {
        for (String host : new String[]{"0.0.0.0", "::", "10.12.0.5", "no-such-host.invalid"}) {
            String why = refusal(host, false, "enabled", false).orElseThrow(() -> new AssertionError(host + " allowed"));
            assertTrue(why.startsWith("拒绝启动"), why);
            assertTrue(why.contains("Refusing to start"), why);
            for (String setting : new String[]{"laorenjia.tls.cert", "laorenjia.tls.key", "LAORENJIA_TLS_CERT",
                    "quarkus.http.host", "laorenjia.http.behind-proxy", "quarkus.http.insecure-requests"}) {
                assertTrue(why.contains(setting), "the refusal names " + setting + ": " + why);
            }
        }
    }

    @Test
    void beyondLoopbackTlsMustNotLeavePlainHttpOpen() {
        assertEquals(Optional.empty(), refusal("0.0.0.0", true, "disabled", false));
        assertEquals(Optional.empty(), refusal("0.0.0.0", true, "redirect", false));
        String why = refusal("0.0.0.0", true, "enabled", false).orElseThrow();
        assertTrue(why.contains("quarkus.http.insecure-requests=enabled"), why);
    }

    @Test
    void behindATlsTerminatingProxyPlainHttpMayListenForTheProxy() {
        assertEquals(Optional.empty(), refusal("0.0.0.0", false, "enabled", true));
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedEvenOnLoopback() {
        String why = TransportGuard.refusal(new Listening("127.0.0.1", false, "enabled", false, true)).orElseThrow();
        assertTrue(why.contains("laorenjia.tls.cert") && why.contains("laorenjia.tls.key"), why);
    }
}
