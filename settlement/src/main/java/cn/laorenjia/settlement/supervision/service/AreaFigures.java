package cn.laorenjia.settlement.supervision.service;

import cn.laorenjia.core.money.Money;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A month's figures of a 区, a 街镇 or a canteen, as supervisors read them. Counts only: no senior appears in any of
 * them (PIPL). {@code subsidisedMeals} and {@code owed} are what is settled (day rows and later adjustments);
 * {@code sales}, the identification counts and {@code offlineSales} are the ledger's subsidised sales (voids not
 * subtracted: how a senior was identified is a property of the sale); {@code tillMeals} and
 * {@code tillSubsidised} are the till's records of every meal sold, voids subtracted (zero for counters that do not
 * send them yet).
 */
public record AreaFigures(String key, String district, String subdistrict, String code, String name, int canteens,
                          long subsidisedMeals, Money owed, long sales, long card, long qr, long manual,
                          long offlineSales, long tillMeals, long tillSubsidised) {

    /** Subsidised meals among all meals sold at the till, from the till's own records; null without them. */
    public Double subsidisedShare() {
        return tillMeals == 0 ? null : tillSubsidised / (double) tillMeals;
    }

    public Double cardShare() {
        return share(card);
    }

    public Double qrShare() {
        return share(qr);
    }

    public Double manualShare() {
        return share(manual);
    }

    public Double offlineShare() {
        return share(offlineSales);
    }

    private Double share(long part) {
        return sales == 0 ? null : part / (double) sales;
    }

    /** A level of the roll-up with its rows; {@code total} is the sum of the whole level. */
    public record Level(AreaFigures total, List<AreaFigures> rows) {
    }

    /** One page of canteens, sorted as asked. */
    public record CanteenPage(long total, int page, int pages, List<AreaFigures> rows) {
    }

    /** Settled meals and money of a month or a day, for the trends. */
    public record Point(LocalDate date, long meals, Money owed) {
    }

    public record MonthPoint(YearMonth month, long meals, Money owed) {
    }
}
