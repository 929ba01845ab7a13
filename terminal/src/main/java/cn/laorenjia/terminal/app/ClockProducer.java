package cn.laorenjia.terminal.app;

import cn.laorenjia.core.calendar.ChinaCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one clock the counter reads for business time (sale times, meal days, journal stamps, the copy's age):
 * explicitly in Asia/Shanghai, never the machine's default zone. Every service takes it injected, so tests fix it and
 * a rehearsal can start it on a known day ({@code laorenjia.terminal.clock.start}). Elapsed-time measurements
 * (timeouts, benchmarks) keep {@link System#nanoTime()}.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @Singleton
    Clock clock(ClockConfig config) {
        Clock system = Clock.system(ChinaCalendar.ZONE);
        return config.start().map(start -> startingAt(system, start)).orElse(system);
    }

    private static Clock startingAt(Clock system, Instant start) {
        LOG.warnf("laorenjia.terminal.clock.start is set: this counter's clock runs from %s (Beijing %s), not from the "
                + "system clock. Never set it in production.", start, start.atZone(ChinaCalendar.ZONE).toLocalDateTime());
        return Clock.offset(system, Duration.between(system.instant(), start));
    }
}
