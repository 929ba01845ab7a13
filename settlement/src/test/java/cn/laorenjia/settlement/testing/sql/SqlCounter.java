package cn.laorenjia.settlement.testing.sql;

import com.p6spy.engine.common.ConnectionInformation;
import com.p6spy.engine.common.PreparedStatementInformation;
import com.p6spy.engine.common.StatementInformation;
import com.p6spy.engine.event.JdbcEventListener;
import com.p6spy.engine.spy.P6Factory;
import com.p6spy.engine.spy.P6LoadableOptions;
import com.p6spy.engine.spy.option.P6OptionsRepository;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * Counts what the application sends to PostgreSQL while a piece of work runs: p6spy calls it for every JDBC call of the
 * datasource it wraps (installed by {@link Module}, named in the test {@code spy.properties}; only a datasource whose URL
 * is {@code jdbc:p6spy:...} is wrapped, see {@link StatementCountingProfile}).
 *
 * <p>One recording at a time, across all threads: the request under test runs on a worker thread of the HTTP server,
 * and the profile turns every schedule off, so nothing else talks to the database meanwhile. The threads seen are
 * reported, so a stray background statement would show.
 */
public final class SqlCounter extends JdbcEventListener {

    private static final Object LOCK = new Object();
    private static Tally recording;
    private static final Pattern PARAMETER_RUN = Pattern.compile("\\?(\\s*,\\s*\\?){5,}");

    /** Runs the work and answers what it sent to the database. */
    public static <T> Counted<T> count(Supplier<T> work) {
        synchronized (LOCK) {
            if (recording != null) {
                throw new IllegalStateException("a recording is already running");
            }
            recording = new Tally();
        }
        T result;
        Tally done;
        try {
            result = work.get();
        } finally {
            synchronized (LOCK) {
                done = recording;
                recording = null;
            }
        }
        return new Counted<>(result, done.freeze());
    }

    private static void record(Consumer<Tally> update) {
        synchronized (LOCK) {
            if (recording != null) {
                update.accept(recording);
            }
        }
    }

    /** What a piece of work answered, and what it sent to the database. */
    public record Counted<T>(T result, SqlCount count) {
    }

    /**
     * The p6spy module that installs this listener, named in {@code spy.properties} (modulelist). Not p6spy's
     * ServiceLoader: p6spy lives in Quarkus' base class loader, which does not see the test classes; p6spy loads the
     * modules of its list through the thread's context class loader, the application's.
     */
    public static final class Module implements P6Factory {

        @Override
        public P6LoadableOptions getOptions(P6OptionsRepository repository) {
            return new P6LoadableOptions() {
                @Override
                public void load(Map<String, String> options) {
                }

                @Override
                public Map<String, String> getDefaults() {
                    return Map.of();
                }
            };
        }

        @Override
        public JdbcEventListener getJdbcEventListener() {
            return new SqlCounter();
        }
    }

    @Override
    public void onAfterExecute(PreparedStatementInformation info, long nanos, SQLException e) {
        statement(info.getSql());
    }

    @Override
    public void onAfterExecute(StatementInformation info, long nanos, String sql, SQLException e) {
        statement(sql);
    }

    @Override
    public void onAfterExecuteQuery(PreparedStatementInformation info, long nanos, SQLException e) {
        statement(info.getSql());
    }

    @Override
    public void onAfterExecuteQuery(StatementInformation info, long nanos, String sql, SQLException e) {
        statement(sql);
    }

    @Override
    public void onAfterExecuteUpdate(PreparedStatementInformation info, long nanos, int rowCount, SQLException e) {
        statement(info.getSql());
    }

    @Override
    public void onAfterExecuteUpdate(StatementInformation info, long nanos, String sql, int rowCount, SQLException e) {
        statement(sql);
    }

    @Override
    public void onAfterAddBatch(PreparedStatementInformation info, long nanos, SQLException e) {
        record(t -> t.batchedRows++);
    }

    @Override
    public void onAfterAddBatch(StatementInformation info, long nanos, String sql, SQLException e) {
        record(t -> t.batchedRows++);
    }

    @Override
    public void onAfterExecuteBatch(StatementInformation info, long nanos, int[] updateCounts, SQLException e) {
        String sql = "[batch] " + oneLine(info.getSql());
        record(t -> {
            t.batches++;
            t.seen(sql);
        });
    }

    @Override
    public void onAfterCommit(ConnectionInformation info, long nanos, SQLException e) {
        record(t -> {
            t.commits++;
            t.threads.add(Thread.currentThread().getName());
        });
    }

    @Override
    public void onAfterRollback(ConnectionInformation info, long nanos, SQLException e) {
        record(t -> {
            t.rollbacks++;
            t.threads.add(Thread.currentThread().getName());
        });
    }

    private static void statement(String sql) {
        String line = oneLine(sql);
        record(t -> {
            t.executions++;
            t.seen(line);
        });
    }

    /** One line; a long run of parameters (an IN list of a batch) as its count, so that the listing stays readable. */
    static String oneLine(String sql) {
        if (sql == null) {
            return "(no SQL text)";
        }
        Matcher run = PARAMETER_RUN.matcher(sql.strip().replaceAll("\\s+", " "));
        StringBuilder out = new StringBuilder();
        while (run.find()) {
            run.appendReplacement(out, "?…(" + run.group().chars().filter(c -> c == '?').count() + " parameters)");
        }
        return run.appendTail(out).toString();
    }

    /** Mutable while recording; read only after it. */
    private static final class Tally {
        long executions;
        long batches;
        long batchedRows;
        long commits;
        long rollbacks;
        final Map<String, Integer> sql = new LinkedHashMap<>();
        final TreeSet<String> threads = new TreeSet<>();

        void seen(String line) {
            sql.merge(line, 1, Integer::sum);
            threads.add(Thread.currentThread().getName());
        }

        SqlCount freeze() {
            return new SqlCount(executions + batches, batches, batchedRows, commits, rollbacks, sql, threads);
        }
    }
}
