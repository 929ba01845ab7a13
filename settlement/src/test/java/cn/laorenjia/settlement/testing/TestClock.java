package cn.laorenjia.settlement.testing;

import cn.laorenjia.core.calendar.ChinaCalendar;
import io.quarkus.arc.Arc;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The service's clock in tests: fixed, so no result depends on the day or hour the suite runs, and set by a test to
 * the moment it plays (a sale on a past weekday is made "then", within the production 10-minute window, never by
 * widening the window). It does not tick: a test that needs time to pass moves it.
 *
 * <p>Replaces the production {@code ClockProducer}'s clock in every {@code @QuarkusTest} of this module.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    /** A known Monday lunch in Beijing: the clock starts here and {@link #reset()} brings it back. */
    public static final ZonedDateTime MONDAY_LUNCH = ZonedDateTime.of(2026, 11, 16, 11, 30, 0, 0, ChinaCalendar.ZONE);

    private volatile Instant now = MONDAY_LUNCH.toInstant();

    /** The app's clock, for static test helpers (inside a {@code @QuarkusTest}). */
    public static TestClock current() {
        return Arc.container().instance(TestClock.class).get();
    }

    /** Back to {@link #MONDAY_LUNCH}. */
    public void reset() {
        now = MONDAY_LUNCH.toInstant();
    }

    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    public void set(ZonedDateTime moment) {
        set(moment.toInstant());
    }

    /** Half past eleven (Beijing) on the given day. */
    public void lunchOn(LocalDate day) {
        set(day.atTime(LocalTime.of(11, 30)).atZone(ChinaCalendar.ZONE));
    }

    /** Runs the action with the clock at that moment, then puts the clock back where it was. */
    public <T> T at(Instant moment, Supplier<T> action) {
        Instant before = now;
        set(moment);
        try {
            return action.get();
        } finally {
            now = before;
        }
    }

    public void at(Instant moment, Runnable action) {
        at(moment, () -> {
            action.run();
            return null;
        });
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Today as a Beijing date. */
    public LocalDate today() {
        return ChinaCalendar.mealDate(now);
    }

    @Override
    public ZoneId getZone() {
        return ChinaCalendar.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
