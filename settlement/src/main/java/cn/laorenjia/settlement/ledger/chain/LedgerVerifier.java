package cn.laorenjia.settlement.ledger.chain;

import cn.laorenjia.settlement.ledger.chain.ChainProblem.Kind;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Verifies the whole ledger chain in one read-only REPEATABLE READ snapshot: walks every link in position order
 * (streamed from a cursor, the JVM's memory does not grow with the ledger), recomputes each hash from the linked
 * entry's current content and the stored predecessor hash, then checks that every entry older than the sealing
 * horizon is linked, that the heads recorded by settlement runs and confirmed statements are on the chain, and
 * that confirmed statements still equal their confirmations. Each link is judged against its own stored
 * predecessor hash, so one changed entry is reported once, at its position, not for every link after it.
 */
@ApplicationScoped
public class LedgerVerifier {

    private static final Logger LOG = Logger.getLogger(LedgerVerifier.class);
    /** How many problems a verification lists (it counts them all). */
    public static final int LISTED = 20;
    private static final int FETCH = 2000;

    private final AgroalDataSource dataSource;
    private final ChainConfig config;
    private final Clock clock;

    public LedgerVerifier(AgroalDataSource dataSource, ChainConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    public ChainVerification verify() {
        long started = System.nanoTime();
        ChainVerification result = QuarkusTransaction.requiringNew()
                .timeout((int) Math.min(Integer.MAX_VALUE, config.verifyTimeout().toSeconds()))
                .call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        return walk(c, started);
                    }
                });
        if (result.intact()) {
            LOG.infof("ledger chain verified: %d links, head %s, %d ms", result.links(), result.head().printed(),
                    result.tookMillis());
        } else {
            LOG.error(result.describe());
        }
        return result;
    }

    private ChainVerification walk(Connection c, long started) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set transaction isolation level repeatable read, read only");
        }
        Problems problems = new Problems();
        long links = 0;
        long expected = 1;
        byte[] previousStored = EntryEncoding.ZERO_HASH;
        try (PreparedStatement walk = c.prepareStatement("select l.position, l.entry_id, l.encoding, l.previous_hash,"
                + " l.hash, e.entry_id is not null, " + EntryEncoding.COLUMNS
                + " from ledger_link l left join meal_entry e on e.entry_id = l.entry_id order by l.position")) {
            walk.setFetchSize(FETCH);
            try (ResultSet rs = walk.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong(1);
                    UUID entryId = rs.getObject(2, UUID.class);
                    short encoding = rs.getShort(3);
                    byte[] previousHash = rs.getBytes(4);
                    byte[] hash = rs.getBytes(5);
                    boolean present = rs.getBoolean(6);
                    links++;
                    if (position != expected) {
                        problems.add(new ChainProblem(Kind.LINK_MISSING, position, entryId, null,
                                "链节点 " + expected + " 至 " + (position - 1) + " 缺失(下一个存在的节点为 " + position + ")",
                                "links " + expected + " to " + (position - 1) + " are missing (next present: " + position + ")"));
                    } else if (!EntryEncoding.same(previousHash, previousStored)) {
                        problems.add(new ChainProblem(Kind.LINK_BROKEN, position, entryId, null,
                                "链节点 " + position + "(记录 " + entryId + ")没有接续上一个节点的校验值",
                                "link " + position + " (entry " + entryId + ") does not continue the previous link's hash"));
                    }
                    if (encoding != EntryEncoding.VERSION) {
                        problems.add(new ChainProblem(Kind.ENCODING_UNKNOWN, position, entryId, null,
                                "链节点 " + position + " 使用未知的编码版本 " + encoding,
                                "link " + position + " uses unknown encoding version " + encoding));
                    } else if (!present) {
                        problems.add(new ChainProblem(Kind.ENTRY_DELETED, position, entryId, null,
                                "链节点 " + position + ":台账记录 " + entryId + " 已被删除",
                                "link " + position + ": ledger entry " + entryId + " was deleted"));
                    } else if (!EntryEncoding.same(hash, EntryEncoding.linkHash(previousHash, EntryEncoding.encode(rs, 7)))) {
                        problems.add(new ChainProblem(Kind.ENTRY_CHANGED, position, entryId, null,
                                "链节点 " + position + ":台账记录 " + entryId + " 的内容与封存时不同(已被修改)",
                                "link " + position + ": ledger entry " + entryId + " differs from what was sealed (changed)"));
                    }
                    previousStored = hash;
                    expected = position + 1;
                }
            }
        }
        ChainHead head = links == 0 ? ChainHead.EMPTY : new ChainHead(expected - 1, EntryEncoding.hex(previousStored));

        // the sealer's own rule (LedgerSealer.LAST_SEAL): what it would still link is pending, not a problem
        try (PreparedStatement unlinked = c.prepareStatement(
                "select e.entry_id, e.seq, e.canteen_id, e.meal_date, e.recorded_at, count(*) over () from meal_entry e"
                        + " where e.recorded_at < coalesce((" + LedgerSealer.LAST_SEAL + "), '-infinity')"
                        + " - make_interval(secs => ?)"
                        + " and not exists (select 1 from ledger_link l where l.entry_id = e.entry_id)"
                        + " order by e.seq limit ?")) {
            unlinked.setDouble(1, config.horizon().toMillis() / 1000.0);
            unlinked.setInt(2, LISTED);
            try (ResultSet rs = unlinked.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        problems.extra(rs.getLong(6) - Math.min(rs.getLong(6), LISTED));
                        first = false;
                    }
                    UUID id = rs.getObject(1, UUID.class);
                    problems.add(new ChainProblem(Kind.ENTRY_UNLINKED, null, id, null,
                            "台账记录 " + id + "(序号 " + rs.getLong(2) + ",食堂 " + rs.getLong(3) + ",就餐日 "
                                    + rs.getObject(4) + ")不在校验链上:记录时间 " + rs.getObject(5) + " 早于封存时限,系绕过服务写入",
                            "ledger entry " + id + " (seq " + rs.getLong(2) + ", canteen " + rs.getLong(3) + ", meal date "
                                    + rs.getObject(4) + ") is on no link: recorded " + rs.getObject(5)
                                    + ", older than the sealing horizon, so written behind the service's back"));
                }
            }
        }

        try (PreparedStatement heads = c.prepareStatement("""
                select kind, id, chain_position from (
                    select 'settlement_run' as kind, r.id, r.chain_position, r.chain_hash from settlement_run r
                    where r.chain_position > 0
                    union all
                    select 'statement', k.statement_id, k.chain_position, k.chain_hash from statement_confirmation k
                    where k.chain_position > 0) h
                where not exists (select 1 from ledger_link l where l.position = h.chain_position and l.hash = h.chain_hash)
                order by chain_position, kind, id""");
             ResultSet rs = heads.executeQuery()) {
            while (rs.next()) {
                String what = ("settlement_run".equals(rs.getString(1)) ? "结算批次 " : "结算单 ") + rs.getLong(2);
                String whatEn = rs.getString(1) + " " + rs.getLong(2);
                problems.add(new ChainProblem(Kind.HEAD_NOT_ON_CHAIN, rs.getLong(3), null, whatEn,
                        what + " 记录的链头(节点 " + rs.getLong(3) + ")不在校验链上",
                        whatEn + " recorded a chain head (position " + rs.getLong(3) + ") that is not on the chain"));
            }
        }

        try (PreparedStatement statements = c.prepareStatement("""
                select s.id from statement s join statement_confirmation k on k.statement_id = s.id
                where (s.rule_versions, s.sales, s.voids, s.meals, s.discount_fen, s.operating_subsidy_fen, s.net_owed_fen,
                       s.adjustment_meals, s.adjustment_net_owed_fen)
                      is distinct from (k.rule_versions, k.sales, k.voids, k.meals, k.discount_fen, k.operating_subsidy_fen,
                       k.net_owed_fen, k.adjustment_meals, k.adjustment_net_owed_fen)
                   or k.line_count <> (select count(*) from statement_line l where l.statement_id = s.id)
                order by s.id""");
             ResultSet rs = statements.executeQuery()) {
            while (rs.next()) {
                problems.add(new ChainProblem(Kind.STATEMENT_CHANGED, null, null, "statement " + rs.getLong(1),
                        "已确认的结算单 " + rs.getLong(1) + " 与其确认记录不一致(确认后被修改)",
                        "confirmed statement " + rs.getLong(1) + " differs from its confirmation (changed after confirming)"));
            }
        }
        return new ChainVerification(problems.count == 0, links, head, problems.count, List.copyOf(problems.listed),
                clock.instant(), (System.nanoTime() - started) / 1_000_000);
    }

    private static final class Problems {
        final List<ChainProblem> listed = new ArrayList<>();
        long count;

        void add(ChainProblem problem) {
            count++;
            if (listed.size() < LISTED) {
                listed.add(problem);
            }
        }

        void extra(long unlisted) {
            count += unlisted;
        }
    }
}
