package cn.laorenjia.terminal.card;

import cn.laorenjia.terminal.testing.EventsSeen;
import cn.laorenjia.terminal.testing.PcscStack;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared by the tests that tap virtual cards on vpcd's reader: the events seen and waits for the reader's state. */
abstract class PcscTestSupport {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    EventsSeen events;

    @Inject
    CardReaderLoop reader;

    @BeforeEach
    void stack() {
        PcscStack.require();
        awaitReady();
        awaitNoCard();
        events.clear();
    }

    /** A card swapped faster than the reader polls looks like one card staying put: wait for the reader to see it gone. */
    void awaitNoCard() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reader.status().cardPresent() && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertEquals(false, reader.status().cardPresent(), "the reader sees the card leave");
    }

    void awaitReady() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"READY".equals(reader.status().state()) && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertEquals("READY", reader.status().state(), "the reader thread finds vpcd's reader");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
