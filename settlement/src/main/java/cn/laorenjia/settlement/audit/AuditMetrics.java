package cn.laorenjia.settlement.audit;

import cn.laorenjia.settlement.observe.MetricTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Audit entries written, by action ({@code laorenjia_audit_entries_total{action}}): counted when the transaction that
 * wrote the row commits, so a change rolled back (and its row with it) is not counted. The action codes are
 * {@link AuditAction}'s constants: a bounded set, no subject, actor or detail.
 */
@ApplicationScoped
public class AuditMetrics {

    public static final String ENTRIES = "laorenjia.audit.entries";

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public AuditMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** An entry was inserted in the current transaction: counted if it commits. */
    void written(String action) {
        Counter counter = Counter.builder(ENTRIES).description("Audit entries written (committed), by action")
                .tag("action", MetricTags.code(action)).register(registry);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }
}
