package cn.laorenjia.terminal.card;

import cn.laorenjia.fixtures.sample.CardKind;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.vpcd.PcscDaemon;
import cn.laorenjia.fixtures.vpcd.VirtualCard;
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import cn.laorenjia.terminal.testing.PcscStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static cn.laorenjia.terminal.testing.CounterApi.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Profile (a), the card UID, read through pcscd, vpcd and javax.smartcardio from a virtual card. */
@QuarkusTest
class CardReaderPcscTest extends PcscTestSupport {

    private static String sampleUid() {
        return SampleRegister.baodi().seniors().stream().flatMap(s -> s.cards().stream())
                .filter(c -> c.kind() == CardKind.UID).findFirst().orElseThrow().identifier();
    }

    @Test
    void aTapPresentsTheUidOnceAndTheStatusShowsTheReader() {
        String uid = sampleUid();
        try (VirtualCard card = VirtualCard.uid(uid).insert(VirtualCard.SECOND_READER_PORT)) {
            SeniorPresented seen = events.next(SeniorPresented.class, WAIT);
            assertEquals(SeniorPresented.Kind.CARD_UID, seen.kind());
            assertEquals(uid, seen.value());
            assertEquals(1, card.commandsReceived(), "one GET UID, then the reader waits for the card to leave");
        }
        awaitNoCard();
        given().when().get("/api/card-reader").then().statusCode(200)
                .body("state", equalTo("READY")).body("readerPresent", equalTo(true))
                .body("readerName", equalTo(PcscStack.READER)).body("profile", equalTo("UID"));
        // The same card tapped again is a new presentation.
        try (VirtualCard card = VirtualCard.uid(uid).insert(VirtualCard.SECOND_READER_PORT)) {
            assertEquals(uid, events.next(SeniorPresented.class, WAIT).value());
        }
        awaitNoCard();
    }

    @Test
    void aRandomUidIsRefused() {
        try (VirtualCard card = VirtualCard.uid("08A1B2C3").insert(VirtualCard.SECOND_READER_PORT)) {
            IdentificationFailed failed = events.next(IdentificationFailed.class, WAIT);
            assertEquals("RANDOM_UID", failed.code());
        }
        awaitNoCard();
        given().when().get("/api/card-reader").then().statusCode(200).body("lastError.code", equalTo("RANDOM_UID"));
    }

    @Test
    void aCardPulledMidReadIsReportedAndTheNextTapWorks() {
        try (VirtualCard card = VirtualCard.uid("04A1B2C3D4E5F6").pulledAtCommand(1).insert(VirtualCard.SECOND_READER_PORT)) {
            assertEquals("CARD_REMOVED", events.next(IdentificationFailed.class, WAIT).code());
        }
        awaitNoCard();
        try (VirtualCard card = VirtualCard.uid("04A1B2C3D4E5F6").insert(VirtualCard.SECOND_READER_PORT)) {
            assertEquals("04A1B2C3D4E5F6", events.next(SeniorPresented.class, WAIT).value());
        }
        awaitNoCard();
    }

    @Test
    void theReaderComesBackAfterPcscdRestarts() {
        try (VirtualCard card = VirtualCard.uid("04112233445566").insert(VirtualCard.SECOND_READER_PORT)) {
            assertEquals("04112233445566", events.next(SeniorPresented.class, WAIT).value());
        }
        awaitNoCard();
        PcscDaemon.stop();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ("READY".equals(reader.status().state()) && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertEquals("NO_SERVICE", reader.status().state(), "the reader notices pcscd is gone");
        PcscDaemon.ensureRunning();
        awaitReady();
        try (VirtualCard card = VirtualCard.uid("04112233445577").insert(VirtualCard.SECOND_READER_PORT)) {
            assertEquals("04112233445577", events.next(SeniorPresented.class, WAIT).value());
        }
        awaitNoCard();
    }


    @Test
    void tapToEventLatencyThroughTheRealStack() {
        long[] millis = new long[20];
        java.util.Random random = new java.util.Random(20);
        for (int i = 0; i < millis.length; i++) {
            String uid = String.format("04AABBCCDD%04X", i);
            // pcscd polls vpcd every 400 ms: tap at a random moment of that cycle, as a senior would
            sleep(random.nextInt(400));
            long start = System.nanoTime();
            try (VirtualCard card = VirtualCard.uid(uid).insert(VirtualCard.SECOND_READER_PORT)) {
                assertEquals(uid, events.next(SeniorPresented.class, WAIT).value());
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            awaitNoCard();
        }
        java.util.Arrays.sort(millis);
        // A figure for the record, not an assertion: it depends on the machine and on pcscd polling drivers without
        // card events (vpcd) every 400 ms; a USB CCID reader reports insertion by interrupt.
        System.out.printf("card on vpcd's reader -> SeniorPresented: median %d ms, p95 %d ms, max %d ms (20 taps)%n",
                millis[10], millis[18], millis[19]);
    }
}
