package cn.laorenjia.settlement.ledger.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;

/**
 * The per-senior day and week counters. Taking a meal is a conditional upsert that returns the new
 * count only while it stays within the cap; PostgreSQL holds the row lock until commit, so concurrent
 * requests for one senior, from any canteen, serialise on the row and a cap can never be exceeded.
 */
@ApplicationScoped
public class QuotaCounters {

    private final EntityManager em;

    public QuotaCounters(EntityManager em) {
        this.em = em;
    }

    /** @return the new count for the day, or empty if the senior already used {@code cap} meals that day */
    public OptionalInt takeDay(long seniorId, LocalDate mealDate, int cap) {
        return take("""
                insert into quota_day (senior_id, meal_date, used) values (?1, ?2, 1)
                on conflict (senior_id, meal_date) do update set used = quota_day.used + 1
                where quota_day.used < ?3
                returning used""", seniorId, mealDate, cap);
    }

    /** @return the new count for the week, or empty if the senior already used {@code cap} meals that week */
    public OptionalInt takeWeek(long seniorId, LocalDate weekMonday, int cap) {
        return take("""
                insert into quota_week (senior_id, week_monday, used) values (?1, ?2, 1)
                on conflict (senior_id, week_monday) do update set used = quota_week.used + 1
                where quota_week.used < ?3
                returning used""", seniorId, weekMonday, cap);
    }

    /** Gives a voided meal's quota back; never below zero. */
    public void giveBack(long seniorId, LocalDate mealDate, LocalDate weekMonday) {
        em.createNativeQuery("update quota_day set used = used - 1 where senior_id = ?1 and meal_date = ?2 and used > 0")
                .setParameter(1, seniorId).setParameter(2, mealDate).executeUpdate();
        em.createNativeQuery("update quota_week set used = used - 1 where senior_id = ?1 and week_monday = ?2 and used > 0")
                .setParameter(1, seniorId).setParameter(2, weekMonday).executeUpdate();
    }

    public int usedOnDay(long seniorId, LocalDate mealDate) {
        return used("select used from quota_day where senior_id = ?1 and meal_date = ?2", seniorId, mealDate);
    }

    public int usedInWeek(long seniorId, LocalDate weekMonday) {
        return used("select used from quota_week where senior_id = ?1 and week_monday = ?2", seniorId, weekMonday);
    }

    /**
     * Serialises all quota work for one senior within the current transaction, so that a decision and
     * its counters are read and written as one step, and a retried sale id finds its first answer.
     */
    public void lockSenior(long seniorId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('laorenjia.quota'), ?1)")
                .setParameter(1, (int) seniorId).getSingleResult();
    }

    private OptionalInt take(String sql, long seniorId, LocalDate date, int cap) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery(sql)
                .setParameter(1, seniorId).setParameter(2, date).setParameter(3, cap)
                .getResultList();
        return rows.isEmpty() ? OptionalInt.empty() : OptionalInt.of(rows.get(0).intValue());
    }

    private int used(String sql, long seniorId, LocalDate date) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery(sql).setParameter(1, seniorId).setParameter(2, date).getResultList();
        return rows.isEmpty() ? 0 : rows.get(0).intValue();
    }
}
