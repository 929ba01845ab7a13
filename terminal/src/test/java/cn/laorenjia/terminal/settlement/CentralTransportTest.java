package cn.laorenjia.terminal.settlement;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which central addresses a counter may use at all. */
class CentralTransportTest {

    @Test
    void httpsIsAlwaysAllowed() {
        assertEquals(Optional.empty(), CentralTransport.refusal(URI.create("https://central.baodi.example:8443"), false));
        assertEquals(Optional.empty(), CentralTransport.refusal(URI.create("https://10.12.0.5:8443"), false));
    }

    @Test
    void plainHttpOnlyOnThisMachine() {
        for (String url : new String[]{"http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080"}) {
            assertEquals(Optional.empty(), CentralTransport.refusal(URI.create(url), false), url);
        }
        for (String url : new String[]{"http://10.12.0.5:8080", "http://central.baodi.example:8080", "http://0.0.0.0:8080"}) {
            String why = CentralTransport.refusal(URI.create(url), false).orElseThrow(() -> new AssertionError(url));
            assertTrue(why.contains("laorenjia.central.ca") && why.contains("https://")
                    && why.contains("laorenjia.central.allow-plain-http"), why);
        }
    }

    @Test
    void aLabMayAllowPlainHttpExplicitly() {
        assertEquals(Optional.empty(), CentralTransport.refusal(URI.create("http://10.12.0.5:8080"), true));
    }

    @Test
    void noClientIsBuiltForARefusedAddress() {
        SettlementException e = assertThrows(SettlementException.class,
                () -> CentralTransport.jdkTrust().builder(URI.create("http://10.12.0.5:8080")));
        assertEquals(SettlementException.NOT_CONFIGURED, e.code());
        assertTrue(e.messageZh().contains("https://"), e.messageZh());
    }
}
