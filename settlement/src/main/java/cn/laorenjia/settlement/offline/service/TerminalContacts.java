package cn.laorenjia.settlement.offline.service;

import cn.laorenjia.settlement.availability.DatabaseIncidents;
import jakarta.inject.Inject;
import cn.laorenjia.core.offline.CentralContact;
import cn.laorenjia.settlement.ledger.service.OfflineConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this service answered each terminal: the proof the offline rule needs ({@link CentralContact}, README "断网时").
 *
 * <p>The hot path (every answered terminal request, a sale authorisation among them) only merges the answer into an
 * in-memory span per terminal and minute; a scheduled flush upserts those spans into {@code terminal_contact} (one row
 * per terminal and minute: its first and last answer) in its own transaction. Reading merges the table with what is
 * not flushed yet, so a sync sees the answers of this instance up to the moment. Another instance's answers of the
 * last seconds (its unflushed buffer) are not seen: the rule then errs towards paying the canteen.
 */
@ApplicationScoped
public class TerminalContacts {

    private static final Logger LOG = Logger.getLogger(TerminalContacts.class);

    /** A database outage: one line per flush, not a stack trace every few seconds. */
    @Inject
    DatabaseIncidents incidents;

    /** A terminal's minute (epoch second of the minute's start). */
    private record Key(long terminalId, long minute) {
    }

    /** The first and last answer of a minute. */
    private record Span(Instant first, Instant last) {
        Span merge(Span other) {
            return new Span(first.isBefore(other.first) ? first : other.first, last.isAfter(other.last) ? last : other.last);
        }
    }

    private final ConcurrentHashMap<Key, Span> pending = new ConcurrentHashMap<>();
    /** Each terminal's last answer by this instance: one entry per terminal, never pruned (terminals are few). */
    private final ConcurrentHashMap<Long, Instant> latest = new ConcurrentHashMap<>();
    private final EntityManager em;
    private final Clock clock;
    private final OfflineConfig config;

    public TerminalContacts(EntityManager em, Clock clock, OfflineConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    /** The service has just answered this terminal: cheap, no database. */
    public void answered(long terminalId) {
        Instant at = clock.instant();
        pending.merge(new Key(terminalId, minuteOf(at)), new Span(at, at), Span::merge);
        latest.merge(terminalId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** This instance's last answer to the terminal since it started, for the metrics (TerminalContactMetrics). */
    public Optional<Instant> lastAnswered(long terminalId) {
        return Optional.ofNullable(latest.get(terminalId));
    }

    /** Writes the buffered answers, each terminal's minute once, in a transaction of its own. */
    @Scheduled(identity = "terminal-contact-flush", every = "${laorenjia.offline.contact-flush-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(pending.keySet());
        // one order for every flush: two instances upserting the same rows never deadlock
        keys.sort(Comparator.comparingLong(Key::terminalId).thenComparingLong(Key::minute));
        Map<Key, Span> taken = new HashMap<>();
        for (Key key : keys) {
            Span span = pending.remove(key);
            if (span != null) {
                taken.put(key, span);
            }
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement st = c.prepareStatement("""
                        insert into terminal_contact (terminal_id, minute, first_at, last_at) values (?, ?, ?, ?)
                        on conflict (terminal_id, minute) do update
                        set first_at = least(terminal_contact.first_at, excluded.first_at),
                            last_at = greatest(terminal_contact.last_at, excluded.last_at)""")) {
                    for (Key key : keys) {
                        Span span = taken.get(key);
                        if (span == null) {
                            continue;
                        }
                        st.setLong(1, key.terminalId());
                        st.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(key.minute())));
                        st.setTimestamp(3, Timestamp.from(span.first()));
                        st.setTimestamp(4, Timestamp.from(span.last()));
                        st.addBatch();
                    }
                    st.executeBatch();
                }
            }));
        } catch (RuntimeException e) {
            // kept for the next flush: a lost answer would only make the rule pay what it should have flagged
            taken.forEach((key, span) -> pending.merge(key, span, Span::merge));
            if (!incidents.jobFailed(e, "recording " + taken.size() + " terminal contacts")) {
                LOG.warnf(e, "Could not record %d terminal contacts; retrying at the next flush", taken.size());
            }
        }
    }

    /** At shutdown, while the database is still open (a @PreDestroy ran after Hibernate had closed: contacts were lost). */
    void flushOnShutdown(@Observes ShutdownEvent event) {
        flush();
    }

    /** Forgets minutes no offline sale can still be claimed in (older than the offline max-age, with a day's margin). */
    @Scheduled(identity = "terminal-contact-prune", every = "1h", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        Instant before = clock.instant().minus(config.maxAge()).minus(Duration.ofDays(1));
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from terminal_contact where minute < ?1")
                    .setParameter(1, Timestamp.from(before)).executeUpdate());
        } catch (RuntimeException e) {
            if (!incidents.jobFailed(e, "pruning old terminal contacts")) {
                throw e;
            }
        }
    }

    /**
     * What this service knows of its answers to the terminal around each claimed moment, within the rule's window
     * ({@link OfflineConfig#contactWindow()}): one query for all of them. Runs in the caller's transaction.
     */
    public Map<Instant, CentralContact> around(long terminalId, Collection<Instant> claimed) {
        Duration window = config.contactWindow();
        Set<Long> minutes = new TreeSet<>();
        for (Instant at : claimed) {
            for (long m = minuteOf(at.minus(window)); m <= minuteOf(at.plus(window)); m += 60) {
                minutes.add(m);
            }
        }
        List<Span> spans = new ArrayList<>();
        if (!minutes.isEmpty()) {
            Timestamp[] array = minutes.stream().map(m -> Timestamp.from(Instant.ofEpochSecond(m))).toArray(Timestamp[]::new);
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "select first_at, last_at from terminal_contact where terminal_id = ? and minute = any(?)")) {
                    st.setLong(1, terminalId);
                    st.setArray(2, c.createArrayOf("timestamptz", array));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            spans.add(new Span(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()));
                        }
                    }
                }
            });
            pending.forEach((key, span) -> {
                if (key.terminalId() == terminalId && minutes.contains(key.minute())) {
                    spans.add(span);
                }
            });
        }
        Map<Instant, CentralContact> contacts = new HashMap<>();
        for (Instant at : claimed) {
            contacts.computeIfAbsent(at, t -> contactAt(t, spans, window));
        }
        return contacts;
    }

    /** The nearest known answers on each side of {@code at}: within a minute only its first and last are known. */
    private static CentralContact contactAt(Instant at, List<Span> spans, Duration window) {
        Instant before = null;
        Instant after = null;
        for (Span span : spans) {
            for (Instant answer : List.of(span.first(), span.last())) {
                if (!answer.isAfter(at) && (before == null || answer.isAfter(before))) {
                    before = answer;
                }
                if (!answer.isBefore(at) && (after == null || answer.isBefore(after))) {
                    after = answer;
                }
            }
        }
        return new CentralContact(at, Optional.ofNullable(before), Optional.ofNullable(after), window);
    }

    private static long minuteOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60) * 60;
    }
}
