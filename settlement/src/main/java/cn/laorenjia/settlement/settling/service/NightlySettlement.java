package cn.laorenjia.settlement.settling.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The nightly job. Every instance of the service schedules it; the advisory lock taken by {@link SettlementService}
 * lets one of them run and the others skip. The time zone is explicit: 02:00 is Beijing time whatever the
 * machine's zone.
 */
@ApplicationScoped
public class NightlySettlement {

    private final SettlementService settlement;

    public NightlySettlement(SettlementService settlement) {
        this.settlement = settlement;
    }

    @Scheduled(identity = "nightly-settlement", cron = "${laorenjia.settlement.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settleNightly() {
        settlement.settleNightly("scheduler");
    }
}
