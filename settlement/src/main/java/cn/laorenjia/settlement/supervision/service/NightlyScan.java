package cn.laorenjia.settlement.supervision.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The nightly anomaly scan, after the nightly settlement (its cron is later, {@code laorenjia.anomaly.cron}): notes
 * the recent offline claims made while their terminal was online (before terminal_contact is pruned) and scans the
 * month of yesterday, and in the first days of a month the previous month too (late offline claims still arrive).
 */
@ApplicationScoped
public class NightlyScan {

    private static final Logger LOG = Logger.getLogger(NightlyScan.class);

    private final SupervisionCases cases;
    private final AnomalyConfig config;
    private final Clock clock;

    public NightlyScan(SupervisionCases cases, AnomalyConfig config, Clock clock) {
        this.cases = cases;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "nightly-anomaly-scan", cron = "${laorenjia.anomaly.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scanNightly() {
        LocalDate yesterday = LocalDate.now(clock.withZone(ChinaCalendar.ZONE)).minusDays(1);
        cases.noteOfflineWhileOnline(yesterday.minusDays(config.offlineWhileOnline().recentDays()), yesterday);
        YearMonth month = YearMonth.from(yesterday);
        if (yesterday.getDayOfMonth() <= config.previousMonthUntilDay()) {
            LOG.info(cases.scan(month.minusMonths(1)).describeZh());
        }
        LOG.info(cases.scan(month).describeZh());
    }
}
