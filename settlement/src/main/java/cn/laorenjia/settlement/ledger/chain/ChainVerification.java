package cn.laorenjia.settlement.ledger.chain;

import java.time.Instant;
import java.util.List;

/**
 * The result of walking the whole ledger chain. {@code intact} when every link's hash recomputes from its entry
 * and predecessor, every entry older than the sealing horizon is linked, and every recorded head is on the chain.
 * {@code problems} lists the first ones found, in chain order (at most {@link LedgerVerifier#LISTED}); {@code
 * problemCount} counts them all.
 */
public record ChainVerification(boolean intact, long links, ChainHead head, long problemCount,
                                List<ChainProblem> problems, Instant verifiedAt, long tookMillis) {

    /** The first problem, or null when intact. */
    public ChainProblem firstProblem() {
        return problems.isEmpty() ? null : problems.get(0);
    }

    /** A few lines for people, Chinese then English. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (intact) {
            b.append("台账校验通过:").append(links).append(" 条记录链完整,链头 ").append(head.printed()).append('\n');
            b.append("Ledger chain intact: ").append(links).append(" links verified, head ").append(head.printed());
        } else {
            b.append("台账校验失败:发现 ").append(problemCount).append(" 处不一致(共 ").append(links).append(" 个链节点)。")
                    .append("第一处:").append(problems.get(0).messageZh()).append('\n');
            b.append("LEDGER TAMPERED: ").append(problemCount).append(" problem(s) over ").append(links)
                    .append(" links. First: ").append(problems.get(0).messageEn());
            for (int i = 1; i < problems.size(); i++) {
                b.append("\n  - ").append(problems.get(i).describe());
            }
        }
        return b.toString();
    }
}
