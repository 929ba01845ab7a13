package cn.laorenjia.settlement.offline.service;

import cn.laorenjia.settlement.availability.DatabaseIncidents;
import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.offline.CardKey;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.settlement.ledger.service.LedgerError;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.settlement.register.entity.Canteen;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the offline copy counters download while they are online (every few minutes), once per jurisdiction and
 * version for all its counters rather than once per request.
 *
 * <p>Scope: a senior may eat at any canteen of the jurisdiction whose policy applies there, so a counter's copy holds
 * the seniors living in the districts of its jurisdiction's canteens (a senior's residence is a district; a
 * jurisdiction is configuration naming the canteens it covers), not the whole installation.
 *
 * <p>Versions: the copies of the jurisdictions counters asked for are rebuilt in the background every
 * {@code rebuild-after} and at the day change, and requests are served the current version from memory; a request
 * builds only when there is no copy of today yet (the first after a start, or a day change the scheduler has not
 * reached) or the current one is older than twice {@code rebuild-after} (a stuck scheduler: never a stale copy
 * served for long). The rebuild gets a new version only if something in it changed
 * (register, cards, quota used, version of the policy). Each version is kept as JSON and gzip'd JSON; the changes
 * between consecutive versions are kept for {@code delta-history} versions, so a counter that names its version gets
 * only the seniors changed or removed since (a delta, built once per base and version).
 */
@ApplicationScoped
public class OfflineSnapshots {

    private static final Logger LOG = Logger.getLogger(OfflineSnapshots.class);
    /** A jurisdiction none of whose counters asked for this long is no longer rebuilt in the background. */
    private static final Duration IDLE_AFTER = Duration.ofHours(1);

    /** What to send a counter: nothing new (its version is current), or a body, whole or a delta. */
    public sealed interface Served permits NotModified, Body {
        String etag();
    }

    /** The counter's copy is the current version. */
    public record NotModified(String etag) implements Served {
    }

    /** A copy ({@code delta}: from the counter's version), as JSON and as gzip'd JSON. */
    public record Body(String etag, boolean delta, byte[] json, byte[] gzip) implements Served {

        /** The same body with its gzip'd form made (once, when the version or delta is built). */
        Body gzipped() {
            return new Body(etag, delta, json, OfflineSnapshots.gzip(json));
        }
    }

    private final EntityManager em;
    private final PolicyCatalog policies;
    private final Clock clock;
    private final OfflineCopyKeys keys;
    private final OfflineCopyConfig config;
    private final DatabaseIncidents incidents;
    private final ObjectMapper json = ContractJson.mapper();
    private final Map<String, Scope> scopes = new ConcurrentHashMap<>();
    private final Map<Long, Placed> canteens = new ConcurrentHashMap<>();

    public OfflineSnapshots(EntityManager em, PolicyCatalog policies, Clock clock, OfflineCopyKeys keys,
                            OfflineCopyConfig config, DatabaseIncidents incidents) {
        this.em = em;
        this.incidents = incidents;
        this.policies = policies;
        this.clock = clock;
        this.keys = keys;
        this.config = config;
    }

