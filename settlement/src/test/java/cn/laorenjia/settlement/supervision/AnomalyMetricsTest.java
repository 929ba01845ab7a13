package cn.laorenjia.settlement.supervision;

import cn.laorenjia.settlement.supervision.service.AnomalyMetrics;
import cn.laorenjia.settlement.supervision.service.AnomalyRule;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cases a scan opens are counted by rule on /q/metrics, once the scan has committed (AnomalyMetrics). */
@QuarkusTest
class AnomalyMetricsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void theCasesAScanOpensAreCountedByRule() throws Exception {
        AnomalyWorld.plant(dataSource);
        Map<AnomalyRule, Double> before = counts();
        int opened = AnomalyRulesTest.scan().getInt("opened");
        Map<AnomalyRule, Double> after = counts();
        double counted = 0;
        for (AnomalyRule rule : AnomalyRule.values()) {
            counted += after.get(rule) - before.get(rule);
        }
        // the world planted by this run's first scan opens a case for every planted rule; a later scan opens none
        assertEquals(opened, counted, "cases opened " + opened + ", counted by rule " + after);
        // a second scan of the same month opens nothing new and counts nothing
        assertEquals(0, AnomalyRulesTest.scan().getInt("opened"));
        assertEquals(after, counts());
        System.out.printf("AnomalyMetricsTest: scan opened %d cases, counted %.0f%n", opened, counted);
    }

    private Map<AnomalyRule, Double> counts() {
        Map<AnomalyRule, Double> counts = new EnumMap<>(AnomalyRule.class);
        for (AnomalyRule rule : AnomalyRule.values()) {
            var counter = registry.find(AnomalyMetrics.OPENED).tag("rule", rule.name()).counter();
            counts.put(rule, counter == null ? 0 : counter.count());
        }
        return counts;
    }
}
