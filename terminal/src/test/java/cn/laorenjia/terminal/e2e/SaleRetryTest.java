package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.app.TerminalConfig;
import cn.laorenjia.terminal.app.TestTerminalConfig;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.terminal.offline.TestOfflineConfig;
import java.nio.file.Files;
import cn.laorenjia.terminal.identify.SeniorPresented;
import cn.laorenjia.terminal.receipt.ReceiptStore;
import cn.laorenjia.terminal.sale.CounterState;
import cn.laorenjia.terminal.sale.SaleFlow;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.testing.TestCashier;
import cn.laorenjia.terminal.testing.SwitchableProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The answer to a confirmed sale is lost on the way back (the service has recorded the meal). The terminal
 * keeps the sale id, the cashier presses Enter again, and the service answers the retry with the first answer:
 * one meal in the ledger, one quota used. Against the real settlement service, through a relay that cuts the line.
 */
@QuarkusTest
@WithTestResource(SettlementProcess.class)
class SaleRetryTest {

    /** The counter's clock (TestClock), in step with the central's. */
    @Inject
    Clock clock;

    /** 刘德明, 75, lives alone and receives visiting care (fixtures' StorySeniors.LIU_DEMING_UID). */
    private static final String LIU_DEMING_UID = "04B7C8D9E0F1A2";

    @Test
    void aLostAnswerIsRetriedWithTheSameSaleIdAndRecordedOnce() throws Exception {
        Config config = ConfigProvider.getConfig();
        config.getOptionalValue(SettlementProcess.UNAVAILABLE, String.class).ifPresent(why -> {
            if ("1".equals(System.getenv("LAORENJIA_REQUIRE_BROWSER"))) {
                throw new AssertionError("end-to-end tests required but " + why);
            }
            abort("Skipping: " + why);
        });
        URI service = URI.create(config.getValue("laorenjia.terminal.settlement-url", String.class));
        try (SwitchableProxy proxy = new SwitchableProxy(service)) {
            SettlementClient direct = new SettlementClient(configFor(service));
            SettlementClient viaProxy = new SettlementClient(configFor(proxy.uri()));
            // no offline copy: a lost answer leaves the sale journalled for the cashier's retry with the same id
            TestOfflineConfig offlineConfig = TestOfflineConfig.in(Files.createTempDirectory("retry-test"));
            OfflineCounter offline = new OfflineCounter(offlineConfig, viaProxy, clock);
            SaleFlow flow = new SaleFlow(viaProxy, new ReceiptStore(), offline, clock,
                    TestCashier.signedIn(direct, offlineConfig, clock, service,
                            config.getValue(SettlementProcess.ADMIN_PASSWORD, String.class), "BD-HB-01"));
            TestCashier.openShift(offline, clock);
            long usedBefore = direct.totals().terminal().subsidisedMeals();

            CounterState shown = flow.present(new SeniorPresented(SeniorPresented.Kind.CARD_UID, LIU_DEMING_UID, clock.instant()));
            assertTrue(shown.preview().subsidised(), () -> shown.toString());

            proxy.loseNextAnswer();
            CounterState lost = flow.confirm(false);
            assertEquals("SETTLEMENT_UNREACHABLE", lost.error().code());
            assertNotNull(lost.pendingSaleId(), "the sale id is kept for the retry");
            assertEquals(usedBefore + 1, direct.totals().terminal().subsidisedMeals(),
                    "the service recorded the meal although its answer was lost");

            CounterState retried = flow.confirm(false);
            assertNull(retried.error(), () -> String.valueOf(retried.error()));
            assertEquals(lost.pendingSaleId(), retried.lastSale().saleId().toString());
            assertNull(retried.pendingSaleId());
            assertEquals(usedBefore + 1, direct.totals().terminal().subsidisedMeals(), "recorded once");

            CounterState voided = flow.voidSale(retried.lastSale().saleId().toString(), "测试：恢复老人的次数"); // leave the senior's quota as it was
            assertNull(voided.error(), () -> String.valueOf(voided.error()));
        }
    }

    private static TerminalConfig configFor(URI settlement) {
        Config config = ConfigProvider.getConfig();
        return TestTerminalConfig.of(settlement, config.getValue("laorenjia.terminal.code", String.class),
                config.getValue("laorenjia.terminal.secret", String.class));
    }
}
