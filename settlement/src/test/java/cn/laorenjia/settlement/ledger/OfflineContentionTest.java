package cn.laorenjia.settlement.ledger;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.ledger.service.AuthoriseMeal;
import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.contract.offline.OfflineSaleResult;
import cn.laorenjia.settlement.ledger.service.OfflineSales;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offline sync batches racing each other and live sales for the same seniors on a real PostgreSQL: a batch locks its
 * seniors together, so no deadlock (no retry is used here to hide one), exactly one sale per senior and day takes the
 * quota whoever arrives first, the others are conflicts or rejections, and the counters equal the ledger.
 */
@QuarkusTest
class OfflineContentionTest {

    private static final int ROUNDS = 6;
    private static final int SENIORS_PER_ROUND = 12;

    @Inject
    MealLedger ledger;

    @Inject
    OfflineSales offline;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Test
    void syncBatchesFromTwoTerminalsAndLiveSalesNeverPassTheCapNorDeadlock() throws Exception {
        // one terminal per canteen: each round's two offline terminals are fresh ones, so the central's offline
        // allowance per terminal and day (40) never caps them (12 sales each); the live counter is another canteen's
        List<LedgerFixture.Counter> canteens = new ArrayList<>(LedgerFixture.counters(em).stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.counter().canteenId(), c -> c, (x, y) -> x,
                        java.util.LinkedHashMap::new)).values());
        assertTrue(canteens.size() >= 2 * ROUNDS + 1, "enough canteens: " + canteens.size());
        LedgerFixture.Counter live = canteens.get(2 * ROUNDS);
        List<Identification> seniors = LedgerFixture.uidCards(SampleProfile.ROUTE_AGE_80, 60, ROUNDS * SENIORS_PER_ROUND);
        LocalDate day = lastWeekday();
        // the live counter sells "now", a minute after the offline sales it races
        clock.set(LedgerFixture.lunchOn(day, 60));
        Random random = new Random(11);
        ExecutorService pool = Executors.newFixedThreadPool(2 + SENIORS_PER_ROUND);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Identification> group = seniors.subList(round * SENIORS_PER_ROUND, (round + 1) * SENIORS_PER_ROUND);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<OfflineSaleResult>>> batches = new ArrayList<>();
                for (LedgerFixture.Counter terminal : List.of(canteens.get(2 * round), canteens.get(2 * round + 1))) {
                    List<Identification> order = new ArrayList<>(group);
                    Collections.shuffle(order, random);
                    List<OfflineSales.OfflineSale> sales = new ArrayList<>();
                    for (int i = 0; i < order.size(); i++) {
                        sales.add(new OfflineSales.OfflineSale(
                                LedgerFixture.sale(terminal, order.get(i), LedgerFixture.lunchOn(day, i)), true));
                    }
                    batches.add(pool.submit(after(start, () -> offline.take(terminal.counter(), sales))));
                }
                List<Future<Boolean>> lives = new ArrayList<>();
                for (Identification senior : group) {
                    AuthoriseMeal sale = LedgerFixture.sale(live, senior, LedgerFixture.lunchOn(day, 30));
                    lives.add(pool.submit(after(start, () -> {
                        try {
                            ledger.authorise(live.counter(), sale);
                            return true;
                        } catch (ApiException refused) {
                            assertEquals("QUOTA_USED_TODAY", refused.code());
                            return false;
                        }
                    })));
                }
                start.countDown();

                long liveGranted = 0;
                for (Future<Boolean> f : lives) {
                    liveGranted += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                long confirmed = 0;
                for (Future<List<OfflineSaleResult>> batch : batches) {
                    List<OfflineSaleResult> results = batch.get(60, TimeUnit.SECONDS);
                    assertEquals(SENIORS_PER_ROUND, results.size());
                    for (OfflineSaleResult r : results) {
                        assertTrue(Set.of("SUBSIDISED", "OFFLINE_CONFLICT", "REJECTED").contains(r.status()), r.toString());
                        if (r.status().equals("SUBSIDISED")) {
                            confirmed++;
                        } else if (r.status().equals("REJECTED")) {
                            assertEquals("OFFLINE_ALLOWANCE_EXCEEDED", r.code());
                        } else {
                            assertEquals("QUOTA_USED_TODAY", r.code());
                            assertEquals(0, r.authorisation().operatingSubsidy().fen());
                        }
                    }
                }
                // every senior of the round got exactly one subsidised meal that day: live or synced, never both
                assertEquals(SENIORS_PER_ROUND, liveGranted + confirmed, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        LedgerFixture.assertLedgerEqualsCounters(dataSource);
    }

    private static <T> Callable<T> after(CountDownLatch start, Callable<T> work) {
        return () -> {
            start.await();
            return work.call();
        };
    }

    /** The latest weekday before today (Beijing): within the offline window and not a day other tests use. */
    private LocalDate lastWeekday() {
        LocalDate day = ChinaCalendar.mealDate(clock.instant()).minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }
}
