package cn.laorenjia.settlement.ledger.chain;

import cn.laorenjia.settlement.availability.DatabaseIncidents;
import jakarta.inject.Inject;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionRunnerOptions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Appends ledger entries to the hash chain. One sealer at a time, on any number of instances: each seal is one
 * transaction holding a cluster-wide advisory lock, and appends every entry not yet linked in seq order. Sales
 * never touch the chain (no lock on their path); the positions the sealer records are the chain's order, so
 * verification is deterministic whatever order concurrent sales committed in.
 *
 * <p>Runs on a schedule ({@code laorenjia.ledger.chain.seal-every}), synchronously before each settlement run and
 * statement confirmation, and at shutdown (unless the schedule is off: the read-only commands). The first seal of an empty chain (genesis: a ledger recorded before
 * the chain existed) links everything in one transaction; later seals link only entries recorded within the
 * horizon ({@link ChainConfig#horizon()}) before the last seal, so an entry slipped in afterwards with an old recorded_at stays out and
 * verification names it.
 */
@ApplicationScoped
public class LedgerSealer {

    private static final Logger LOG = Logger.getLogger(LedgerSealer.class);
    /** Advisory lock key of the sealer ("chain" in ASCII). */
    static final long LOCK_KEY = 0x636861696eL;
    /**
     * When the chain last grew (database time). The horizon counts back from it, not from now: entries a crash left
     * unlinked are still linked when the service comes back hours later, while an entry slipped in with a
     * recorded_at older than the last seal's horizon never is.
     */
    static final String LAST_SEAL = "select sealed_at from ledger_link order by position desc limit 1";

    private final AgroalDataSource dataSource;
    /** A database outage: one line per run, not a stack trace every few seconds. */
    @Inject
    DatabaseIncidents incidents;
    private final ChainConfig config;
    /**
     * The earliest recorded_at of an entry this instance's last committed seal could not see (null until it sealed):
     * later seals of this instance need not read older entries. Another instance's seals do not move it, so it can
     * only be older than it might be, never too recent.
     */
    private volatile Timestamp unsealedFloor;

    public LedgerSealer(AgroalDataSource dataSource, ChainConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** What one seal did. */
    public record Sealed(int linked, ChainHead head, long nanos) {
    }

    @Scheduled(identity = "ledger-sealer", every = "${laorenjia.ledger.chain.seal-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sealOnSchedule() {
        try {
            trySeal().ifPresent(s -> {
                if (s.linked() > 0) {
                    LOG.debugf("ledger chain: %d entries linked, head %s", s.linked(), s.head().printed());
                }
            });
        } catch (RuntimeException e) {
            if (!incidents.jobFailed(e, "sealing the ledger chain")) {
                LOG.error("台账链封存失败 (sealing the ledger chain failed); retried at the next run", e);
            }
        }
    }

    void sealAtShutdown(@Observes ShutdownEvent event) {
        if ("off".equals(config.sealEvery())) {
            // a read-only command (verify-ledger, scan-anomalies) switches sealing off: it must not leave by linking
            // a whole ledger (a first seal of a large generated month takes minutes); the service seals it
            return;
        }
        try {
            trySeal();
        } catch (RuntimeException e) {
            LOG.warn("台账链停机前封存失败 (sealing at shutdown failed)", e);
        }
    }

    /** Waits for any other sealer, then links every entry not yet linked; answers the head. */
    public Sealed seal() {
        return inSealTransaction(true).orElseThrow();
    }

    /** Links every entry not yet linked, unless another sealer is at work (then empty). */
    public Optional<Sealed> trySeal() {
        return inSealTransaction(false);
    }

    /**
     * A transaction of its own, with the default limit for a seal of the last minutes and {@link ChainConfig#genesisTimeout()}
     * while the chain is empty: its genesis links the whole ledger at once, and the millions of entries of a district that
     * ran before the chain existed would never fit the default (and be tried again every few seconds).
     */
    private Optional<Sealed> inSealTransaction(boolean wait) {
        TransactionRunnerOptions runner = QuarkusTransaction.requiringNew();
        if (chainIsEmpty()) {
            runner = runner.timeout((int) Math.min(Integer.MAX_VALUE, config.genesisTimeout().toSeconds()));
        }
        AtomicReference<Timestamp> floor = new AtomicReference<>();
        Optional<Sealed> sealed = runner.call(() -> sealInTransaction(wait, floor));
        if (sealed.isPresent() && floor.get() != null) {
            unsealedFloor = floor.get(); // only once the seal committed: a rolled-back one linked nothing
        }
        return sealed;
    }

    private boolean chainIsEmpty() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select not exists (select 1 from ledger_link)");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger chain's head", e);
        }
    }

    private Optional<Sealed> sealInTransaction(boolean wait, AtomicReference<Timestamp> floorAfter) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, wait)) {
                return Optional.empty();
            }
            ChainHead head = head(c);
            boolean genesis = head.position() == 0;
            byte[] previous = EntryEncoding.ZERO_HASH;
            if (!genesis) {
                previous = HexFormat.of().parseHex(head.hash());
            }
            long position = head.position();
            int linked = 0;
            long afterSeq = Long.MIN_VALUE;
            // After genesis only the entries recorded since the horizon before the last seal are candidates, and of those
            // only the ones this instance's last seal could not see yet: they are read by recorded_at (its index) first,
            // so a seal costs the last seconds of the ledger, not all of it.
            floorAfter.set(unsealedFloorNow(c));
            Timestamp since = genesis ? null : latest(sinceLastSeal(c), unsealedFloor);
            // Genesis walks the ledger by seq alone: the chain was empty when it took the lock, so nothing is linked
            // yet, and an anti-join per batch made PostgreSQL scan the whole ledger for every 2,000 entries (10 M
            // entries: hours).
            String sql = genesis ? "select " + EntryEncoding.COLUMNS + " from meal_entry e where e.seq > ?"
                    + " order by e.seq limit ?"
                    : "with recent as materialized (select * from meal_entry where recorded_at >= ?)"
                    + " select " + EntryEncoding.COLUMNS + " from recent e where e.seq > ?"
                    + " and not exists (select 1 from ledger_link l where l.entry_id = e.entry_id)"
                    + " order by e.seq limit ?";
            try (PreparedStatement select = c.prepareStatement(sql);
                 PreparedStatement insert = c.prepareStatement("""
                         insert into ledger_link (position, entry_id, entry_seq, encoding, previous_hash, hash)
                         values (?, ?, ?, ?, ?, ?)""")) {
                while (true) {
                    int p = 1;
                    if (!genesis) {
                        select.setTimestamp(p++, since);
                    }
                    select.setLong(p++, afterSeq);
                    select.setInt(p, config.batchSize());
                    List<Object[]> batch = new ArrayList<>();
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            byte[] canonical = EntryEncoding.encode(rs, 1);
                            byte[] hash = EntryEncoding.linkHash(previous, canonical);
                            position++;
                            batch.add(new Object[] {position, rs.getObject(1, UUID.class), rs.getLong(2), previous, hash});
                            previous = hash;
                            afterSeq = rs.getLong(2);
                        }
                    }
                    for (Object[] link : batch) {
                        insert.setLong(1, (Long) link[0]);
                        insert.setObject(2, link[1]);
                        insert.setLong(3, (Long) link[2]);
                        insert.setShort(4, EntryEncoding.VERSION);
                        insert.setBytes(5, (byte[]) link[3]);
                        insert.setBytes(6, (byte[]) link[4]);
                        insert.addBatch();
                    }
                    if (!batch.isEmpty()) {
                        insert.executeBatch();
                    }
                    linked += batch.size();
                    if (batch.size() < config.batchSize()) {
                        break;
                    }
                }
            }
            ChainHead after = new ChainHead(position, EntryEncoding.hex(previous));
            if (genesis && linked > 0) {
                LOG.infof("台账链已建立 (ledger chain started): %d entries linked, head %s", linked, after.printed());
            }
            return Optional.of(new Sealed(linked, after, System.nanoTime() - started));
        }
    }

    private static boolean lock(Connection c, boolean wait) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(wait ? "select true from (select pg_advisory_xact_lock(?)) l"
                : "select pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * The earliest recorded_at an entry invisible to a seal starting now can have, less {@link ChainConfig#inFlightMargin()}; null when the database
     * does not track transactions' starts. An entry's recorded_at is its transaction's start ({@code now()}): an entry the
     * seal cannot see belongs to a transaction in progress (started no earlier than the oldest one the service's role has
     * open) or to one that starts later. Read before the seal's first query, so every later transaction starts after it.
     */
    private Timestamp unsealedFloorNow(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select case when current_setting('track_activities')::boolean then
                    least(clock_timestamp(), (select min(a.xact_start) from pg_stat_activity a
                                              where a.datname = current_database() and a.pid <> pg_backend_pid()
                                                and a.xact_start is not null)) - make_interval(secs => ?)
                end""")) {
            s.setDouble(1, config.inFlightMargin().toMillis() / 1000.0);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1);
            }
        }
    }

    private static Timestamp latest(Timestamp a, Timestamp b) {
        return b == null || a.after(b) ? a : b;
    }

    /** The oldest recorded_at the sealer still links: the horizon before the last seal (database time). */
    private Timestamp sinceLastSeal(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LAST_SEAL); ResultSet rs = s.executeQuery()) {
            rs.next();
            return Timestamp.from(rs.getTimestamp(1).toInstant().minus(config.horizon()));
        }
    }

    /** The chain's head as this connection sees it. */
    static ChainHead head(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select position, hash from ledger_link order by position desc limit 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? new ChainHead(rs.getLong(1), EntryEncoding.hex(rs.getBytes(2))) : ChainHead.EMPTY;
        }
    }
}
