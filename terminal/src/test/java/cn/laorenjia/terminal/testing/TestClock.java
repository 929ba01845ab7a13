package cn.laorenjia.terminal.testing;

import cn.laorenjia.core.calendar.ChinaCalendar;
import io.quarkus.arc.Arc;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The counter's clock in tests: it starts at a known Monday lunch, so no result depends on the day or hour the suite
 * runs, and ticks from there, in step with the real central the end-to-end tests start with the same start
 * ({@link Central}: {@code LAORENJIA_CLOCK_START}); both stay seconds apart, inside the central's 10-minute sale
 * window and the QR codes' 30-second tolerance. A test resource that started a central passes that central's time as
 * {@value #OFFSET}, the offset from the system clock. A test may move the clock; {@link ResetTestClock} puts it back.
 *
 * <p>Replaces the production {@code ClockProducer}'s clock in every {@code @QuarkusTest} of this module.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    /** The central's time as an offset from the system clock (a Duration), when a test resource started one. */
    public static final String OFFSET = "laorenjia.test.clock-offset";

    /** A known Monday lunch in Beijing: the day the tests play, on both sides. */
    public static final ZonedDateTime MONDAY_LUNCH = ZonedDateTime.of(2026, 11, 16, 11, 30, 0, 0, ChinaCalendar.ZONE);

    private final Clock system = Clock.system(ChinaCalendar.ZONE);
    private final Duration initial;
    private volatile Duration offset;

    public TestClock() {
        initial = ConfigProvider.getConfig().getOptionalValue(OFFSET, Duration.class)
                .orElseGet(() -> Duration.between(system.instant(), MONDAY_LUNCH.toInstant()));
        offset = initial;
    }

    /** The app's clock, for static test helpers (inside a {@code @QuarkusTest}). */
    public static TestClock current() {
        return Arc.container().instance(TestClock.class).get();
    }

    /** Back in step with the start (and with the central, when there is one). */
    public void reset() {
        offset = initial;
    }

    /** Ticking on from that moment. */
    public void set(Instant instant) {
        offset = Duration.between(system.instant(), Objects.requireNonNull(instant, "instant"));
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Today as a Beijing date. */
    public LocalDate today() {
        return ChinaCalendar.mealDate(instant());
    }

    @Override
    public ZoneId getZone() {
        return ChinaCalendar.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(system, offset).withZone(zone);
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }
}
