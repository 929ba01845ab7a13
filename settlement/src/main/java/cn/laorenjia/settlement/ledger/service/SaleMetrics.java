package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.contract.offline.OfflineSaleResult;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.observe.MetricTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The ledger's answers to counters, counted for /q/metrics ({@code laorenjia_sales_total}, {@code
 * laorenjia_sale_voids_total}): by channel (live, offline), outcome (subsidised, refused, failed; for synced sales the
 * sync's status) and the stable refusal code. Never who or which card: the tags are codes only ({@link MetricTags}).
 * Counted where the resource has the answer, after the transaction: a retried sale's answer counts again (it is an
 * answer the counter got), a rolled-back attempt that a retry then answered counts once.
 */
@ApplicationScoped
public class SaleMetrics {

    public static final String SALES = "laorenjia.sales";
    public static final String VOIDS = "laorenjia.sale.voids";
    static final String LIVE = "live";
    static final String OFFLINE = "offline";

    private final MeterRegistry registry;

    public SaleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void authorised(MealAuthorisation answer) {
        sale(LIVE, MetricTags.outcome(answer.status()), MetricTags.NONE);
    }

    /** A live sale not recorded: refused with a code, or failed (the database, a bug). */
    public void notAuthorised(RuntimeException e) {
        if (e instanceof ApiException refusal) {
            sale(LIVE, "refused", MetricTags.code(refusal.code()));
        } else {
            sale(LIVE, "failed", MetricTags.NONE);
        }
    }

    public void synced(List<OfflineSaleResult> results) {
        for (OfflineSaleResult r : results) {
            sale(OFFLINE, MetricTags.outcome(r.status()), MetricTags.code(r.code()));
        }
    }

    /** A whole sync request refused or failed: each of its sales is answered again at the next attempt. */
    public void syncNotTaken(RuntimeException e, int sales) {
        String outcome = e instanceof ApiException ? "refused" : "failed";
        String code = e instanceof ApiException refusal ? MetricTags.code(refusal.code()) : MetricTags.NONE;
        counter(SALES, "Sales answered to counters", OFFLINE, outcome, code).increment(sales);
    }

    public void voided(MealVoid answer) {
        counter(VOIDS, "Voids answered to counters", LIVE, MetricTags.outcome(answer.status()), MetricTags.NONE)
                .increment();
    }

    public void notVoided(RuntimeException e) {
        String outcome = e instanceof ApiException ? "refused" : "failed";
        String code = e instanceof ApiException refusal ? MetricTags.code(refusal.code()) : MetricTags.NONE;
        counter(VOIDS, "Voids answered to counters", LIVE, outcome, code).increment();
    }

    private void sale(String channel, String outcome, String code) {
        counter(SALES, "Sales answered to counters", channel, outcome, code).increment();
    }

    private Counter counter(String name, String description, String channel, String outcome, String code) {
        return Counter.builder(name).description(description)
                .tag("channel", channel).tag("outcome", outcome).tag("code", code)
                .register(registry);
    }
}
