package cn.laorenjia.settlement.ledger.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The per-senior day and week counters. Taking a meal is a conditional upsert that writes the new
 * count only while it stays within the cap; PostgreSQL holds the row lock until commit, so concurrent
 * requests for one senior, from any canteen, serialise on the row and a cap can never be exceeded.
 */
@ApplicationScoped
public class QuotaCounters {

    private final EntityManager em;

    public QuotaCounters(EntityManager em) {
        this.em = em;
    }

    /** A senior's subsidised meals on one day and in that day's week. */
    public record Used(int today, int thisWeek) {
    }

    /**
     * Takes one meal from the day and the week counter at once, each only while it stays within its cap; false (and
     * nothing usable written: the caller's transaction must roll back) when either would pass its cap.
     */
    public boolean take(long seniorId, LocalDate mealDate, int dayCap, LocalDate weekMonday, int weekCap) {
        // both inserts always run to completion (data-modifying CTEs do); one round trip instead of two
        Used taken = one("""
                with d as (insert into quota_day (senior_id, meal_date, used) values (?, ?, 1)
                           on conflict (senior_id, meal_date) do update set used = quota_day.used + 1
                           where quota_day.used < ? returning used),
                     w as (insert into quota_week (senior_id, week_monday, used) values (?, ?, 1)
                           on conflict (senior_id, week_monday) do update set used = quota_week.used + 1
                           where quota_week.used < ? returning used)
                select coalesce((select used from d), -1), coalesce((select used from w), -1)""",
                seniorId, mealDate, dayCap, seniorId, weekMonday, weekCap);
        return taken.today() > 0 && taken.thisWeek() > 0;
    }

    /**
     * Gives a voided meal's quota back (never below zero) and answers the counters as they then stand, in one
     * statement: a counter already at zero is read as it is.
     */
    public Used giveBack(long seniorId, LocalDate mealDate, LocalDate weekMonday) {
        return one("""
                with d as (update quota_day set used = used - 1
                           where senior_id = ? and meal_date = ? and used > 0 returning used),
                     w as (update quota_week set used = used - 1
                           where senior_id = ? and week_monday = ? and used > 0 returning used)
                select coalesce((select used from d),
                                (select used from quota_day where senior_id = ? and meal_date = ?), 0),
                       coalesce((select used from w),
                                (select used from quota_week where senior_id = ? and week_monday = ?), 0)""",
                seniorId, mealDate, seniorId, weekMonday, seniorId, mealDate, seniorId, weekMonday);
    }

    /** The day's and the week's counters in one query, without a lock: for views and previews. */
    public Used used(long seniorId, LocalDate mealDate, LocalDate weekMonday) {
        return one("""
                select coalesce((select used from quota_day where senior_id = ? and meal_date = ?), 0),
                       coalesce((select used from quota_week where senior_id = ? and week_monday = ?), 0)""",
                seniorId, mealDate, seniorId, weekMonday);
    }

    /**
     * Serialises all quota work for one senior within the current transaction, so that a decision and its counters
     * are read and written as one step, and answers the counters as they stand once the lock is held (one round
     * trip: the database function {@code quota_lock_and_read}, V21).
     */
    public Used lockAndRead(long seniorId, LocalDate mealDate, LocalDate weekMonday) {
        return one("select used_today, used_week from quota_lock_and_read(?, ?, ?, ?)",
                lockKey(seniorId), seniorId, mealDate, weekMonday);
    }

