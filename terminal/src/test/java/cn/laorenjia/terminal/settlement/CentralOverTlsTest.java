package cn.laorenjia.terminal.settlement;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.counter.PreviewRequest;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.terminal.app.TerminalConfig;
import cn.laorenjia.terminal.app.TestTerminalConfig;
import cn.laorenjia.terminal.e2e.SettlementProcess;
import cn.laorenjia.terminal.scan.PublicKeyCache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A counter of the district talks to its central over TLS only as far as it can verify it: the real central from
 * its jar with a certificate made by the operators' script, the counter's own client (CDI, configured through
 * laorenjia.central.ca), and clients of counters that trust another district, the JDK's CAs, or reach the central
 * under a name its certificate does not carry.
 */
@QuarkusTest
@WithTestResource(CentralWithDistrictCertificate.class)
class CentralOverTlsTest {

    @Inject
    SettlementClient client;

    @Inject
    PublicKeyCache keys;

    @Inject
    TerminalConfig terminal;

    @Inject
    TlsConfigurationRegistry registry;

    /** The counter's clock (TestClock), in step with the central's. */
    @Inject
    Clock clock;

    /** 刘德明, 75, lives alone and receives visiting care (fixtures' StorySeniors.LIU_DEMING_UID). */
    private static final String LIU_DEMING_UID = "04B7C8D9E0F1A2";

    @BeforeEach
    void centralBuilt() {
        ConfigProvider.getConfig().getOptionalValue(SettlementProcess.UNAVAILABLE, String.class).ifPresent(why -> {
            if ("1".equals(System.getenv("LAORENJIA_REQUIRE_BROWSER"))) {
                throw new AssertionError("end-to-end tests required but " + why);
            }
            abort("Skipping: " + why);
        });
    }

    @Test
    void theCounterSellsThroughTlsToItsDistrictsCentral() {
        assertEquals("https", terminal.settlementUrl().getScheme());
        CounterMenu menu = client.menu();
        assertEquals(SettlementProcess.TERMINAL, menu.terminalCode());
        assertEquals("BD-HB-01", menu.canteenCode());
        client.totals(); // a second call on the same connection
    }

    @Test
    void aMealIsRecordedThroughTls() {
        CounterMenu.SetView set = client.menu().sets().stream().filter(CounterMenu.SetView::qualifies).findFirst()
                .orElseThrow(() -> new AssertionError("no set qualifies at the central's lunch time"));
        IdentificationRequest card = IdentificationRequest.card("UID", LIU_DEMING_UID);
        MealPreview preview = client.preview(new PreviewRequest(card, set.code()));
        assertTrue(preview.subsidised(), preview::toString);
        long before = client.totals().terminal().subsidisedMeals();
        UUID saleId = UUID.randomUUID();
        MealAuthorisation recorded = client.authorise(new AuthoriseMealRequest(saleId,
                OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE), card, set.code(), preview.price()));
        assertEquals(saleId, recorded.saleId());
        assertEquals(before + 1, client.totals().terminal().subsidisedMeals());
    }

    @Test
    void theQrKeysComeThroughTheSameTls() {
        assertTrue(keys.refresh() >= 1, "the central's QR public key was fetched over HTTPS");
    }

    @Test
    void aCounterTrustingAnotherDistrictDoesNotTalkToThisCentral() {
        CentralTransport otherDistrict = new CentralTransport(
                registry.get(CentralWithDistrictCertificate.OTHER_DISTRICT), false, Optional.empty());
        assertUntrusted(new SettlementClient(terminal, otherDistrict));
    }

    @Test
    void theJdksPublicCasDoNotVouchForADistrictCertificate() {
        assertUntrusted(new SettlementClient(terminal, CentralTransport.jdkTrust()));
    }

    @Test
    void theCentralsNameIsVerified() {
        // the district's CA, but an address the certificate does not name (it names localhost only)
        URI byAddress = URI.create("https://127.0.0.1:"
                + ConfigProvider.getConfig().getValue(CentralWithDistrictCertificate.SSL_PORT, String.class));
        CentralTransport district = new CentralTransport(registry.get(CentralTlsConfigSource.CONFIGURATION), false,
                Optional.empty());
        assertUntrusted(new SettlementClient(TestTerminalConfig.of(byAddress, terminal.code().orElseThrow(),
                terminal.secret().orElseThrow()), district));
    }

    private static void assertUntrusted(SettlementClient client) {
        SettlementException e = assertThrows(SettlementException.class, client::menu);
        assertEquals(SettlementException.UNREACHABLE, e.code(), e.messageZh());
        assertEquals(SettlementException.CENTRAL_NOT_TRUSTED, e.details().get("reason"), e.messageZh());
        assertTrue(e.messageZh().contains("证书"), e.messageZh());
    }
}
