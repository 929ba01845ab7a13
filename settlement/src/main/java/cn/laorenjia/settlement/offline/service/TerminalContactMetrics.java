package cn.laorenjia.settlement.offline.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;
import cn.laorenjia.settlement.availability.DatabaseIncidents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seconds since each active terminal was last answered by the central ({@code laorenjia_terminal_contact_age_seconds
 * {terminal, canteen}}), from what {@link TerminalContacts} flushed to {@code terminal_contact} (every instance's
 * answers) and this instance's own answers of the last seconds. A counter idle at its post still pings every few
 * seconds, so an age of minutes means a counter switched off or cut off. {@code +Inf}: an active terminal not heard
 * from within the contacts kept (laorenjia.offline.max-age and a day), or never. The list of terminals and the
 * flushed contacts are read again every {@code laorenjia.metrics.terminal-contact-refresh}; the age is computed at
 * each scrape.
 */
@ApplicationScoped
public class TerminalContactMetrics {

    private static final Logger LOG = Logger.getLogger(TerminalContactMetrics.class);

    public static final String AGE = "laorenjia.terminal.contact.age";

    private record Known(long terminalId, String terminal, String canteen) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final TerminalContacts contacts;
    private final MultiGauge gauge;
    /** The last contact each terminal has in terminal_contact, as last read. */
    private final Map<Long, Instant> flushed = new ConcurrentHashMap<>();
    private final DatabaseIncidents incidents;

    public TerminalContactMetrics(EntityManager em, Clock clock, TerminalContacts contacts, MeterRegistry registry,
                                  DatabaseIncidents incidents) {
        this.em = em;
        this.incidents = incidents;
        this.clock = clock;
        this.contacts = contacts;
        this.gauge = MultiGauge.builder(AGE).baseUnit("seconds")
                .description("Seconds since the central last answered the terminal (+Inf: not within the contacts kept)")
                .register(registry);
    }

    @Scheduled(identity = "terminal-contact-metrics", every = "${laorenjia.metrics.terminal-contact-refresh:PT15S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        List<Known> terminals = new ArrayList<>();
        Map<Long, Instant> last = new ConcurrentHashMap<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> read(terminals, last));
        } catch (RuntimeException e) {
            // a database outage: one line (DatabaseIncidents), not a stack trace every refresh; the gauges keep
            // their last reading and the ages go on growing, which is what an operator should see
            if (!incidents.jobFailed(e, "reading the terminals' last contacts for the metrics")) {
                LOG.warnf(e, "Could not read the terminals' last contacts for the metrics; retrying at the next refresh");
            }
            return;
        }
        flushed.keySet().retainAll(last.keySet());
        flushed.putAll(last);
        gauge.register(terminals.stream().map(t -> MultiGauge.Row.of(
                Tags.of("terminal", t.terminal(), "canteen", t.canteen()), t, this::ageSeconds)).toList(), true);
    }

    private void read(List<Known> terminals, Map<Long, Instant> last) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select t.id, t.code, c.code, l.last_at
                from terminal t join canteen c on c.id = t.canteen_id
                left join lateral (select tc.last_at from terminal_contact tc where tc.terminal_id = t.id
                                   order by tc.minute desc limit 1) l on true
                where t.active and c.active
                order by t.id""").getResultList();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            terminals.add(new Known(id, (String) r[1], (String) r[2]));
            if (r[3] != null) {
                last.put(id, instant(r[3]));
            }
        }
    }

    private double ageSeconds(Known terminal) {
        Instant db = flushed.get(terminal.terminalId());
        Instant mine = contacts.lastAnswered(terminal.terminalId()).orElse(null);
        Instant last = db == null ? mine : mine == null || db.isAfter(mine) ? db : mine;
        if (last == null) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, Duration.between(last, clock.instant()).toMillis() / 1000.0);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
