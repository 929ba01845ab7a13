package cn.laorenjia.terminal.observe;

import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.offline.OfflineCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The counter's own figures on its /q/metrics (README "运行监控与日志"): the journal's queue of sales waiting for the
 * central ({@code laorenjia_counter_queue_sales{mode}}), seconds since the central last answered
 * ({@code laorenjia_counter_central_contact_age_seconds}, +Inf before its first answer since the start), whether the
 * counter sells online ({@code laorenjia_counter_online}), and its sales by outcome and code
 * ({@code laorenjia_counter_sales_total}). Codes only: never a senior, a card or a cashier.
 */
@Startup
@ApplicationScoped
public class CounterMetrics {

    public static final String QUEUE = "laorenjia.counter.queue.sales";
    public static final String CONTACT_AGE = "laorenjia.counter.central.contact.age";
    public static final String ONLINE = "laorenjia.counter.online";
    public static final String SALES = "laorenjia.counter.sales";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final MeterRegistry registry;

    public CounterMetrics(MeterRegistry registry, OfflineCounter offline, Clock clock) {
        this.registry = registry;
        for (SaleJournal.Mode mode : SaleJournal.Mode.values()) {
            Gauge.builder(QUEUE, offline, o -> o.journal().pendingCount(mode))
                    .description("Sales journalled and not yet answered by the central, by how they were made")
                    .tag("mode", mode.name().toLowerCase(Locale.ROOT)).strongReference(true).register(registry);
        }
        Gauge.builder(CONTACT_AGE, offline, o -> ageSeconds(o.lastAnswerAt(), clock))
                .baseUnit("seconds").description("Seconds since the central last answered this counter")
                .strongReference(true).register(registry);
        Gauge.builder(ONLINE, offline, o -> o.online() ? 1 : 0)
                .description("1 while the counter sells online, 0 while it decides from its offline copy")
                .strongReference(true).register(registry);
    }

    /**
     * A sale made at this counter: {@code subsidised} (answered by the central), {@code refused} (the central's code),
     * {@code offline_granted} / {@code offline_full_price} (decided from the copy), {@code full_price} (not
     * subsidised: the preview's code), {@code walk_in}.
     */
    public void sale(String outcome, String code) {
        Counter.builder(SALES).description("Sales made at this counter, by outcome and code")
                .tag("outcome", outcome).tag("code", code == null || code.isEmpty() ? "NONE"
                        : CODE.matcher(code).matches() ? code : "OTHER")
                .register(registry).increment();
    }

    static double ageSeconds(Instant last, Clock clock) {
        if (last == null) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, Duration.between(last, clock.instant()).toMillis() / 1000.0);
    }
}
