package cn.laorenjia.settlement.supervision.service;

import io.smallrye.config.ConfigMapping;

import java.time.LocalTime;

/**
 * The anomaly rules' thresholds ({@code laorenjia.anomaly.*}); the defaults are in application.properties and every
 * rule, formula and default is explained in settlement/SUPERVISION.md.
 */
@ConfigMapping(prefix = "laorenjia.anomaly")
public interface AnomalyConfig {

    /** When the nightly scan runs (cron with seconds, Asia/Shanghai), after the nightly settlement; "off" disables it. */
    String cron();

    /** The nightly scan also scans the previous month during its first days (late offline claims still arrive). */
    int previousMonthUntilDay();

    /** The longest a scan's transaction may take (a month of a district of 10,000 canteens takes minutes). */
    java.time.Duration scanTimeout();

    /** Most meals shown as a case's evidence. */
    int evidenceLimit();

    /**
     * A share compared with the district's: flagged when the canteen (or cashier) has at least {@code minMeals}
     * subsidised meals and its share is at least {@code minShare}, at least {@code ratioToMedian} times the district
     * median, and at least {@code minZ} binomial standard errors above that median.
     */
    interface ShareTest {
        int minMeals();

        double minShare();

        double ratioToMedian();

        double minZ();
    }

    ShareTest manualShareCanteen();

    ShareTest manualShareCashier();

    ShareTest offlineShare();

    ShareTest farFromHome();

    ClosingBurst closingBurst();

    interface ClosingBurst extends ShareTest {
        /** The last minutes before a slot closes. */
        int lastMinutes();

        LocalTime breakfastCloses();

        LocalTime lunchCloses();

        LocalTime dinnerCloses();
    }

    OfflineWhileOnline offlineWhileOnline();

    interface OfflineWhileOnline {
        /** Claims in contact minutes (ledger claims plus attempts refused as TERMINAL_WAS_ONLINE) to flag a canteen. */
        int minClaims();

        /** How many days back the nightly scan notes claims against terminal_contact (its retention). */
        int recentDays();
    }

    ManyCanteens manyCanteens();

    interface ManyCanteens {
        /** Different canteens in one Monday–Sunday week. */
        int minCanteens();
    }

    IneligibleSenior ineligibleSenior();

    interface IneligibleSenior {
        /** Meals and attempts for seniors not eligible that day, to flag a canteen. */
        int minCount();
    }

    SubsidisedShare subsidisedShare();

    interface SubsidisedShare {
        /** Subsidised ledger meals that the till never sold, to flag a canteen... */
        int minUnsold();

        /** ...and as a share of its subsidised meals. */
        double minUnsoldShare();
    }

    RoundTotals roundTotals();

    interface RoundTotals {
        /** A day total is round when it is a multiple of this (chance: 1 / modulus). */
        int modulus();

        int minDays();

        double minShare();

        double minZ();
    }

    IdenticalTotals identicalTotals();

    interface IdenticalTotals {
        int minDays();

        /** Days with the most frequent total. */
        int minRepeat();

        double minShare();

        /** Standard errors above the frequency a total that common would have by chance (see SUPERVISION.md). */
        double minZ();
    }

    SuddenGrowth suddenGrowth();

    interface SuddenGrowth {
        /** The late part of the month starts on this day of the month. */
        int lateFromDay();

        /** Days before the month that count as the canteen's history besides the month's early days. */
        int historyDays();

        int minHistoryDays();

        double minMeanPerDay();

        double minRatio();

        double ratioToMedian();

        double minZ();
    }
}