    /**
     * The copy for a counter of {@code counter}'s canteen: nothing when {@code ifNoneMatch} names the current
     * version, a delta when {@code since} is a version still in the history of the same day, else the whole copy.
     * Served from memory: no transaction and no lock unless the jurisdiction has no copy of today yet.
     */
    public Served serve(MealLedger.Counter counter, Long since, String ifNoneMatch) {
        Version current = current(counter);
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, current.etag())) {
            return new NotModified(current.etag());
        }
        if (since != null && since != current.copy.version()) {
            Optional<Body> delta = current.scope.delta(since, current);
            if (delta.isPresent()) {
                return delta.get();
            }
        }
        return current.whole;
    }

    /** The whole current copy of the counter's jurisdiction, as the contract's record. */
    public OfflineSnapshot of(MealLedger.Counter counter) {
        return current(counter).copy;
    }

    /**
     * Rebuilds the copies of the jurisdictions counters asked for lately, so that no request waits for a build: every
     * {@code rebuild-after}, and just after midnight (Beijing) for the new day's copy. A rebuild gets a new version
     * only when the content changed.
     */
    @Scheduled(identity = "offline-copy-rebuild",
            every = "${laorenjia.offline-copy.rebuild-every:${laorenjia.offline-copy.rebuild-after:PT1M}}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rebuildOnSchedule() {
        rebuildAskedFor();
    }

    @Scheduled(identity = "offline-copy-new-day", cron = "${laorenjia.offline-copy.new-day-cron:1 0 0 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rebuildForTheNewDay() {
        rebuildAskedFor();
    }

    /** Rebuilds now the copies of the jurisdictions asked for within {@link #IDLE_AFTER}; returns how many. */
    public int rebuildAskedFor() {
        int rebuilt = 0;
        Instant now = clock.instant();
        for (Scope scope : scopes.values()) {
            if (Duration.between(scope.lastAsked, now).compareTo(IDLE_AFTER) > 0) {
                continue; // no counter of it asked for an hour: its next request builds it
            }
            try {
                rebuild(scope);
                rebuilt++;
            } catch (RuntimeException e) {
                // a database outage: one line (DatabaseIncidents), not a stack trace a minute
                if (!incidents.jobFailed(e, "rebuilding the offline copy of " + scope.jurisdiction)) {
                    LOG.errorf(e, "离线缓存重建失败 (rebuilding the offline copy of %s failed); the current version is "
                            + "served and the rebuild retried at the next run", scope.jurisdiction);
                }
            }
        }
        return rebuilt;
    }

    private static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag) || c.equals("*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The version to serve: the current one while it is of today and not older than twice {@code rebuild-after} (the
     * scheduler keeps it younger than that; older means the scheduler is stuck or the clock moved, as tests move it),
     * else one built for this request.
     */
    private Version current(MealLedger.Counter counter) {
        Scope scope = scopes.computeIfAbsent(jurisdictionOf(counter.canteenId()), Scope::new);
        Instant now = clock.instant();
        scope.lastAsked = now;
        Version last = scope.current;
        if (servable(last, now)) {
            return last;
        }
        scope.building.lock();
        try {
            last = scope.current; // built meanwhile by another request or the scheduler?
            return servable(last, now) ? last : rebuildLocked(scope);
        } finally {
            scope.building.unlock();
        }
    }

    private boolean servable(Version v, Instant now) {
        return v != null && v.copy.date().equals(ChinaCalendar.mealDate(now)) && !v.checkedAt.isAfter(now)
                && Duration.between(v.checkedAt, now).compareTo(config.rebuildAfter().multipliedBy(2)) < 0;
    }

    private void rebuild(Scope scope) {
        scope.building.lock();
        try {
            rebuildLocked(scope);
        } finally {
            scope.building.unlock();
        }
    }

    /** Builds the scope's copy as of now; readers meanwhile get the current version. Holding {@code building}. */
    private Version rebuildLocked(Scope scope) {
        Instant now = clock.instant();
        LocalDate today = ChinaCalendar.mealDate(now);
        Version last = scope.current;
        OfflineSnapshot built = QuarkusTransaction.requiringNew().call(
                () -> build(scope.jurisdiction, today, now, last == null ? 0 : last.copy.version()));
        if (last != null && sameContent(last.copy, built)) {
            scope.current = last.checkedAgain(now);
        } else {
            scope.add(encode(scope, built, last, now));
        }
        return scope.current;
    }

    /**
     * The jurisdiction of an active canteen, read at most once per {@code rebuild-after} (a 304 then touches no
     * database); an inactive or unknown canteen's terminal gets no copy.
     */
    private String jurisdictionOf(long canteenId) {
        Instant now = clock.instant();
        Placed placed = canteens.get(canteenId);
        if (placed == null || placed.readAt.isAfter(now)
                || Duration.between(placed.readAt, now).compareTo(config.rebuildAfter()) >= 0) {
            placed = QuarkusTransaction.joiningExisting().call(() -> {
                Canteen canteen = em.find(Canteen.class, canteenId);
                return new Placed(canteen == null || !canteen.active ? null : canteen.jurisdiction, now);
            });
            canteens.put(canteenId, placed);
        }
        if (placed.jurisdiction == null) {
            throw LedgerError.TERMINAL_NOT_OF_THIS_CANTEEN.exception();
        }
        return placed.jurisdiction;
    }

    /** A canteen's jurisdiction (null: inactive or unknown) as read at {@code readAt}. */
    private record Placed(String jurisdiction, Instant readAt) {
    }

    /** Whether two builds hold the same (all but the moment and the version number). */
    private static boolean sameContent(OfflineSnapshot a, OfflineSnapshot b) {
        return a.date().equals(b.date()) && Objects.equals(a.ruleVersion(), b.ruleVersion())
                && a.perDay() == b.perDay() && a.perWeek() == b.perWeek() && a.subsidy().equals(b.subsidy())
                && Objects.equals(a.cardKey(), b.cardKey()) && a.seniorsOrNone().equals(b.seniorsOrNone());
    }

    private Version encode(Scope scope, OfflineSnapshot copy, Version previous, Instant checkedAt) {
        Set<Long> changed = new HashSet<>();
        if (previous != null && previous.copy.date().equals(copy.date())) {
            Map<Long, OfflineSnapshot.SeniorEntry> before = previous.bySenior;
            Map<Long, OfflineSnapshot.SeniorEntry> after = bySenior(copy);
            for (Map.Entry<Long, OfflineSnapshot.SeniorEntry> e : after.entrySet()) {
                if (!e.getValue().equals(before.get(e.getKey()))) {
                    changed.add(e.getKey());
                }
            }
            for (Long id : before.keySet()) {
                if (!after.containsKey(id)) {
                    changed.add(id);
                }
            }
        }
        String etag = etagOf(copy);
        return new Version(scope, copy, bySenior(copy), previous == null ? null : previous.copy.version(),
                previous != null && previous.copy.date().equals(copy.date()) ? Set.copyOf(changed) : null,
                checkedAt, new Body(etag, false, bytes(copy), null).gzipped());
    }

    private static String etagOf(OfflineSnapshot copy) {
        return "\"" + copy.version() + "\"";
    }

    private static Map<Long, OfflineSnapshot.SeniorEntry> bySenior(OfflineSnapshot copy) {
        Map<Long, OfflineSnapshot.SeniorEntry> map = new HashMap<>();
        for (OfflineSnapshot.SeniorEntry s : copy.seniorsOrNone()) {
            map.put(s.seniorId(), s);
        }
        return map;
    }

    private byte[] bytes(OfflineSnapshot copy) {
        try {
            return json.writeValueAsBytes(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an offline copy cannot be written as JSON", e);
        }
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
        // the best compression: made once per version or delta, sent to every counter of the jurisdiction
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One jurisdiction's copies: the current version and the changes of the last ones (for deltas). */
    private final class Scope {
        final String jurisdiction;
        /** Held while building (by the scheduler, or a request that has no copy of today to serve). */
        final ReentrantLock building = new ReentrantLock();
        volatile Version current;
        volatile Instant lastAsked = Instant.EPOCH;
        /** Newest first. */
        final Deque<Version> history = new ArrayDeque<>();

        Scope(String jurisdiction) {
            this.jurisdiction = jurisdiction;
        }

        synchronized void add(Version v) {
            current = v;
            history.addFirst(v);
            while (history.size() > Math.max(1, config.deltaHistory())) {
                history.removeLast();
            }
        }

        /** The delta from version {@code base} to {@code to}, if {@code base} is still in the history of the day. */
        Optional<Body> delta(long base, Version to) {
            Body cached = to.deltas.get(base);
            if (cached != null) {
                return Optional.of(cached);
            }
            Set<Long> changed = new HashSet<>();
            synchronized (this) {
                boolean found = false;
                for (Iterator<Version> it = history.iterator(); it.hasNext(); ) {
                    Version v = it.next();
                    if (v.copy.version() > to.copy.version()) {
                        continue;
                    }
                    if (v.changes == null || v.previousVersion == null) {
                        break; // the first of a day: nothing before it to diff from
                    }
                    changed.addAll(v.changes);
                    if (v.previousVersion == base) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return Optional.empty();
                }
            }
            List<OfflineSnapshot.SeniorEntry> now = new ArrayList<>();
            List<Long> removed = new ArrayList<>();
            for (Long id : new TreeSet<>(changed)) {
                OfflineSnapshot.SeniorEntry e = to.bySenior.get(id);
                if (e == null) {
                    removed.add(id);
                } else {
                    now.add(e);
                }
            }
            Body body = new Body(to.etag(), true, bytes(to.copy.deltaFrom(base, now, removed)), null).gzipped();
            to.deltas.put(base, body);
            return Optional.of(body);
        }
    }

    /** A built version: the record, its seniors by id, what changed from the previous one, its encodings. */
    private static final class Version {
        final Scope scope;
        final OfflineSnapshot copy;
        final Map<Long, OfflineSnapshot.SeniorEntry> bySenior;
        final Long previousVersion;
        /** Seniors added, changed or removed since {@link #previousVersion}; null for the first of a day. */
        final Set<Long> changes;
        final Instant checkedAt;
        final Body whole;
        final Map<Long, Body> deltas;

        Version(Scope scope, OfflineSnapshot copy, Map<Long, OfflineSnapshot.SeniorEntry> bySenior,
                Long previousVersion, Set<Long> changes, Instant checkedAt, Body whole) {
            this(scope, copy, bySenior, previousVersion, changes, checkedAt, whole, new ConcurrentHashMap<>());
        }

        private Version(Scope scope, OfflineSnapshot copy, Map<Long, OfflineSnapshot.SeniorEntry> bySenior,
                        Long previousVersion, Set<Long> changes, Instant checkedAt, Body whole,
                        Map<Long, Body> deltas) {
            this.scope = scope;
            this.copy = copy;
            this.bySenior = bySenior;
            this.previousVersion = previousVersion;
            this.changes = changes;
            this.checkedAt = checkedAt;
            this.whole = whole;
            this.deltas = deltas;
        }

        /** The same version, found unchanged at {@code now}. */
        Version checkedAgain(Instant now) {
            return new Version(scope, copy, bySenior, previousVersion, changes, now, whole, deltas);
        }

        String etag() {
            return whole.etag();
        }
    }

    // ---- building a copy: set-based reads of the jurisdiction's seniors, the core's assessment of each

    private OfflineSnapshot build(String jurisdiction, LocalDate today, Instant now, long lastVersion) {
        // a version number that grows across restarts too: a counter's old ETag never names a new copy
        long version = Math.max(lastVersion + 1, now.toEpochMilli());
        CardKey key = keys.keyFor(jurisdiction, today);
        PolicyVersion policy = policies.inForce(jurisdiction, today).orElse(null);
        if (policy == null) {
            return OfflineSnapshot.withoutPolicy(jurisdiction, today, now, version, key);
        }
        WeekId week = ChinaCalendar.weekOf(today);
        String inScope = "select s.id from senior s where s.district in "
                + "(select c.district from canteen c where c.jurisdiction = ?1)";
        Map<Long, List<Fact>> facts = new HashMap<>();
        for (Object[] row : rows("select f.senior_id, f.kind, f.value, f.valid_from, f.valid_to from senior_fact f "
                + "where f.corrected_at is null and f.senior_id in (" + inScope + ") order by f.senior_id, f.id", jurisdiction)) {
            LocalDate from = date(row[3]);
            Period period = row[4] == null ? Period.from(from) : Period.between(from, date(row[4]));
            facts.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                    .add(new Fact(FactKind.valueOf((String) row[1]), (String) row[2], period));
        }
        Map<Long, List<OfflineSnapshot.CardEntry>> cards = new HashMap<>();
        for (Object[] row : rows("select c.senior_id, c.id, c.kind, c.identifier from card c where c.status = 'ACTIVE' "
                // a card is valid from its issue date: one issued tomorrow is in tomorrow's copy
                + "and c.issued_on <= ?2 and c.senior_id in (" + inScope + ") order by c.senior_id, c.id",
                jurisdiction, today)) {
            String kind = (String) row[2];
            // a signed printed code names its card id; the counter matches it after checking the signature
            String matchedBy = CardKey.PRINTED_CARD.equals(kind) ? String.valueOf(((Number) row[1]).longValue())
                    : (String) row[3];
            cards.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                    .add(OfflineSnapshot.CardEntry.of(key, kind, matchedBy));
        }
        Map<Long, Integer> usedToday = used("select q.senior_id, q.used from quota_day q where q.meal_date = ?2 "
                + "and q.senior_id in (" + inScope + ")", jurisdiction, today);
        Map<Long, Integer> usedWeek = used("select q.senior_id, q.used from quota_week q where q.week_monday = ?2 "
                + "and q.senior_id in (" + inScope + ")", jurisdiction, week.monday());
        List<OfflineSnapshot.SeniorEntry> seniors = new ArrayList<>();
        for (Object[] row : rows("select s.id, s.name, s.id_number from senior s where s.id in (" + inScope
                + ") order by s.id", jurisdiction)) {
            long id = ((Number) row[0]).longValue();
            IdNumber idNumber = IdNumber.parse((String) row[2]);
            Eligibility eligibility = EligibilityRules.assess(SeniorFacts.of(idNumber, facts.getOrDefault(id, List.of())),
                    today, policy);
            if (!eligibility.isEligible()) {
                // offline, someone not eligible today pays the full price like online; a counter needs no personal
                // data of a senior it would refuse anyway (it says OFFLINE_NOT_IN_COPY)
                continue;
            }
            // the assessment as made here: the counter decides with the core's MealDecider on it, not its own
            seniors.add(OfflineSnapshot.SeniorEntry.of(id, PersonName.masked((String) row[1]), idNumber.masked(),
                    eligibility, usedToday.getOrDefault(id, 0), usedWeek.getOrDefault(id, 0),
                    cards.getOrDefault(id, List.of())));
        }
        return OfflineSnapshot.under(policy, jurisdiction, today, now, version, key, seniors);
    }

    private static LocalDate date(Object column) {
        return column instanceof LocalDate d ? d : ((Date) column).toLocalDate();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }

    private Map<Long, Integer> used(String sql, String jurisdiction, LocalDate date) {
        Map<Long, Integer> used = new HashMap<>();
        for (Object[] row : rows(sql, jurisdiction, date)) {
            used.put(((Number) row[0]).longValue(), ((Number) row[1]).intValue());
        }
        return used;
    }
}
