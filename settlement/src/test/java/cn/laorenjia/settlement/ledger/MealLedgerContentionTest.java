package cn.laorenjia.settlement.ledger;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.ledger.service.AuthoriseMeal;
import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.settlement.ledger.service.TransientFailures;
import cn.laorenjia.settlement.ledger.service.VoidMeal;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proofs under contention, on a real PostgreSQL: many terminals of many canteens authorising the same
 * senior at once never exceed the day or week cap, and the ledger always equals the counters.
 * Each test uses its own seniors and its own weeks in the past, so the tests are independent.
 */
@QuarkusTest
class MealLedgerContentionTest {

    private static final int THREADS = 32;

    @Inject
    MealLedger ledger;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Test
    void thirtyTwoCountersAtOnceGetExactlyOneMealADayAndAtMostFiveAWeek() throws Exception {
        List<LedgerFixture.Counter> counters = LedgerFixture.counters(em);
        List<Identification> seniors = LedgerFixture.uidCards(SampleProfile.ROUTE_AGE_80, 0, 10);
        LocalDate firstMonday = ChinaCalendar.weekOf(today()).monday().minusWeeks(12);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Map<String, AtomicInteger> grantedPerSeniorDay = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> grantedPerSeniorWeek = new ConcurrentHashMap<>();
        try {
            for (int round = 0; round < 200; round++) {
                Identification senior = seniors.get(round % seniors.size());
                // 20 consecutive days per senior: about three weeks, so both caps are reached
                LocalDate day = firstMonday.plusDays(round / seniors.size());
                clock.set(LedgerFixture.lunchOn(day, 0)); // the counters sell "now": live sales are within 10 minutes
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    LedgerFixture.Counter at = counters.get((round * 7 + t * 3) % counters.size());
                    AuthoriseMeal sale = LedgerFixture.sale(at, senior, LedgerFixture.lunchOn(day, t));
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            TransientFailures.retry(() -> ledger.authorise(at.counter(), sale));
                            return true;
                        } catch (ApiException refused) {
                            assertTrue(Set.of("QUOTA_USED_TODAY", "QUOTA_USED_THIS_WEEK").contains(refused.code()),
                                    "unexpected refusal " + refused.code());
                            return false;
                        }
                    }));
                }
                start.countDown();
                int granted = 0;
                for (Future<Boolean> f : results) {
                    granted += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                String key = senior.canonical();
                grantedPerSeniorDay.computeIfAbsent(key + day, k -> new AtomicInteger()).addAndGet(granted);
                grantedPerSeniorWeek.computeIfAbsent(key + ChinaCalendar.weekOf(day), k -> new AtomicInteger())
                        .addAndGet(granted);
            }
        } finally {
            pool.shutdownNow();
        }
        // each senior's 20 days start on a Monday: weeks of 7, 7 and 6 days each give exactly 5
        grantedPerSeniorDay.forEach((k, n) -> assertTrue(n.get() <= 1, k + " got " + n));
        assertEquals(30, grantedPerSeniorWeek.size());
        grantedPerSeniorWeek.forEach((k, n) -> assertEquals(5, n.get(), k));
        assertLedgerEqualsCounters();
    }

    @Test
    void aConnectionDroppedMidTransactionAndRetriedStillRecordsEachSaleExactlyOnce() throws Exception {
        List<LedgerFixture.Counter> counters = LedgerFixture.counters(em);
        List<Identification> seniors = LedgerFixture.uidCards(SampleProfile.ROUTE_AGE_80, 10, 40);
        LocalDate day = ChinaCalendar.weekOf(today()).monday().minusWeeks(20);
        clock.set(LedgerFixture.lunchOn(day, 0));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger killed = new AtomicInteger();
        Thread killer = new Thread(() -> {
            while (running.get()) {
                killed.addAndGet(terminateOtherBackends());
                sleep(15);
            }
        });
        killer.start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<UUID, MealAuthorisation> answers = new ConcurrentHashMap<>();
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < seniors.size(); i++) {
                Identification senior = seniors.get(i);
                LedgerFixture.Counter at = counters.get(i % counters.size());
                AuthoriseMeal sale = LedgerFixture.sale(at, senior, LedgerFixture.lunchOn(day, i));
                work.add(pool.submit(() -> {
                    // a terminal retries the same sale id until it gets an answer
                    // bounded by time, not attempts: on a loaded machine the killer can hit many attempts in a row
                    long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (true) {
                        try {
                            answers.put(sale.saleId(), ledger.authorise(at.counter(), sale));
                            // and a late duplicate retry must get the same answer and record nothing
                            assertEquals(answers.get(sale.saleId()), ledger.authorise(at.counter(), sale));
                            return;
                        } catch (ApiException e) {
                            throw e;
                        } catch (RuntimeException e) {
                            if (System.nanoTime() > giveUpAt) {
                                throw e;
                            }
                            sleep(5);
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            killer.join();
            pool.shutdownNow();
        }
        assertEquals(seniors.size(), answers.size());
        assertEquals(seniors.size(), count("select count(*) from meal_entry where meal_date = '" + day + "'"));
        assertLedgerEqualsCounters();
        System.out.println("connections terminated during the run: " + killed.get());
    }

    @Test
    void voidsRacingNewSalesNeverTakeTheQuotaBelowZeroOrOverTheCap() throws Exception {
        List<LedgerFixture.Counter> counters = LedgerFixture.counters(em);
        Identification senior = LedgerFixture.uidCards(SampleProfile.ROUTE_AGE_80, 50, 1).get(0);
        LedgerFixture.Counter home = counters.get(0);
        LocalDate day = ChinaCalendar.weekOf(today()).monday().minusWeeks(25);
        clock.set(LedgerFixture.lunchOn(day, 0));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<UUID> grantedSales = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            for (int round = 0; round < 40; round++) {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    AuthoriseMeal sale = LedgerFixture.sale(home, senior, LedgerFixture.lunchOn(day, round));
                    work.add(pool.submit(() -> {
                        try {
                            grantedSales.add(TransientFailures.retry(() -> ledger.authorise(home.counter(), sale)).saleId());
                        } catch (ApiException refused) {
                            assertEquals("QUOTA_USED_TODAY", refused.code());
                        }
                    }));
                }
                for (UUID granted : List.copyOf(grantedSales)) {
                    work.add(pool.submit(() -> {
                        VoidMeal v = new VoidMeal(UUID.randomUUID(), granted, LedgerFixture.lunchOn(day, 100), "测试撤销");
                        try {
                            MealVoid answer = TransientFailures.retry(() -> ledger.voidSale(home.counter(), v));
                            assertTrue(answer.remainingToday() >= 0 && answer.remainingToday() <= 1);
                            grantedSales.remove(granted);
                        } catch (ApiException alreadyVoided) {
                            assertEquals("SALE_ALREADY_VOIDED", alreadyVoided.code());
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
                long used = count("select coalesce(sum(used), 0) from quota_day where meal_date = '" + day + "'");
                assertTrue(used >= 0 && used <= 1, "quota used " + used);
            }
        } finally {
            pool.shutdownNow();
        }
        assertLedgerEqualsCounters();
    }

    @Test
    void thirtyTwoRetriesOfOneSaleAndOfOneVoidAtOnceAreEachRecordedOnceAndAllGetTheFirstAnswer() throws Exception {
        List<LedgerFixture.Counter> counters = LedgerFixture.counters(em);
        Identification senior = LedgerFixture.uidCards(SampleProfile.ROUTE_AGE_80, 60, 1).get(0);
        LedgerFixture.Counter home = counters.get(0);
        LocalDate day = ChinaCalendar.weekOf(today()).monday().minusWeeks(30);
        clock.set(LedgerFixture.lunchOn(day, 0));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 5; round++) {
                // the same sale id and body from 32 threads: a counter retrying while its first attempts are in flight
                AuthoriseMeal sale = LedgerFixture.sale(home, senior, LedgerFixture.lunchOn(day, round));
                List<MealAuthorisation> sold = allAtOnce(pool,
                        () -> TransientFailures.retry(() -> ledger.authorise(home.counter(), sale)));
                sold.forEach(answer -> assertEquals(sold.get(0), answer));
                assertEquals(MealAuthorisation.SUBSIDISED, sold.get(0).status());
                assertEquals(1, count("select count(*) from meal_entry where entry_id = '" + sale.saleId() + "'"));

                VoidMeal voiding = new VoidMeal(UUID.randomUUID(), sale.saleId(), LedgerFixture.lunchOn(day, 90), "测试撤销");
                List<MealVoid> voided = allAtOnce(pool,
                        () -> TransientFailures.retry(() -> ledger.voidSale(home.counter(), voiding)));
                voided.forEach(answer -> assertEquals(voided.get(0), answer));
                assertEquals(1, voided.get(0).remainingToday());
                assertEquals(1, count("select count(*) from meal_entry where reverses_entry_id = '" + sale.saleId() + "'"));
                assertEquals(0, count("select coalesce(sum(used), 0) from quota_day where meal_date = '" + day + "'"
                        + " and senior_id = (select senior_id from meal_entry where entry_id = '" + sale.saleId() + "')"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertLedgerEqualsCounters();
    }

    /** Runs the same call on {@link #THREADS} threads released at once; every answer, or the first failure. */
    private static <T> List<T> allAtOnce(ExecutorService pool, java.util.concurrent.Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> answers = new ArrayList<>();
        for (Future<T> f : futures) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private void assertLedgerEqualsCounters() throws SQLException {
        LedgerFixture.assertLedgerEqualsCounters(dataSource);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Terminates the server processes of the application's other connections that are inside a transaction. */
    private int terminateOtherBackends() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select count(pg_terminate_backend(pid)) from pg_stat_activity
                     where datname = current_database() and pid <> pg_backend_pid()
                       and state in ('active', 'idle in transaction') and query not like '%pg_stat_activity%'""")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private LocalDate today() {
        return ChinaCalendar.mealDate(clock.instant());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
