package cn.laorenjia.terminal.card;

import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.terminal.testing.TestClock;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader thread against the in-memory PC/SC stack: what vpcd cannot do (readers unplugged and plugged in,
 * none at start) and the same card and pcscd faults, in milliseconds.
 */
class CardReaderLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Map<String, String> UID_CARD = Map.of("ffca000000", "04a1b2c3d4e5f69000");

    private final SimulatedPcsc pcsc = new SimulatedPcsc();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final CardReaderLoop loop = new CardReaderLoop(config(Optional.empty()), pcsc, events::add, events::add,
            Clock.fixed(TestClock.MONDAY_LUNCH.toInstant(), ChinaCalendar.ZONE));

    private static CardReaderConfig config(Optional<String> readerName) {
        return new CardReaderConfig() {
            public boolean enabled() { return true; }
            public CardProfile profile() { return CardProfile.UID; }
            public Optional<String> readerName() { return readerName; }
            public Duration pollInterval() { return Duration.ofMillis(50); }
            public Duration retryInterval() { return Duration.ofMillis(20); }
        };
    }

    @AfterEach
    void stop() {
        loop.stop();
    }

    private Object next() throws InterruptedException {
        Object event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + WAIT);
        }
        return event;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void noReaderAtStartThenOnePluggedInThenUnpluggedAndPluggedAgain() throws Exception {
        loop.start();
        await("NO_READER", () -> "NO_READER".equals(loop.status().state()));
        SimulatedPcsc.Reader reader = pcsc.plugIn("ACS ACR122U 00 00");
        await("READY", () -> "READY".equals(loop.status().state()));
        assertEquals("ACS ACR122U 00 00", loop.status().readerName());
        reader.put(UID_CARD);
        assertEquals("04A1B2C3D4E5F6", ((SeniorPresented) next()).value());

        pcsc.unplug(reader);
        await("NO_READER after unplugging", () -> "NO_READER".equals(loop.status().state()) && !loop.status().readerPresent());
        SimulatedPcsc.Reader again = pcsc.plugIn("ACS ACR122U 00 00");
        await("READY after plugging in again", () -> "READY".equals(loop.status().state()));
        again.put(UID_CARD);
        assertEquals("04A1B2C3D4E5F6", ((SeniorPresented) next()).value());
    }

    @Test
    void oneTapOneEventAndACardPulledMidReadIsSaid() throws Exception {
        SimulatedPcsc.Reader reader = pcsc.plugIn("Reader A");
        loop.start();
        reader.put(UID_CARD);
        assertEquals(SeniorPresented.Kind.CARD_UID, ((SeniorPresented) next()).kind());
        Thread.sleep(200);
        assertTrue(events.isEmpty(), "a card left on the reader is read once");
        reader.take();
        await("card gone", () -> !loop.status().cardPresent());

        // pulled during the command
        reader.put(Map.of("ffca000000", SimulatedPcsc.PULLED));
        assertEquals("CARD_REMOVED", ((IdentificationFailed) next()).code());
        await("card gone", () -> !loop.status().cardPresent());
        // a card that does not know the command answers 6D00
        reader.put(Map.of());
        assertEquals("CARD_ERROR", ((IdentificationFailed) next()).code());
        assertEquals("CARD_ERROR", loop.status().lastError().code());
    }

    @Test
    void pcscdStoppedAndStartedAgain() throws Exception {
        SimulatedPcsc.Reader reader = pcsc.plugIn("Reader A");
        loop.start();
        await("READY", () -> "READY".equals(loop.status().state()));
        pcsc.stopService();
        await("NO_SERVICE", () -> "NO_SERVICE".equals(loop.status().state()));
        assertTrue(pcsc.renewals.get() > 0, "the stale context is dropped");
        pcsc.startService();
        await("READY again", () -> "READY".equals(loop.status().state()));
        reader.put(UID_CARD);
        assertEquals("04A1B2C3D4E5F6", ((SeniorPresented) next()).value());
    }

    @Test
    void theConfiguredReaderIsUsedAndOthersIgnored() throws Exception {
        CardReaderLoop named = new CardReaderLoop(config(Optional.of("Contactless")), pcsc, events::add, events::add,
            Clock.fixed(TestClock.MONDAY_LUNCH.toInstant(), ChinaCalendar.ZONE));
        try {
            SimulatedPcsc.Reader contact = pcsc.plugIn("Contact Reader");
            named.start();
            await("NO_READER without the named one", () -> "NO_READER".equals(named.status().state()));
            contact.put(UID_CARD);
            SimulatedPcsc.Reader contactless = pcsc.plugIn("Contactless Reader");
            await("READY", () -> "READY".equals(named.status().state()));
            assertEquals("Contactless Reader", named.status().readerName());
            assertTrue(events.isEmpty(), "a card on another reader is not read");
            contactless.put(UID_CARD);
            assertEquals("04A1B2C3D4E5F6", ((SeniorPresented) next()).value());
        } finally {
            named.stop();
        }
    }
}
