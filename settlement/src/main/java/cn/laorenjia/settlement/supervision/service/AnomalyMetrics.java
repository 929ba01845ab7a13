package cn.laorenjia.settlement.supervision.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Anomaly cases opened by the scan, by rule ({@code laorenjia_anomaly_cases_opened_total{rule}}), counted once the
 * scan has committed. The rule is the enum's name; never the canteen, cashier or senior.
 */
@Startup
@ApplicationScoped
public class AnomalyMetrics {

    public static final String OPENED = "laorenjia.anomaly.cases.opened";

    private final MeterRegistry registry;

    public AnomalyMetrics(MeterRegistry registry) {
        this.registry = registry;
        // every rule from the start at 0, so that a rate over the first case of a rule is a rate, not a new series
        for (AnomalyRule rule : AnomalyRule.values()) {
            counter(rule);
        }
    }

    void opened(Map<AnomalyRule, Integer> byRule) {
        byRule.forEach((rule, n) -> counter(rule).increment(n));
    }

    private Counter counter(AnomalyRule rule) {
        return Counter.builder(OPENED).description("Anomaly cases opened by the scan, by rule")
                .tag("rule", rule.name()).register(registry);
    }
}