    /**
     * One row of two counters, on the transaction's connection through plain JDBC: these statements run on every sale,
     * and as Hibernate native queries each one made the session flush-check every entity the sale had read.
     */
    private Used one(String sql, Object... parameters) {
        return jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    st.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new Used(rs.getInt(1), rs.getInt(2));
                }
            }
        });
    }

    /** The advisory lock's second key for a senior; the same for one senior and for a batch of them. */
    private static int lockKey(long seniorId) {
        return (int) seniorId;
    }

    /** One senior's counter for one day (or for the week starting that Monday). */
    public record Key(long seniorId, LocalDate date) {
    }

    /** Meals to add to one counter, which must stay within {@code cap}. */
    public record Addition(Key key, int meals, int cap) {
    }

    /** Many seniors' day counters in one query; a counter never written is absent (zero). */
    public Map<Key, Integer> usedOnDays(Collection<Key> keys) {
        return usedMany("quota_day", "meal_date", keys);
    }

    /** Many seniors' week counters in one query, keyed by the week's Monday; absent is zero. */
    public Map<Key, Integer> usedInWeeks(Collection<Key> keys) {
        return usedMany("quota_week", "week_monday", keys);
    }

    /**
     * Adds meals to many day counters in two statements. Each stays within its cap or the call fails (and the
     * caller's transaction must roll back): callers decide under the seniors' locks, so a failure is a bug.
     */
    public void addToDays(List<Addition> additions) {
        addMany("quota_day", "meal_date", additions);
    }

    /** As {@link #addToDays}, for week counters keyed by the week's Monday. */
    public void addToWeeks(List<Addition> additions) {
        addMany("quota_week", "week_monday", additions);
    }

    /**
     * Locks many seniors at once, as {@link #lockAndRead} does one: in ascending key order, so two batches that
     * share seniors cannot deadlock (a single sale holds one senior lock only).
     */
    public void lockSeniors(Collection<Long> seniorIds) {
        if (seniorIds.isEmpty()) {
            return;
        }
        Integer[] keys = seniorIds.stream().map(QuotaCounters::lockKey).distinct().sorted().toArray(Integer[]::new);
        // the array is sorted and ORDER BY keeps it so (PostgreSQL evaluates a volatile select list after the sort)
        jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "select pg_advisory_xact_lock(hashtext('laorenjia.quota'), k) from unnest(?) as k order by k")) {
                st.setArray(1, c.createArrayOf("integer", keys));
                st.executeQuery().close();
            }
            return null;
        });
    }

    private Map<Key, Integer> usedMany(String table, String dateColumn, Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Long[] seniors = keys.stream().map(Key::seniorId).toArray(Long[]::new);
        // dates travel as ISO text: no JVM time zone is involved
        String[] dates = keys.stream().map(k -> k.date().toString()).toArray(String[]::new);
        String sql = "select q.senior_id, q." + dateColumn + ", q.used from " + table + " q"
                + " join unnest(?, ?) as k(s, d) on q.senior_id = k.s and q." + dateColumn + " = k.d";
        return jdbc(c -> {
            Map<Key, Integer> used = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setArray(1, c.createArrayOf("bigint", seniors));
                st.setArray(2, c.createArrayOf("date", dates));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        used.put(new Key(rs.getLong(1), rs.getObject(2, LocalDate.class)), rs.getInt(3));
                    }
                }
            }
            return used;
        });
    }

    private void addMany(String table, String dateColumn, List<Addition> additions) {
        if (additions.isEmpty()) {
            return;
        }
        if (additions.stream().map(Addition::key).distinct().count() != additions.size()) {
            throw new IllegalArgumentException("one addition per counter");
        }
        Long[] seniors = additions.stream().map(a -> a.key().seniorId()).toArray(Long[]::new);
        String[] dates = additions.stream().map(a -> a.key().date().toString()).toArray(String[]::new);
        Integer[] meals = additions.stream().map(Addition::meals).toArray(Integer[]::new);
        Integer[] caps = additions.stream().map(Addition::cap).toArray(Integer[]::new);
        // existing counters grow within their cap; missing ones are created; a counter that would pass its cap is
        // neither updated nor (conflicting) inserted, so it shows as a missing row count
        String update = "update " + table + " q set used = q.used + a.n from unnest(?, ?, ?, ?) as a(s, d, n, cap)"
                + " where q.senior_id = a.s and q." + dateColumn + " = a.d and q.used + a.n <= a.cap";
        String insert = "insert into " + table + " (senior_id, " + dateColumn + ", used)"
                + " select s, d, n from unnest(?, ?, ?, ?) as a(s, d, n, cap) where n <= cap on conflict do nothing";
        int written = jdbc(c -> {
            int rows = 0;
            for (String sql : List.of(update, insert)) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setArray(1, c.createArrayOf("bigint", seniors));
                    st.setArray(2, c.createArrayOf("date", dates));
                    st.setArray(3, c.createArrayOf("integer", meals));
                    st.setArray(4, c.createArrayOf("integer", caps));
                    rows += st.executeUpdate();
                }
            }
            return rows;
        });
        if (written != additions.size()) {
            throw new IllegalStateException("a quota counter would pass its cap: " + written + " of "
                    + additions.size() + " counters written");
        }
    }

    private <T> T jdbc(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
