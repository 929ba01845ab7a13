package cn.laorenjia.settlement.app;

import cn.laorenjia.core.calendar.ChinaCalendar;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockProducerTest {

    @Test
    void theServiceClockIsBeijingsAndTheSystemsUnlessAStartIsConfigured() {
        Clock clock = new ClockProducer().clock(TestSettlementConfig.defaults());
        assertEquals(ChinaCalendar.ZONE, clock.getZone());
        assertTrue(Duration.between(Instant.now(), clock.instant()).abs().compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void aConfiguredStartRunsTheClockFromThatInstantOn() throws InterruptedException {
        Instant start = Instant.parse("2026-11-16T11:30:00+08:00");
        Clock clock = new ClockProducer().clock(TestSettlementConfig.defaults().withClockStart(start));
        Instant first = clock.instant();
        assertTrue(!first.isBefore(start) && first.isBefore(start.plusSeconds(5)), first.toString());
        Thread.sleep(20);
        assertTrue(clock.instant().isAfter(first), "it ticks");
        assertEquals(ChinaCalendar.ZONE, clock.getZone());
    }
}
