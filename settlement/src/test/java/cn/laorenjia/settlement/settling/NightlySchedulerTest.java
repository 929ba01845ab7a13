package cn.laorenjia.settlement.settling;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The nightly job as the scheduler runs it: no call from the test, only the {@code @Scheduled} method with
 * the cron from {@code laorenjia.settlement.cron}, read in Asia/Shanghai.
 *
 * <p>The profile sets the cron to every 2 seconds during the current and the next hour <em>of Beijing time</em>,
 * and the JVM's default zone to Pacific/Honolulu (18 hours behind Beijing, no summer time) while this app runs.
 * So the job fires during the test only if the annotation is there with its identity, takes its cron from that
 * key, and reads it in Asia/Shanghai: in the JVM's zone those hours are 18 (or 6) hours away.
 */
@QuarkusTest
@TestProfile(NightlySchedulerTest.EveryTwoSecondsThisBeijingHour.class)
class NightlySchedulerTest {

    static final ZoneId FOREIGN_DEFAULT_ZONE = ZoneId.of("Pacific/Honolulu");

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theScheduledTriggerRunsASettlementOfYesterdayInBeijingTime() throws Exception {
        assertEquals(FOREIGN_DEFAULT_ZONE, ZoneId.systemDefault(), "the app runs with a JVM zone that is not Beijing's");
        Trigger job = scheduler.getScheduledJob("nightly-settlement");
        assertNotNull(job, "the nightly job is scheduled under its identity; jobs: "
                + scheduler.getScheduledJobs().stream().map(Trigger::getId).toList());
        Set<Integer> hours = EveryTwoSecondsThisBeijingHour.HOURS;
        int nextHour = job.getNextFireTime().atZone(ChinaCalendar.ZONE).getHour();
        assertTrue(hours.contains(nextHour), "next fire " + job.getNextFireTime() + " is in Beijing hour " + nextHour
                + ", expected one of " + hours);

        // the scheduler itself runs the settlement: wait for its run record (one made after this test began: on a
        // shared real server, other test classes' runs may already be there, some of them played as the scheduler)
        long before = lastRunId();
        List<Object> run = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (run == null && Instant.now().isBefore(deadline)) {
            run = firstScheduledRunAfter(before);
            if (run == null) {
                Thread.sleep(250);
            }
        }
        if (run == null) {
            fail("no settlement run by the scheduler within 60 s; next fire time " + job.getNextFireTime());
        }
        // lookback 1: exactly yesterday as a Beijing date by the service's clock, checked and finished (the trigger
        // fires on the wall clock; what it settles is decided by the injected clock)
        LocalDate yesterday = TestClock.MONDAY_LUNCH.toLocalDate().minusDays(1);
        assertEquals(List.of(yesterday.toString(), yesterday.toString(), true, true), run.subList(0, 4));
        assertNotNull(job.getPreviousFireTime(), "the trigger records that it fired");
        assertTrue(hours.contains(job.getPreviousFireTime().atZone(ChinaCalendar.ZONE).getHour()));
        assertNotEquals(job.getPreviousFireTime().atZone(ChinaCalendar.ZONE).getHour(),
                job.getPreviousFireTime().atZone(FOREIGN_DEFAULT_ZONE).getHour());
    }

    /** from, to, reconciled, finished of the first run the scheduler recorded after run {@code after}, or null. */
    private List<Object> firstScheduledRunAfter(long after) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select from_date::text, to_date::text, reconciled, finished_at is not null
                     from settlement_run where triggered_by = 'scheduler' and id > %d
                     order by id limit 1""".formatted(after))) {
            return rs.next() ? List.of(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)) : null;
        }
    }

    private long lastRunId() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from settlement_run")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static class EveryTwoSecondsThisBeijingHour implements QuarkusTestProfile {

        /** This hour and the next of Beijing time, fixed when the class loads (before the app starts). */
        static final Set<Integer> HOURS;

        static {
            int hour = ZonedDateTime.now(ChinaCalendar.ZONE).getHour();
            HOURS = Set.of(hour, (hour + 1) % 24);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            List<Integer> hours = HOURS.stream().sorted().toList();
            return Map.of(
                    "laorenjia.settlement.cron", "*/2 * " + hours.get(0) + "," + hours.get(1) + " * * ?",
                    "laorenjia.settlement.lookback-days", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ForeignDefaultZone.class));
        }
    }

    /** Runs the app with a JVM default zone far from Beijing's, and puts the previous one back afterwards. */
    public static class ForeignDefaultZone implements QuarkusTestResourceLifecycleManager {

        private TimeZone previous;

        @Override
        public Map<String, String> start() {
            previous = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone(FOREIGN_DEFAULT_ZONE));
            return Map.of();
        }

        @Override
        public void stop() {
            TimeZone.setDefault(previous);
        }
    }
}
