package cn.laorenjia.settlement.app;

import cn.laorenjia.core.calendar.ChinaCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one clock the service reads: explicitly in Asia/Shanghai, never the machine's default zone. Every service takes
 * time from it (injected), so tests fix it and a rehearsal can start it on a known day ({@code laorenjia.clock.start}).
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @ApplicationScoped
    Clock clock(SettlementConfig config) {
        Clock system = Clock.system(ChinaCalendar.ZONE);
        return config.clock().start().map(start -> startingAt(system, start)).orElse(system);
    }

    private static Clock startingAt(Clock system, Instant start) {
        LOG.warnf("laorenjia.clock.start is set: this service's clock runs from %s (Beijing %s), not from the system "
                + "clock. Never set it in production.", start, start.atZone(ChinaCalendar.ZONE).toLocalDateTime());
        return Clock.offset(system, Duration.between(system.instant(), start));
    }
}
