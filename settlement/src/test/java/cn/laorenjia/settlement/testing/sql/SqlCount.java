package cn.laorenjia.settlement.testing.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one piece of work sent to the database ({@link SqlCounter}).
 *
 * @param statements  every SQL execution: execute, executeQuery, executeUpdate, and one per executeBatch call
 * @param batches     of those, the executeBatch calls
 * @param batchedRows the rows added to those batches (addBatch calls)
 * @param commits     commits of a JDBC connection (pgjdbc sends nothing for one with no statement since the last)
 * @param rollbacks   rollbacks of a JDBC connection
 * @param sql         each distinct SQL text (one line, parameters as {@code ?}) and how many times it ran, in order of
 *                    first appearance; batches marked {@code [batch]}
 * @param threads     the threads that ran them
 */
public record SqlCount(long statements, long batches, long batchedRows, long commits, long rollbacks,
                       Map<String, Integer> sql, Set<String> threads) {

    public SqlCount {
        sql = Collections.unmodifiableMap(new LinkedHashMap<>(sql));
        threads = Collections.unmodifiableSet(new TreeSet<>(threads));
    }

    /**
     * Network round trips: each statement and each executeBatch call is one (pgjdbc sends BEGIN with the first statement
     * of a transaction, and a batch's rows in one exchange), and so is each commit and rollback.
     */
    public long roundTrips() {
        return statements + commits + rollbacks;
    }

    /** The figures a budget holds: statements, round trips, batched rows. */
    public List<Long> figures() {
        return List.of(statements, roundTrips(), batchedRows);
    }

    public String summary() {
        return "statements " + statements + " (of which executeBatch " + batches + "), round trips " + roundTrips()
                + " (commits " + commits + ", rollbacks " + rollbacks + "), batched rows " + batchedRows
                + ", threads " + threads;
    }

    /** The distinct statements, one a line, with how many times each ran. */
    public String listing() {
        StringBuilder out = new StringBuilder();
        sql.forEach((text, times) -> out.append("    ").append(times).append(" × ").append(text).append('\n'));
        return out.toString();
    }
}
