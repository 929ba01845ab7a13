package cn.laorenjia.settlement.settling.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * How long settlement runs take ({@code laorenjia_settlement_run_seconds}), by trigger (scheduler, cli, person: never
 * who) and outcome (reconciled, mismatched, skipped while another runner held the lock, failed). Timed around the
 * run's whole transaction, commit included.
 */
@ApplicationScoped
public class SettlementMetrics {

    public static final String RUNS = "laorenjia.settlement.run";

    private final MeterRegistry registry;

    public SettlementMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    void finished(Timer.Sample sample, String triggeredBy, String outcome) {
        sample.stop(Timer.builder(RUNS).description("Settlement runs, from the run's start to its commit")
                .tag("trigger", trigger(triggeredBy)).tag("outcome", outcome)
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(1))
                .register(registry));
    }

    /** "scheduler" and "cli" as they are; a username (a request by a person) as "person". */
    static String trigger(String triggeredBy) {
        return "scheduler".equals(triggeredBy) || "cli".equals(triggeredBy) ? triggeredBy : "person";
    }
}
